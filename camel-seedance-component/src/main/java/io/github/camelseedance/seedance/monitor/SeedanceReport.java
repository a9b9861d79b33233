package io.github.camelseedance.seedance.monitor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;

import io.github.camelseedance.runware.BlockingDownloads;
import io.github.camelseedance.runware.DownloadLimiter;
import io.github.camelseedance.seedance.SeedanceComponent;
import io.github.camelseedance.seedance.cost.BudgetState;
import io.github.camelseedance.seedance.cost.Usd;
import io.github.camelseedance.seedance.journal.TaskJournal;
import io.github.camelseedance.seedance.journal.TaskRecord;
import io.github.camelseedance.seedance.journal.TaskStore;
import io.github.camelseedance.seedance.runtime.RunwareServices;
import io.github.camelseedance.seedance.runtime.SeedanceRuntime;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;

/**
 * What a started seedance component is doing, as the {@code seedance} dev console shows it and as applications (a
 * studio page, a status endpoint) read it: {@link #json} is the JSON document, {@link #text} its text rendering.
 * <p>
 * The document: {@code component}, {@code instance}, {@code batchPolling}, {@code tasksInFlight} (each with
 * {@code taskUUID}, {@code model}, {@code resolution}, {@code size}, {@code duration}, {@code results},
 * {@code resultsDone}, {@code state}, {@code owner}, {@code submittedAt}, {@code ageMillis}, {@code price},
 * {@code estimatedRemainingMillis} when known: the tasks this instance waits for), {@code store} (the task store's
 * {@code name}, its {@code tasksInFlight} whichever instance holds them, and the oldest {@value #STORE_TASKS_SHOWN}
 * as {@code tasks}, each with {@code taskUUID}, {@code model}, {@code owner}, {@code leaseLeftMillis},
 * {@code waiter}, {@code acknowledged}, {@code results}, {@code resultsDelivered}, {@code recordedAt},
 * {@code ageMillis}), {@code totals} (submitted, refused, success, partial, error,
 * timeout), {@code renderTimes} (the moving averages the estimates come from, each with {@code model},
 * {@code resolution}, {@code duration} and {@code averageMillis}), {@code budgets} (each with {@code account}, {@code period}, {@code periodKey}, {@code timeZone},
 * {@code limit}, {@code spent}, {@code reserved}, {@code remaining}, {@code resetsAt}, {@code exhausted}),
 * {@code spent} (USD per model settled here), {@code polls}, {@code pollRequests}, {@code httpAnswers},
 * {@code retries}, {@code downloads}, {@code downloadedBytes}, {@code downloadSlots} (the download limiter:
 * {@code adaptive}, {@code limit} now, {@code max}, {@code active}, {@code waiting}, {@code peakActive}, and with
 * blocking downloads {@code blockingReads} and {@code viaHttpClient}: the attempts read by blocking reads and those
 * handed to the HTTP client because the CPUs had room),
 * {@code webhooks}. Amounts are USD numbers.
 */
public final class SeedanceReport {

    /** The most tasks of the task store listed. */
    static final int STORE_TASKS_SHOWN = 50;

    private SeedanceReport() {
    }

