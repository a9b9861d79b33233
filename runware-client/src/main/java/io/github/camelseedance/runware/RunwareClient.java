package io.github.camelseedance.runware;

import java.math.BigDecimal;
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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.github.camelseedance.runware.RunwareClientListener.RequestKind;
import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareValidationException;
import io.github.camelseedance.runware.internal.AttemptOutcome;
import io.github.camelseedance.runware.internal.Base64FileBody;
import io.github.camelseedance.runware.internal.Futures;
import io.github.camelseedance.runware.internal.HttpTransport;
import io.github.camelseedance.runware.internal.Json;
import io.github.camelseedance.runware.internal.MediaDownloader;
import io.github.camelseedance.runware.internal.ResponseItem;
import io.github.camelseedance.runware.internal.Retrier;
import io.github.camelseedance.runware.internal.RetryAfter;
import io.github.camelseedance.runware.internal.RunwareResponse;
import io.github.camelseedance.runware.internal.Submission;
import io.github.camelseedance.runware.internal.SubmitBatcher;
import io.github.camelseedance.runware.internal.TaskStatuses;
import io.github.camelseedance.runware.model.DownloadedFile;
import io.github.camelseedance.runware.model.Estimate;
import io.github.camelseedance.runware.model.SubmitAck;
import io.github.camelseedance.runware.model.TaskDetails;
import io.github.camelseedance.runware.model.TaskState;
import io.github.camelseedance.runware.model.TaskStatus;
import io.github.camelseedance.runware.model.UploadedMedia;
import io.github.camelseedance.runware.model.VideoInferenceRequest;
import io.github.camelseedance.runware.model.VideoItem;
import io.github.camelseedance.runware.rules.ModelRules;
import io.github.camelseedance.runware.rules.PriceTable;
import io.github.camelseedance.runware.rules.Violation;

/**
 * The Runware REST client: every call is asynchronous, retried per the configured {@link RetryPolicy} while its
 * failure is {@linkplain RunwareException#retryable() retryable} (the one retry decision: the failure's family), with
 * the waits on the configured scheduler. The API key is only sent as the {@code Authorization} header of API requests
 * (never to download URLs) and never logged.
 */
