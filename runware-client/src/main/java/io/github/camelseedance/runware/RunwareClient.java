package io.github.camelseedance.runware;

import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.internal.AnswerReader;
import io.github.camelseedance.runware.internal.Base64FileBody;
import io.github.camelseedance.runware.internal.AttemptOutcome;
import io.github.camelseedance.runware.internal.EnvelopeParser;
import io.github.camelseedance.runware.internal.HttpTransport;
import io.github.camelseedance.runware.internal.Json;
import io.github.camelseedance.runware.internal.MediaDownloader;
import io.github.camelseedance.runware.internal.Retrier;
import io.github.camelseedance.runware.internal.RunwareResponse;
import io.github.camelseedance.runware.internal.TaskStatusReader;
import io.github.camelseedance.runware.internal.TransientStatus;
import io.github.camelseedance.runware.model.DownloadedFile;
import io.github.camelseedance.runware.model.Estimate;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.UploadedMedia;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.rules.ModelRules;
import io.github.camelseedance.runware.rules.Violation;
import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.internal.AnswerReader;
import io.github.camelseedance.runware.internal.AttemptOutcome;
import io.github.camelseedance.runware.internal.EnvelopeParser;
import io.github.camelseedance.runware.internal.HttpTransport;
import io.github.camelseedance.runware.internal.Json;
import io.github.camelseedance.runware.internal.MediaDownloader;
import io.github.camelseedance.runware.internal.Retrier;
import io.github.camelseedance.runware.internal.RunwareResponse;
import io.github.camelseedance.runware.internal.TaskStatusReader;
import io.github.camelseedance.runware.internal.TransientStatus;
import io.github.camelseedance.runware.model.DownloadedFile;
import io.github.camelseedance.runware.model.Estimate;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.UploadedMedia;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.rules.ModelRules;
import io.github.camelseedance.runware.rules.Violation;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The Runware REST client: every call is asynchronous, retried per the configured {@link RetryPolicy} on 408, 429,
 * 5xx, network errors and malformed answers, with the waits on the configured scheduler. The API key is only sent as
 * the {@code Authorization} header of API requests (never to download URLs) and never logged.
 */
public final class RunwareClient implements AutoCloseable {

    private static final String DRY_RUN_HEADER = "X-Runware-Dry-Run";

    private final RunwareClientConfig config;
    private final URI endpoint;
    private final HttpTransport http;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Retrier retrier;
    private final MediaDownloader downloader;

    /**
     * Creates a client.
     *
     * @param config the settings
     */
    public RunwareClient(RunwareClientConfig config) {
        this.config = config;
        this.endpoint = URI.create(config.baseUrl());
        this.http = new HttpTransport(config.httpClient(), config.transportExecutor());
        this.retrier = new Retrier(config.retryPolicy(), config.scheduler(), closed::get);
        this.downloader = new MediaDownloader(new HttpTransport(config.httpClient(), config.downloadExecutor()),
                retrier, config.downloadTimeout(), config.scheduler());
    }

    /** @return the settings of this client */
    public RunwareClientConfig config() {
        return config;
    }

    /**
     * Submits a {@code videoInference} task. The request is validated first ({@link ModelRules}): an invalid request
     * fails with a {@link RunwareValidationException} listing every violation and nothing is sent. Transient failures
     * are retried with the same taskUUID; an answer that the uuid was already submitted (one of
     * {@link RunwareClientConfig#duplicateTaskCodes()}) completes with {@link SubmitAck#alreadySubmitted()} true.
     *
     * @param  request the task
     * @return         the acknowledgement, or the classified {@link RunwareException}
     */
    public CompletableFuture<SubmitAck> submit(VideoInferenceRequest request) {
        return submit(request, null);
    }

    /**
     * Submits a task like {@link #submit(VideoInferenceRequest)}, within a deadline: no retry starts after it and
     * each attempt's timeout ends at it.
     *
     * @param  request  the task
     * @param  deadline the deadline, or {@code null} for none
     * @return          the acknowledgement
     */
    public CompletableFuture<SubmitAck> submit(VideoInferenceRequest request, Instant deadline) {
        return validated(request, r -> map(send(List.of(r.toTask()), false, deadline),
                response -> AnswerReader.submitAck(response, r.taskUUID(), config.duplicateTaskCodes())));
    }

    /**
     * Submits a task exactly once: asks Runware first whether a task with this taskUUID exists (a deterministic uuid,
     * see {@link IdempotentTaskUUID}) and, if it does, resumes it instead of submitting it again; otherwise submits it
     * like {@link #submit}. Validated before anything is sent.
     *
     * @param  request the task, whose taskUUID identifies it across retries, redeliveries and restarts
     * @return         the acknowledgement; {@link SubmitAck#alreadySubmitted()} when the task existed already
     */
    public CompletableFuture<SubmitAck> submitOnce(VideoInferenceRequest request) {
        return submitOnce(request, null);
    }