    /**
     * @param  name      the name the component is registered under
     * @param  component a started component
     * @return           its JSON document
     */
    public static JsonObject json(String name, SeedanceComponent component) {
        SeedanceRuntime runtime = component.runtime();
        TaskMonitor monitor = runtime.monitor();
        JsonObject json = new JsonObject();
        json.put("component", name);
        json.put("instance", monitor.instanceId());
        json.put("batchPolling", runtime.isBatchPolling());
        long now = System.nanoTime();
        JsonArray tasks = new JsonArray();
        for (ActiveTask task : monitor.tasksInFlight()) {
            JsonObject entry = new JsonObject();
            entry.put("taskUUID", task.taskUUID());
            entry.put("model", task.model());
            entry.put("resolution", task.resolution());
            entry.put("size", task.size());
            entry.put("duration", task.duration());
            entry.put("results", task.results());
            entry.put("resultsDone", task.resultsDone());
            entry.put("state", task.state());
            entry.put("owner", task.owner());
            entry.put("submittedAt", task.submittedAt().toString());
            entry.put("ageMillis", task.age(now).toMillis());
            entry.put("price", task.price());
            monitor.progress(task.taskUUID()).map(TaskProgress::remaining)
                    .ifPresent(left -> entry.put("estimatedRemainingMillis", left.toMillis()));
            tasks.add(entry);
        }
        json.put("tasksInFlight", tasks);
        json.put("store", store(runtime.taskJournal()));
        json.put("totals", new JsonObject(new LinkedHashMap<>(monitor.totals())));
        JsonArray renderTimes = new JsonArray();
        for (RenderTimes.Observed observed : monitor.renderTimes().observed()) {
            JsonObject entry = new JsonObject();
            entry.put("model", observed.model());
            entry.put("resolution", observed.resolution());
            entry.put("duration", observed.duration());
            entry.put("averageMillis", observed.average().toMillis());
            renderTimes.add(entry);
        }
        json.put("renderTimes", renderTimes);
        JsonArray budgets = new JsonArray();
        for (BudgetState state : runtime.budgets().states()) {
            JsonObject entry = new JsonObject();
            entry.put("account", state.account());
            entry.put("period", state.budget().period().name());
            entry.put("periodKey", state.usage().period());
            entry.put("timeZone", state.budget().zone().getId());
            entry.put("limit", state.budget().limit());
            entry.put("spent", state.usage().spent());
            entry.put("reserved", state.usage().reserved());
            entry.put("remaining", state.remaining());
            entry.put("tasks", state.usage().tasks());
            entry.put("resetsAt", state.resetsAt().toOffsetDateTime().toString());
            entry.put("exhausted", state.exhausted());
            budgets.add(entry);
        }
        json.put("budgets", budgets);
        json.put("spent", new JsonObject(new LinkedHashMap<>(monitor.spent())));
        List<RunwareServices> services = runtime.allServices();
        json.put("polls", services.stream().mapToLong(s -> s.tracker().polls()).sum());
        json.put("pollRequests", services.stream().mapToLong(s -> s.tracker().pollRequests()).sum());
        json.put("httpAnswers", new JsonObject(new LinkedHashMap<>(monitor.httpAnswers())));
        json.put("retries", monitor.retries());
        json.put("downloads", monitor.downloads());
        json.put("downloadedBytes", monitor.downloadedBytes());
        DownloadLimiter limiter = runtime.downloadLimiter();
        JsonObject slots = new JsonObject();
        slots.put("adaptive", limiter.isAdaptive());
        slots.put("limit", limiter.limit());
        slots.put("max", limiter.max());
        slots.put("active", limiter.active());
        slots.put("waiting", limiter.waiting());
        slots.put("peakActive", limiter.peakActive());
        BlockingDownloads blocking = runtime.blockingDownloads();
        if (blocking != null) {
            slots.put("blockingReads", blocking.blockingReads());
            slots.put("viaHttpClient", blocking.handedOver());
        }
        json.put("downloadSlots", slots);
        json.put("webhooks", new JsonObject(new LinkedHashMap<>(monitor.webhooks())));
        return json;
    }

    /** The tasks in flight in the task store, whichever instance holds them (a fleet's, when it is shared). */
    private static JsonObject store(TaskJournal journal) {
        TaskStore store = journal.store();
        long now = System.currentTimeMillis();
        JsonObject json = new JsonObject();
        json.put("name", store.toString());
        json.put("tasksInFlight", store.inFlightCount());
        JsonArray tasks = new JsonArray();
        for (TaskRecord task : store.inFlight(STORE_TASKS_SHOWN)) {
            JsonObject entry = new JsonObject();
            entry.put("taskUUID", task.taskUUID());
            entry.put("model", task.model());
            entry.put("owner", task.owner());
            entry.put("leaseLeftMillis", task.leaseUntil() - now);
            entry.put("waiter", task.waiter());
            entry.put("acknowledged", task.acknowledged());
            entry.put("results", task.expectedResults());
            entry.put("resultsDelivered", task.delivered().size());
            entry.put("recordedAt", Instant.ofEpochMilli(task.recordedAt()).toString());
            entry.put("ageMillis", now - task.recordedAt());
            tasks.add(entry);
        }
        json.put("tasks", tasks);
        return json;
    }