public final class RunwareClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RunwareClient.class.getName());
    private static final String DRY_RUN_HEADER = "X-Runware-Dry-Run";
    /** Writes submitted tasks, its serializer found once, as the first client is made. */
    private static final ObjectWriter TASK_WRITER = Json.mapper().writerFor(VideoInferenceRequest.class);

    private final RunwareClientConfig config;
    private final URI endpoint;
    private final HttpTransport http;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Retrier retrier;
    private final MediaDownloader downloader;
    private final SubmitBatcher submits;
    private final Set<String> pricesSeenToDiffer = ConcurrentHashMap.newKeySet();

    /**
     * Creates a client.
     *
     * @param config the settings
     */
    public RunwareClient(RunwareClientConfig config) {
        this.config = config;
        this.endpoint = URI.create(config.baseUrl());
        RunwareClientListener listener = config.listener();
        this.http = new HttpTransport(config.httpClient(), config.transportExecutor(), listener, RequestKind.API);
        this.retrier = new Retrier(config.retryPolicy(), config.scheduler(), closed::get,
                () -> listener.retrying(RequestKind.API));
        this.downloader = new MediaDownloader(
                config.downloadHttpClients().stream()
                        .map(client -> new HttpTransport(client, config.downloadExecutor(), listener,
                                RequestKind.DOWNLOAD))
                        .toList(),
                new Retrier(config.retryPolicy(), config.scheduler(), closed::get,
                        () -> listener.retrying(RequestKind.DOWNLOAD)),
                config.downloadTimeout(), listener, config.scheduler(), config.downloadLimiter(),
                config.blockingDownloads());
        this.submits = new SubmitBatcher(config.submitBatchSize(), config.submitRequests(),
                (tasks, deadline) -> exchange(HttpRequest.BodyPublishers.ofByteArray(tasks), false, deadline));
        // the JSON of requests and answers is ready before the first submit: a burst of them at a route's start
        // does not wait for Jackson to introspect their types
        RunwareResponse.prepareReader();
    }

    /** @return the Runware endpoint this client talks to */
    public String baseUrl() {
        return config.baseUrl();
    }

    /**
     * Submits a {@code videoInference} task. The request is validated first ({@link ModelRules}): an invalid request
     * fails with a {@link RunwareValidationException} listing every violation and nothing is sent. Transient failures
     * are retried with the same taskUUID. When an attempt's answer was lost (no answer, a malformed one, HTTP 502 or
     * 504), the next attempt first asks Runware for the task with {@code getResponse} and resends only when Runware
     * does not know it. A resend answered {@code conflictTaskUUID} means the earlier send arrived:
     * {@link SubmitAck#alreadySubmitted()} is true. On the first attempt {@code conflictTaskUUID} is a real conflict:
     * the task fails, saying the taskUUID is already in use. Every failure carries the taskUUID.
     *
     * @param  request the task
     * @return         the acknowledgement, or the classified {@link RunwareException}
     */
    public CompletableFuture<SubmitAck> submit(VideoInferenceRequest request) {
        return submit(request, null);
    }

    /**
     * Submits a task like {@link #submit(VideoInferenceRequest)}, within a deadline: no retry starts after it (the
     * submit then fails with a {@link io.github.camelseedance.runware.error.RunwareTimeoutException} carrying the
     * taskUUID) and each attempt's timeout ends at it.
     *
     * @param  request  the task
     * @param  deadline the deadline, or {@code null} for none
     * @return          the acknowledgement
     */
    public CompletableFuture<SubmitAck> submit(VideoInferenceRequest request, Instant deadline) {
        return validated(request, r -> submit(r, false, deadline));
    }

    /**
     * Submits a task exactly once: asks Runware first whether a task with this taskUUID exists (a deterministic uuid,
     * see {@link IdempotentTaskUUID}) and, if it does, resumes it instead of submitting it again; otherwise submits it
     * like {@link #submit}, reading {@code conflictTaskUUID} also on the first attempt as "the task exists": the
     * taskUUID names the work. Validated before anything is sent.
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
        return validated(request, r -> getResponses(List.of(r.taskUUID()), deadline)
                .handle((statuses, probeFailed) -> statuses == null ? null : statuses.get(r.taskUUID()))
                .thenCompose(existing -> existing != null && existing.state() != TaskState.NOT_FOUND
                        ? CompletableFuture.completedFuture(new SubmitAck(r.taskUUID(), true))
                        : submit(r, true, deadline)));
    }

    private CompletableFuture<SubmitAck> submit(VideoInferenceRequest request, boolean conflictMeansOurs,
                                                Instant deadline) {
        byte[] task = Json.writeBytes(TASK_WRITER, request);
        return new Submission(request.taskUUID(), conflictMeansOurs,
                () -> submits.submit(request.taskUUID(), task, deadline),
                tasks -> exchange(tasks, false, deadline)).run(retrier, deadline);
    }

    /**
     * Prices a task with a dry run ({@code X-Runware-Dry-Run: 1}): validated like a submit, nothing runs or is billed
     * and the taskUUID stays free. When the price answered differs from the client's {@link PriceTable}, a warning
     * says so (once per price): the table is out of date.
     *
     * @param  request the task
     * @return         its price
     */
    public CompletableFuture<Estimate> estimate(VideoInferenceRequest request) {
        return validated(request, r -> Futures.map(send(List.of(r.toTask()), true), response -> {
            Estimate estimate = new Estimate(r.taskUUID(), response.itemFor(r.taskUUID()).cost());
            checkAgainstPriceTable(r, estimate.cost());
            return estimate;
        }));
    }

    private void checkAgainstPriceTable(VideoInferenceRequest request, BigDecimal answered) {
        Optional<BigDecimal> expected = ModelRules.forModel(request.model()).cost(request);
        if (answered == null || expected.isEmpty() || expected.get().compareTo(answered) == 0) {
            return;
        }
        String what = request.model() + ", " + (request.width() != null
                ? request.width() + "x" + request.height()
                : request.resolution()) + ", " + request.duration() + " s x " + request.expectedResults()
                      + (request.inputs().referenceVideos() != null ? ", video to video" : "");
        if (pricesSeenToDiffer.add(what + " " + answered)) {
            LOG.log(System.Logger.Level.WARNING, "Runware prices task {0} ({1}) at {2} USD, the client''s price table"
                                                 + " ({3}) at {4} USD: the table needs updating",
                    request.taskUUID(), what, answered.toPlainString(), PriceTable.SOURCE,
                    expected.get().toPlainString());
        }
    }

    /**
     * Polls tasks with ONE HTTP request carrying one {@code getResponse} task per uuid.
     *
     * @param  taskUUIDs the tasks (duplicates are polled once)
     * @return           a status for every task the answer speaks of ({@link TaskState#NOT_FOUND} for the not-found
     *                   family, not a failure); a task the answer leaves out is absent from the map. Fails only when
     *                   the request itself failed (after retries)
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
        uuids.forEach(uuid -> tasks.add(lookup("getResponse", uuid)));
        return Futures.map(send(tasks, false, deadline), response -> TaskStatuses.read(response, uuids));
    }

    /**
     * The details of a past task ({@code getTaskDetails}): its original request and response, also once
     * {@code getResponse} has forgotten the task.
     *
     * @param  taskUUID the task
     * @return          its details; fails with a {@link RunwareNotFoundException} when Runware does not know it
     */
    public CompletableFuture<TaskDetails> taskDetails(String taskUUID) {
        return Futures.map(send(List.of(lookup("getTaskDetails", taskUUID)), false), response -> {
            ResponseItem item = response.itemFor(taskUUID);
            RunwareResponse kept = item.response() == null
                    ? new RunwareResponse(200, List.of(), List.of())
                    : item.response().asResponse();
            TaskStatus status = TaskStatuses.read(kept, List.of(taskUUID)).get(taskUUID);
            return new TaskDetails(taskUUID, item.request(), status != null
                    ? status
                    : new TaskStatus(taskUUID, TaskState.PROCESSING, null, List.of(), List.of(), null));
        });
    }

    /**
     * The state of one task: {@code getResponse}, and when that no longer knows the task, {@code getTaskDetails}.
     *
     * @param  taskUUID the task
     * @return          its status, {@link TaskState#NOT_FOUND} when neither knows it
     */
    public CompletableFuture<TaskStatus> taskStatus(String taskUUID) {
        return getResponses(List.of(taskUUID)).thenCompose(statuses -> {
            TaskStatus status = statuses.get(taskUUID);
            if (status == null) {
                return CompletableFuture.failedFuture(new RunwareConnectionException("Runware's answer to getResponse"
                                                                                     + " of task " + taskUUID
                                                                                     + " says nothing about it",
                        RunwareError.of(null, null, taskUUID), 0,
                        null));
            }
            if (status.state() != TaskState.NOT_FOUND) {
                return CompletableFuture.completedFuture(status);
            }
            return recovered(taskUUID, status);
        });
    }

    /** What getTaskDetails knows of a task getResponse answered not found for; the not-found status when nothing. */
    private CompletableFuture<TaskStatus> recovered(String taskUUID, TaskStatus notFound) {
        return taskDetails(taskUUID).handle((details, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(details.status());
            }
            Throwable cause = Futures.unwrap(failure);
            return cause instanceof RunwareNotFoundException
                    ? CompletableFuture.completedFuture(notFound)
                    : CompletableFuture.<TaskStatus>failedFuture(cause);
        }).thenCompose(Function.identity());
    }

    /**
     * Stores an image, video or audio at Runware ({@code mediaStorage}, operation {@code upload}; the older
     * {@code imageUpload} is deprecated upstream).
     *
     * @param  media a URL, data URI or base64 text
     * @return       its {@code mediaUUID} and {@code mediaURL}
     */
    public CompletableFuture<UploadedMedia> uploadMedia(String media) {
        String uuid = UUID.randomUUID().toString();
        Map<String, Object> task = mediaStorage(uuid, "upload", media);
        return Futures.map(send(List.of(task), false), response -> uploaded(response, uuid));
    }

    private static UploadedMedia uploaded(RunwareResponse response, String uuid) {
        ResponseItem item = response.itemFor(uuid);
        if (item.mediaUUID() == null) {
            throw new RunwareConnectionException("Runware answer to upload " + uuid + " has no mediaUUID", null,
                    response.httpStatus(), null);
        }
        return new UploadedMedia(item.mediaUUID(), item.mediaURL());
    }

    /**
     * Deletes media stored at Runware ({@code mediaStorage}, operation {@code delete}).
     *
     * @param  mediaUUID the uuid {@link #uploadMedia} answered
     * @return           completes when deleted; fails with a {@link RunwareNotFoundException} for unknown media
     */
    public CompletableFuture<Void> deleteMedia(String mediaUUID) {
        String uuid = UUID.randomUUID().toString();
        return Futures.map(send(List.of(mediaStorage(uuid, "delete", mediaUUID)), false), response -> {
            response.itemFor(uuid);
            return null;
        });
    }

    private static Map<String, Object> mediaStorage(String taskUUID, String operation, String media) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("taskType", "mediaStorage");
        task.put("taskUUID", taskUUID);
        task.put("operation", operation);
        task.put("media", media);
        return task;
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
        String uuid = UUID.randomUUID().toString();
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("taskType", "mediaStorage");
        task.put("taskUUID", uuid);
        task.put("operation", "upload");
        HttpRequest.BodyPublisher body = Base64FileBody.of(task, "media", file, mimeType);
        return Futures.map(retrier.run(() -> "Runware request [mediaStorage " + uuid + "] of " + file.getFileName(),
                attempt -> exchange(body, false, null)), response -> uploaded(response, uuid));
    }

    /**
     * Downloads a file, streaming the body to disk (never whole in memory). The body goes to a {@code .part} sibling
     * first and is moved to {@code target} when complete. Transient failures are retried per the retry policy.
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
     * Downloads a finished video. HTTP 422 (a fresh video still being written), 408, 429, 5xx and network errors are
     * retried with backoff as long as retries start before the deadline. When the URL answers 404/410 (expired), the
     * URL is asked for again with {@code getResponse}, then {@code getTaskDetails}, and the video downloaded from a
     * new one; when neither gives another URL, the download fails naming the task and the video.
     *
     * @param  video    the video, with its task and URL
     * @param  target   the file to write
     * @param  deadline retries start only before it; {@code null} for the retry policy's count
     * @return          the file
     */
    public CompletableFuture<DownloadedFile> downloadVideo(VideoItem video, Path target, Instant deadline) {
        return fromFreshUrlWhenExpired(video, url -> downloader.download(url, target, deadline));
    }

    /**
     * Opens a finished video to be read as it arrives, with no file: a {@link DownloadStream} whose answer's headers
     * came with a 2xx. Failures before that are retried and an expired URL is asked for again, as
     * {@link #downloadVideo} does. Each attempt takes one of the downloads allowed at once until its answer's headers
     * came; the body then holds none, its reader pacing it. The stream must be read to its end within the download
     * timeout, counted from the attempt that opened it: after that its read fails. Close it when done with it.
     *
     * @param  video    the video, with its task and URL
     * @param  deadline retries start only before it; {@code null} for the retry policy's count
     * @return          the stream
     */
    public CompletableFuture<DownloadStream> openVideo(VideoItem video, Instant deadline) {
        return fromFreshUrlWhenExpired(video, url -> downloader.open(url, deadline));
    }

    /**
     * Fetches a video from its URL; when that answers 404/410 (expired), from another URL given by getResponse or
     * getTaskDetails; when neither gives one, fails naming the task and the video.
     */
    private <T> CompletableFuture<T> fromFreshUrlWhenExpired(VideoItem video,
                                                             Function<URI, CompletableFuture<T>> fetch) {
        return fetch.apply(video.videoURL()).exceptionallyCompose(failure -> {
            Throwable cause = Futures.unwrap(failure);
            if (!(cause instanceof RunwareNotFoundException expired) || video.taskUUID() == null) {
                return CompletableFuture.failedFuture(cause);
            }
            return freshUrl(video).thenCompose(fresh -> fresh.isPresent()
                    ? fetch.apply(fresh.get())
                    : CompletableFuture.failedFuture(new RunwareNotFoundException("The video " + video.videoUUID()
                                                                                  + " of task " + video.taskUUID()
                                                                                  + " is no longer served at "
                                                                                  + video.videoURL()
                                                                                  + " (its ttl expired), and neither getResponse nor getTaskDetails gives another URL for it",
                            RunwareError.of(expired.code(), expired.getMessage(), video.taskUUID()),
                            expired.httpStatus(), expired)));
        });
    }

    /** Another URL for a video whose URL expired: from getResponse, else from getTaskDetails. */
    private CompletableFuture<Optional<URI>> freshUrl(VideoItem video) {
        return getResponses(List.of(video.taskUUID()))
                .handle((statuses, failure) -> statuses == null ? null : statuses.get(video.taskUUID()))
                .thenCompose(status -> {
                    Optional<URI> fresh = otherUrl(status, video);
                    if (fresh.isPresent()) {
                        return CompletableFuture.completedFuture(fresh);
                    }
                    return taskDetails(video.taskUUID())
                            .handle((details, failure) -> details == null
                                    ? Optional.<URI>empty()
                                    : otherUrl(details.status(), video));
                });
    }

    private static Optional<URI> otherUrl(TaskStatus status, VideoItem video) {
        if (status == null) {
            return Optional.empty();
        }
        return status.items().stream().filter(item -> item.resultKey().equals(video.resultKey()))
                .map(VideoItem::videoURL).filter(Objects::nonNull).filter(url -> !url.equals(video.videoURL()))
                .findFirst();
    }

    /**
     * Low level: POSTs task objects as one JSON array and reads the answer, whatever its HTTP status. Retryable
     * failures are retried; when the retries run out the last answer is returned (or, when there was none, the
     * failure).
     *
     * @param  tasks  the task objects
     * @param  dryRun whether to send {@code X-Runware-Dry-Run: 1}
     * @return        the answer, or a {@link RunwareConnectionException}
     */
    public CompletableFuture<RunwareResponse> send(List<? extends Map<String, ?>> tasks, boolean dryRun) {
        return send(tasks, dryRun, null);
    }

    private CompletableFuture<RunwareResponse> send(List<? extends Map<String, ?>> tasks, boolean dryRun,
                                                    Instant deadline) {
        return retrier.runWithin(() -> "Runware request " + describe(tasks), deadline,
                attempt -> exchange(tasks, dryRun, deadline));
    }

    /** One HTTP exchange: its answer, classified (never a failed future); its timeout ends at the deadline. */
    private CompletableFuture<AttemptOutcome<RunwareResponse>> exchange(List<? extends Map<String, ?>> tasks,
                                                                        boolean dryRun, Instant deadline) {
        return exchange(HttpRequest.BodyPublishers.ofString(Json.write(tasks)), dryRun, deadline);
    }

    private CompletableFuture<AttemptOutcome<RunwareResponse>> exchange(HttpRequest.BodyPublisher body, boolean dryRun,
                                                                        Instant deadline) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(Retrier.within(config.requestTimeout(), deadline))
                .header("Authorization", "Bearer " + config.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(body);
        if (dryRun) {
            builder.header(DRY_RUN_HEADER, "1");
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray()).handle(this::outcomeOf);
    }

    private AttemptOutcome<RunwareResponse> outcomeOf(HttpResponse<byte[]> answer, Throwable error) {
        if (error != null) {
            Throwable cause = Futures.unwrap(error);
            return AttemptOutcome.failed(new RunwareConnectionException("Runware request to " + hostAndPort()
                                                                        + " failed: " + causes(cause),
                    null, 0, cause), null);
        }
        RunwareResponse response;
        try {
            response = RunwareResponse.parse(answer.statusCode(), answer.body());
        } catch (RunwareConnectionException malformed) {
            return AttemptOutcome.failed(malformed, null);
        }
        Optional<RunwareException> failure = response.requestFailure();
        return failure.isPresent()
                ? AttemptOutcome.kept(response, failure.get(), RetryAfter.of(answer.headers()))
                : AttemptOutcome.done(response);
    }

    private static Map<String, Object> lookup(String taskType, String taskUUID) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("taskType", taskType);
        task.put("taskUUID", taskUUID);
        return task;
    }

    private static String describe(List<? extends Map<String, ?>> tasks) {
        List<String> names = new ArrayList<>();
        for (Map<String, ?> task : tasks) {
            names.add(task.get("taskType") + " " + task.get("taskUUID"));
        }
        return names.size() <= 3 ? names.toString() : names.subList(0, 3) + " and " + (names.size() - 3) + " more";
    }

    /**
     * Checks a request against its model's rules ({@link ModelRules}), as every submit does before sending: the
     * provider-side rules too unless {@link RunwareClientConfig#providerRules()} is off.
     *
     * @param  request                    the task
     * @throws RunwareValidationException listing every violation
     */
    public void validate(VideoInferenceRequest request) {
        List<Violation> violations = ModelRules.forModel(request.model()).validate(request, config.providerRules());
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

    /** {@code api.runware.ai:443}: where the requests go. */
    private String hostAndPort() {
        int port = endpoint.getPort() > 0
                ? endpoint.getPort()
                : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
        return endpoint.getHost() + ":" + port;
    }

    /** A network error and its causes, each with its message: the JDK's often say nothing on their own. */
    static String causes(Throwable error) {
        StringBuilder text = new StringBuilder();
        Throwable cause = error;
        for (int depth = 0; cause != null && depth < 4; depth++, cause = cause.getCause()) {
            String one = cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            if (text.indexOf(one) < 0) {
                text.append(text.length() == 0 ? "" : ", caused by ").append(one);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return text.toString();
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