    /**
     * Submits a task exactly once like {@link #submitOnce(VideoInferenceRequest)}, within a deadline: no retry (of
     * the lookup or the submit) starts after it and each attempt's timeout ends at it.
     *
     * @param  request  the task
     * @param  deadline the deadline, or {@code null} for none
     * @return          the acknowledgement
     */
    public CompletableFuture<SubmitAck> submitOnce(VideoInferenceRequest request, Instant deadline) {
        return validated(request, r -> getResponses(List.of(r.taskUUID()), deadline).thenCompose(statuses -> {
            TaskStatus existing = statuses.get(r.taskUUID());
            if (existing != null && existing.state() != TaskState.NOT_FOUND) {
                return CompletableFuture.completedFuture(new SubmitAck(r.taskUUID(), true));
            }
            return submit(r, deadline);
        }));
    }

    /**
     * Prices a task with a dry run ({@code X-Runware-Dry-Run: 1}): validated like a submit, nothing runs or is billed
     * and the taskUUID stays free.
     *
     * @param  request the task
     * @return         its price
     */
    public CompletableFuture<Estimate> estimate(VideoInferenceRequest request) {
        return validated(request, r -> map(send(List.of(r.toTask()), true),
                response -> AnswerReader.estimate(response, r.taskUUID())));
    }

    /**
     * Polls tasks with ONE HTTP request carrying one {@code getResponse} task per uuid.
     *
     * @param  taskUUIDs the tasks (duplicates are polled once)
     * @return           a status for every uuid ({@code taskNotFound} gives {@link TaskState#NOT_FOUND}, not a
     *                   failure); fails only when the request itself failed (after retries)
     */
    public CompletableFuture<Map<String, TaskStatus>> getResponses(Collection<String> taskUUIDs) {
        return getResponses(taskUUIDs, null);
    }

