package io.github.camelseedance.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code POST /v1}: applies the fault plan, checks the API key (Bearer header or a first {@code authentication}
 * task), lets the {@link ApiRequestProcessor} answer the tasks, journals the request and sends the answer.
 */
final class ApiHttpHandler implements HttpHandler {

    static final String DRY_RUN_HEADER = "X-Runware-Dry-Run";
    private static final System.Logger LOG = System.getLogger(ApiHttpHandler.class.getName());
    private static final Pattern API_KEY_VALUE = Pattern.compile("(\"apiKey\"\\s*:\\s*\")(?:[^\"\\\\]|\\\\.)*(\")");
    private static final String TRUNCATED_JSON = "{\"data\":[{\"taskType\":\"videoInference\",\"taskUUID\":\"";

    private final String apiKey;
    private final FaultPlan faults;
    private final RequestJournal journal;
    private final ApiRequestProcessor processor;
    private final ScheduledExecutorService scheduler;
    private final SingularErrors singularErrors;

    ApiHttpHandler(String apiKey, FaultPlan faults, RequestJournal journal, ApiRequestProcessor processor,
                   ScheduledExecutorService scheduler, SingularErrors singularErrors) {
        this.apiKey = apiKey;
        this.faults = faults;
        this.journal = journal;
        this.processor = processor;
        this.scheduler = scheduler;
        this.singularErrors = singularErrors;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            handleRequest(exchange);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "simulator failed to answer an API request", e);
            HttpAnswers.text(exchange, 500, Json.write(ApiAnswer.refusal(500, RunwareError.of(
                    "internalServerError", "Simulator error: " + e)).envelope(singularErrors, null)), Map.of());
        }
    }

    private void handleRequest(HttpExchange exchange) throws IOException {
        Instant receivedAt = Instant.now();
        String received = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String body = API_KEY_VALUE.matcher(received).replaceAll("$1***$2");
        boolean dryRun = isDryRun(exchange);
        List<Map<String, Object>> tasks = parseTasks(received);
        List<Map<String, Object>> journalTasks = tasks == null ? List.of() : masked(tasks);
        String path = exchange.getRequestURI().getPath();
        if (!path.equals("/v1") && !path.equals("/v1/")) {
            answer(exchange, body, journalTasks, dryRun, receivedAt, RequestFault.NONE, ApiAnswer.refusal(404,
                    RunwareError.of("notFound", "No such endpoint: " + path + ". The API is POST /v1.")), Map.of());
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            answer(exchange, body, journalTasks, dryRun, receivedAt, RequestFault.NONE, ApiAnswer.refusal(405,
                    RunwareError.of("methodNotAllowed", "Use POST with a JSON array of tasks.")), Map.of());
            return;
        }
        RequestFault fault = faults.nextRequestFault();
        switch (fault.action()) {
            case RESET -> {
                journal.record(HttpAnswers.record(exchange, body, journalTasks, -1, dryRun, receivedAt));
                HttpAnswers.closeWithoutAnswer(exchange);
            }
            case HTTP_ERROR -> answer(exchange, body, journalTasks, dryRun, receivedAt, fault,
                    ApiAnswer.refusal(fault.status(), RunwareError.of(ErrorCodes.forHttpStatus(fault.status()),
                            "Simulated HTTP " + fault.status() + ".")),
                    retryAfter(fault.status()));
            case MALFORMED_JSON -> {
                journal.record(HttpAnswers.record(exchange, body, journalTasks, 200, dryRun, receivedAt));
                send(fault, () -> HttpAnswers.text(exchange, 200, TRUNCATED_JSON, Map.of()));
            }
            case PROCESS, DROP_RESPONSE -> process(exchange, body, tasks, journalTasks, dryRun, receivedAt, fault);
        }
    }

    /** Runs the tasks; {@code body} is the journal's copy of the request body (API key masked). */
    private void process(HttpExchange exchange, String body, List<Map<String, Object>> tasks,
                         List<Map<String, Object>> journalTasks, boolean dryRun, Instant receivedAt,
                         RequestFault fault) {
        if (!authenticated(exchange, tasks)) {
            answer(exchange, body, journalTasks, dryRun, receivedAt, fault, ApiAnswer.refusal(401,
                    RunwareError.of(ErrorCodes.INVALID_API_KEY, "Invalid or missing API key.")), Map.of());
            return;
        }
        if (tasks == null || tasks.isEmpty()) {
            answer(exchange, body, journalTasks, dryRun, receivedAt, fault, ApiAnswer.refusal(400,
                    RunwareError.of(ErrorCodes.INVALID_REQUEST_BODY,
                            "The body must be a non-empty JSON array of task objects.")),
                    Map.of());
            return;
        }
        ApiAnswer answer = processor.process(tasks, dryRun, UUID.randomUUID().toString());
        if (fault.action() == RequestFault.Action.DROP_RESPONSE) {
            journal.record(HttpAnswers.record(exchange, body, journalTasks, -1, dryRun, receivedAt));
            send(fault, () -> HttpAnswers.closeWithoutAnswer(exchange));
            return;
        }
        answer(exchange, body, journalTasks, dryRun, receivedAt, fault, answer, Map.of());
    }

    private void answer(HttpExchange exchange, String body, List<Map<String, Object>> journalTasks, boolean dryRun,
                        Instant receivedAt, RequestFault fault, ApiAnswer answer, Map<String, String> headers) {
        int status = answer.status();
        journal.record(HttpAnswers.record(exchange, body, journalTasks, status, dryRun, receivedAt));
        String json = Json.write(answer.envelope(singularErrors, journalTasks.isEmpty() ? null : journalTasks.get(0)));
        send(fault, () -> HttpAnswers.text(exchange, status, json, headers));
    }

    /** Sends now, or later on the scheduler when the fault plan made this answer slow. */
    private void send(RequestFault fault, Runnable sending) {
        if (fault.delay().isZero()) {
            sending.run();
        } else {
            scheduler.schedule(sending, fault.delay().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private boolean authenticated(HttpExchange exchange, List<Map<String, Object>> tasks) {
        if (tasks != null && !tasks.isEmpty() && "authentication".equals(tasks.get(0).get("taskType"))) {
            return apiKey.equals(tasks.get(0).get("apiKey"));
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization != null && authorization.equals("Bearer " + apiKey);
    }

    private static boolean isDryRun(HttpExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst(DRY_RUN_HEADER);
        return value != null && (value.trim().equals("1") || value.trim().equalsIgnoreCase("true"));
    }

    private static Map<String, String> retryAfter(int status) {
        return status == 429 || status == 503 ? Map.of("Retry-After", "1") : Map.of();
    }

    /** The body as a list of task objects, or null when it is not a JSON array of objects. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parseTasks(String body) {
        try {
            if (Json.read(body) instanceof List<?> list && list.stream().allMatch(Map.class::isInstance)) {
                return (List<Map<String, Object>>) list;
            }
        } catch (JsonProcessingException e) {
            return null;
        }
        return null;
    }

    private static List<Map<String, Object>> masked(List<Map<String, Object>> tasks) {
        List<Map<String, Object>> copies = new ArrayList<>();
        for (Map<String, Object> task : tasks) {
            if (task.containsKey("apiKey")) {
                Map<String, Object> copy = new LinkedHashMap<>(task);
                copy.put("apiKey", "***");
                copies.add(copy);
            } else {
                copies.add(task);
            }
        }
        return List.copyOf(copies);
    }
}