    /** Appends the text rendering of a started component's document. */
    public static void text(String name, SeedanceComponent component, StringBuilder text) {
        JsonObject json = json(name, component);
        text.append(String.format("Seedance component %s on %s, batched polling %s%n", json.get("component"),
                json.get("instance"), Boolean.TRUE.equals(json.get("batchPolling")) ? "on" : "off"));
        JsonArray tasks = (JsonArray) json.get("tasksInFlight");
        text.append(String.format("%nTasks in flight: %d%n", tasks.size()));
        if (!tasks.isEmpty()) {
            text.append(String.format("  %-36s  %-10s  %-9s  %4s  %7s  %-18s  %8s  %8s  %9s  %s%n", "taskUUID", "state",
                    "size", "sec", "results", "model", "age", "left", "price", "owner"));
            for (Object item : tasks) {
                JsonObject task = (JsonObject) item;
                Object left = task.get("estimatedRemainingMillis");
                text.append(String.format("  %-36s  %-10s  %-9s  %4s  %3s/%-3s  %-18s  %8s  %8s  %9s  %s%n",
                        task.get("taskUUID"), task.get("state"), task.get("size"), task.get("duration"),
                        task.get("resultsDone"), task.get("results"), shortModel((String) task.get("model")),
                        seconds((Long) task.get("ageMillis")), left == null ? "?" : seconds((Long) left),
                        usd(task.get("price")), task.get("owner")));
            }
        }
        JsonObject store = (JsonObject) json.get("store");
        JsonArray stored = (JsonArray) store.get("tasks");
        text.append(String.format("%nTasks in flight in the task store %s: %s%s%n", store.get("name"),
                store.get("tasksInFlight"), stored.size() < ((Number) store.get("tasksInFlight")).intValue()
                        ? " (the " + stored.size() + " oldest shown)"
                        : ""));
        if (!stored.isEmpty()) {
            text.append(String.format("  %-36s  %-24s  %10s  %8s  %7s  %-18s  %-5s  %s%n", "taskUUID", "owner",
                    "lease left", "age", "results", "model", "acked", "waiter"));
            for (Object item : stored) {
                JsonObject task = (JsonObject) item;
                text.append(String.format("  %-36s  %-24s  %10s  %8s  %3s/%-3s  %-18s  %-5s  %s%n",
                        task.get("taskUUID"), task.get("owner"), seconds((Long) task.get("leaseLeftMillis")),
                        seconds((Long) task.get("ageMillis")), task.get("resultsDelivered"), task.get("results"),
                        shortModel((String) task.get("model")), task.get("acknowledged"),
                        task.get("waiter") == null ? "-" : task.get("waiter")));
            }
        }
        text.append(String.format("%nTotals:%n"));
        ((JsonObject) json.get("totals"))
                .forEach((outcome, n) -> text.append(String.format("  %-10s %d%n", outcome, n)));
        JsonArray renderTimes = (JsonArray) json.get("renderTimes");
        text.append(String.format("%nRender times observed (the estimates of time left):%s%n",
                renderTimes.isEmpty() ? " none yet" : ""));
        for (Object item : renderTimes) {
            JsonObject observed = (JsonObject) item;
            text.append(String.format("  %-18s  %-6s  %3s s  %8s%n", shortModel((String) observed.get("model")),
                    observed.get("resolution"), observed.get("duration"),
                    seconds((Long) observed.get("averageMillis"))));
        }
        JsonArray budgets = (JsonArray) json.get("budgets");
        text.append(String.format("%nBudgets:%s%n", budgets.isEmpty() ? " none" : ""));
        for (Object item : budgets) {
            JsonObject budget = (JsonObject) item;
            text.append(String.format("  %-24s %s %s (%s): spent %s + reserved %s of %s, %s left, resets %s%s%n",
                    budget.get("account"), budget.get("period"), budget.get("periodKey"), budget.get("timeZone"),
                    usd(budget.get("spent")), usd(budget.get("reserved")), usd(budget.get("limit")),
                    usd(budget.get("remaining")), budget.get("resetsAt"),
                    Boolean.TRUE.equals(budget.get("exhausted")) ? "  EXHAUSTED" : ""));
        }
        text.append(String.format("%nPolls %s in %s requests, retries %s, downloads %s (%s bytes)%n",
                json.get("polls"), json.get("pollRequests"), json.get("retries"), json.get("downloads"),
                json.get("downloadedBytes")));
        JsonObject slots = (JsonObject) json.get("downloadSlots");
        text.append(String.format("Downloads at once (%s): limit %s of at most %s, %s running, %s waiting, peak %s%n",
                Boolean.TRUE.equals(slots.get("adaptive")) ? "adaptive" : "fixed", slots.get("limit"),
                slots.get("max"), slots.get("active"), slots.get("waiting"), slots.get("peakActive")));
        if (slots.containsKey("blockingReads")) {
            text.append(String.format("Download attempts: %s by blocking reads, %s through the HTTP client%n",
                    slots.get("blockingReads"), slots.get("viaHttpClient")));
        }
        text.append(String.format("HTTP answers: %s%nWebhooks: %s%n%n", json.get("httpAnswers"), json.get("webhooks")));
    }

    private static String shortModel(String model) {
        return model == null ? "?" : model.substring(model.indexOf(':') + 1);
    }

    private static String seconds(Long millis) {
        return String.format("%.1fs", millis / 1000.0);
    }

    private static String usd(Object amount) {
        return amount instanceof BigDecimal value ? "$" + Usd.text(value) : "-";
    }
}