    private CompletableFuture<Map<String, TaskStatus>> getResponses(Collection<String> taskUUIDs, Instant deadline) {
        Set<String> uuids = new LinkedHashSet<>(taskUUIDs);
        if (uuids.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (String uuid : uuids) {
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("taskType", "getResponse");
            task.put("taskUUID", uuid);
            tasks.add(task);
        }
        return map(send(tasks, false, deadline), response -> TaskStatusReader.read(response, uuids));
    }

    /**
     * Stores an image at Runware ({@code imageUpload}).
     *
     * @param  image a URL, data URI, base64 text or UUID
     * @return       its {@code imageUUID} and {@code imageURL}
     */
    public CompletableFuture<UploadedMedia> uploadImage(String image) {
        String uuid = UUID.randomUUID().toString();
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("taskType", "imageUpload");
        task.put("taskUUID", uuid);
        task.put("image", image);
        return map(send(List.of(task), false), response -> AnswerReader.uploaded(response, uuid, "image"));
    }

    /**
     * Stores an image, video or audio at Runware ({@code mediaStorage}, operation {@code upload}).
     *
     * @param  media a URL, data URI or base64 text
     * @return       its {@code mediaUUID} and {@code mediaURL}
     */
    public CompletableFuture<UploadedMedia> uploadMedia(String media) {
        String uuid = UUID.randomUUID().toString();
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("taskType", "mediaStorage");
        task.put("taskUUID", uuid);
        task.put("operation", "upload");
        task.put("media", media);
        return map(send(List.of(task), false), response -> AnswerReader.uploaded(response, uuid, "media"));
    }

    /**
     * Stores an image at Runware ({@code imageUpload}) from a file, streamed: the request is base64 encoded as the file
     * is read, so a file of any size costs a fixed amount of memory.
     *
     * @param  file     the image file
     * @param  mimeType its MIME type
     * @return          its {@code imageUUID} and {@code imageURL}
     */
    public CompletableFuture<UploadedMedia> uploadImage(Path file, String mimeType) {
        return upload("imageUpload", "image", Map.of(), file, mimeType);
    }

    /**
     * Stores an image, video or audio at Runware ({@code mediaStorage}, operation {@code upload}) from a file,
     * streamed: the request is base64 encoded as the file is read, so a file of any size costs a fixed amount of
     * memory.
     *
     * @param  file     the file
     * @param  mimeType its MIME type
     * @return          its {@code mediaUUID} and {@code mediaURL}
     */
    public CompletableFuture<UploadedMedia> uploadMedia(Path file, String mimeType) {
        return upload("mediaStorage", "media", Map.of("operation", "upload"), file, mimeType);
    }

    private CompletableFuture<UploadedMedia> upload(String taskType, String field, Map<String, Object> fields, Path file,
                                                    String mimeType) {
        String uuid = UUID.randomUUID().toString();
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("taskType", taskType);
        task.put("taskUUID", uuid);
        task.putAll(fields);
        HttpRequest.BodyPublisher body = Base64FileBody.of(task, field, file, mimeType);
        String what = "Runware request [" + taskType + " " + uuid + "] of " + file.getFileName();
        CompletableFuture<RunwareResponse> sent = retrier.run(what, () -> http.send(request(body, false, null),
                HttpResponse.BodyHandlers.ofString()).handle(RunwareClient::outcomeOf));
        return map(sent, response -> AnswerReader.uploaded(response, uuid, field));
    }

    /**
     * Downloads a file, streaming the body to disk (never whole in memory). The body goes to a {@code .part} sibling
     * first and is moved to {@code target} when complete. Transient failures are retried.
     *
     * @param  url    the URL (no credentials are sent to it)
     * @param  target the file to write (replaced when it exists; parent directories are created)
     * @return        the file, its size and content type; 404/410 fail with {@link RunwareNotFoundException} (an
     *                expired URL)
     */
    public CompletableFuture<DownloadedFile> download(URI url, Path target) {
        return download(url, target, null);
    }

    /**
     * Downloads a file like {@link #download(URI, Path)}, within a deadline: no retry starts after it, each attempt's
     * timeout ends at it, and a body still arriving at it is cancelled (its {@code .part} file deleted) with a
     * {@link io.github.camelseedance.runware.error.RunwareTimeoutException}.
     *
     * @param  url      the URL (no credentials are sent to it)
     * @param  target   the file to write
     * @param  deadline the deadline, or {@code null} for none
     * @return          the file, its size and content type
     */
    public CompletableFuture<DownloadedFile> download(URI url, Path target, Instant deadline) {
        return downloader.download(url, target, deadline);
    }

    /**
     * Low level: POSTs task objects as one JSON array and parses the answer envelope, whatever its HTTP status.
     * Answers with status 408, 429 or 5xx, network errors and malformed answers are retried; when the retries run
     * out the last envelope is returned (or, when there was none, the failure).
     *
     * @param  tasks  the task objects
     * @param  dryRun whether to send {@code X-Runware-Dry-Run: 1}
     * @return        the envelope, or a {@link RunwareConnectionException}
     */
    public CompletableFuture<RunwareResponse> send(List<? extends Map<String, ?>> tasks, boolean dryRun) {
        return send(tasks, dryRun, null);
    }

    private CompletableFuture<RunwareResponse> send(List<? extends Map<String, ?>> tasks, boolean dryRun,
                                                    Instant deadline) {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString(Json.write(tasks));
        String what = "Runware request " + describe(tasks);
        return retrier.run(what, () -> http.send(request(body, dryRun, deadline), HttpResponse.BodyHandlers.ofString())
                .handle(RunwareClient::outcomeOf), deadline);
    }

    private HttpRequest request(HttpRequest.BodyPublisher body, boolean dryRun, Instant deadline) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(Retrier.within(config.requestTimeout(), deadline))
                .header("Authorization", "Bearer " + config.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(body);
        if (dryRun) {
            builder.header(DRY_RUN_HEADER, "1");
        }
        return builder.build();
    }

    private static AttemptOutcome<RunwareResponse> outcomeOf(HttpResponse<String> answer, Throwable error) {
        if (error != null) {
            Throwable cause = unwrap(error);
            return AttemptOutcome.retry(new RunwareConnectionException("Runware request failed: " + cause, null, 0,
                    cause), null);
        }
        RunwareResponse response;
        try {
            response = EnvelopeParser.parse(answer.statusCode(), answer.headers().map(), answer.body());
        } catch (RunwareConnectionException malformed) {
            return AttemptOutcome.retry(malformed, null);
        }
        if (TransientStatus.isTransient(answer.statusCode())) {
            return AttemptOutcome.retryOrKeep(response, TransientStatus.retryAfter(answer.headers()));
        }
        return AttemptOutcome.done(response);
    }

    private static String describe(List<? extends Map<String, ?>> tasks) {
        List<String> names = new ArrayList<>();
        for (Map<String, ?> task : tasks) {
            names.add(task.get("taskType") + " " + task.get("taskUUID"));
        }
        return names.size() <= 3 ? names.toString() : names.subList(0, 3) + " and " + (names.size() - 3) + " more";
    }

    /**
     * Checks a request against its model's rules ({@link ModelRules}), as every submit does before sending.
     *
     * @param  request                    the task
     * @throws RunwareValidationException listing every violation
     */
    public static void validate(VideoInferenceRequest request) {
        List<Violation> violations = ModelRules.forModel(request.model()).validate(request);
        if (!violations.isEmpty()) {
            throw new RunwareValidationException(request.taskUUID(), violations);
        }
    }

    private <R> CompletableFuture<R> validated(VideoInferenceRequest request,
                                               Function<VideoInferenceRequest, CompletableFuture<R>> action) {
        try {
            validate(request);
        } catch (RunwareValidationException e) {
            return CompletableFuture.failedFuture(e);
        }
        return action.apply(request);
    }

    /** Maps a result, completing the returned future with the mapping's exception itself (not wrapped). */
    static <T, R> CompletableFuture<R> map(CompletableFuture<T> source, Function<T, R> mapping) {
        CompletableFuture<R> result = new CompletableFuture<>();
        source.whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(unwrap(error));
                return;
            }
            try {
                result.complete(mapping.apply(value));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Marks the client closed: calls and retries after this fail with {@link IllegalStateException}. */
    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "RunwareClient[" + config + "]";
    }
}
