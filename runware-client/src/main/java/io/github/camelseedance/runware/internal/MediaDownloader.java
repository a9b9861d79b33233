package io.github.camelseedance.runware.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.camelseedance.runware.BlockingDownloads;
import io.github.camelseedance.runware.DownloadLimiter;
import io.github.camelseedance.runware.DownloadLimiter.Transfer;
import io.github.camelseedance.runware.DownloadStream;
import io.github.camelseedance.runware.RunwareClientListener;
import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.runware.model.DownloadedFile;

/**
 * Streams media to files: a 2xx body goes straight to a {@code .part} file, which is moved onto the target when
 * complete; other bodies are discarded. A failed GET is classified like an API answer: 404/410 mean the URL expired
 * ({@code mediaNotFound}); 422 means a freshly announced video is still being written ({@code mediaNotReady}, as
 * Runware's ComfyUI node reads it), retried like 408, 429, 5xx and network errors.
 * <p>
 * Each attempt takes a slot of the {@link DownloadLimiter} for as long as it runs. With {@link BlockingDownloads}, a
 * download to a file is read whole by one of the transports' executor threads when that chooses so
 * ({@link BlockingFileGet}: a reused buffer, no hand-over per read, less than half the CPU per byte), as many at once as
 * it has blocking threads. Otherwise, and for every stream, it goes through the HTTP client: the thread
 * that sends the GET is held until the answer's headers arrive, no longer, the body arrives on the client's own
 * threads ({@link StreamingBody}), and the attempt's end is handed back to the sending executor, so the downloads in
 * transfer at once are the limiter's number, not the threads'.
 */
public final class MediaDownloader {

    /** The code of a media GET answered 422: the file is announced but not written yet. */
    static final String NOT_READY = "mediaNotReady";
    /** The code of a media GET answered 404 or 410: the URL expired or never served anything. */
    static final String NOT_FOUND = "mediaNotFound";

    private final List<HttpTransport> transports;
    private final AtomicInteger nextTransport = new AtomicInteger();
    private final Retrier retrier;
    private final Duration timeout;
    private final RunwareClientListener listener;
    private final ScheduledExecutorService scheduler;
    private final DownloadLimiter limiter;
    /** Chooses which downloads to a file are read by blocking reads on the transports' executor; {@code null}: none. */
    private final BlockingDownloads blocking;

    /**
     * @param transports        the transports to download with, each attempt on the next one in turn (several HTTP
     *                          clients read on as many selector threads)
     * @param blocking          chooses which downloads to a file are read by blocking reads on the transports'
     *                          executor; {@code null} (or transports without one) for none
     */
    public MediaDownloader(List<HttpTransport> transports, Retrier retrier, Duration timeout,
                           RunwareClientListener listener,
                           ScheduledExecutorService scheduler, DownloadLimiter limiter, BlockingDownloads blocking) {
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("A media downloader needs at least one HTTP transport");
        }
        this.transports = List.copyOf(transports);
        this.retrier = retrier;
        this.timeout = timeout;
        this.listener = listener;
        this.scheduler = scheduler;
        this.limiter = limiter;
        this.blocking = transports.stream().allMatch(HttpTransport::hasExecutor) ? blocking : null;
    }

    /**
     * @param url      the URL (no credentials are sent to it)
     * @param target   the file to write
     * @param deadline retries start only before it, each attempt's timeout ends at it, and a body still arriving at
     *                 it is cancelled with a {@link RunwareTimeoutException}; {@code null} for the retry policy's
     *                 count
     * @return         the file; fails with the classified failure of the last attempt
     */
    public CompletableFuture<DownloadedFile> download(URI url, Path target, Instant deadline) {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            return CompletableFuture
                    .failedFuture(new UncheckedIOException("Cannot create the directory of " + target, e));
        }
        return retrier.runUntil(() -> "Download " + url, deadline,
                attempt -> limiter.run(transfer -> attempt(url, target, partial, deadline, transfer)))
                .thenApply(file -> {
                    listener.downloaded(file.size());
                    return file;
                });
    }

    /**
     * Opens a GET of the media and gives its body as it arrives, with no file. Retries as {@link #download} does until
     * a 2xx answer's headers came. Each attempt takes a slot of the {@link DownloadLimiter} until then, no longer: the
     * body is paced by its reader. (A slot held until the body was read would let a task's later videos, or a later
     * step's opens, wait for slots that unread streams hold, with nothing to free them.)
     *
     * @param  url      the URL (no credentials are sent to it)
     * @param  deadline retries start only before it, each attempt's timeout ends at it; {@code null} for the retry
     *                  policy's count
     * @return          the body, to be read within the download timeout of this attempt, after which its read fails
     */
    public CompletableFuture<DownloadStream> open(URI url, Instant deadline) {
        return retrier.runUntil(() -> "Download " + url, deadline,
                attempt -> limiter.run(transfer -> openAttempt(url, deadline, transfer::overloaded)));
    }

    /** @param overloaded told when the attempt failed of an overload */
    private CompletableFuture<AttemptOutcome<DownloadStream>> openAttempt(URI url, Instant deadline,
                                                                          Runnable overloaded) {
        Instant bodyDeadline = Instant.now().plus(timeout);
        HttpResponse.BodyHandler<InputStream> asStream = info -> info.statusCode() / 100 == 2
                ? new DeadlineBodySubscriber<>(HttpResponse.BodySubscribers.ofInputStream(), scheduler, bodyDeadline)
                : HttpResponse.BodySubscribers.replacing(null);
        HttpTransport http = transports.get(Math.floorMod(nextTransport.getAndIncrement(), transports.size()));
        return http.send(HttpRequest.newBuilder(url).timeout(Retrier.within(timeout, deadline)).GET().build(),
                asStream)
                .handle((answer, error) -> {
                    if (error != null || answer.statusCode() / 100 != 2) {
                        return MediaDownloader.<DownloadStream>failureOf(url, statusOf(answer), headersOf(answer),
                                error, overloaded);
                    }
                    long length = answer.headers().firstValueAsLong("Content-Length").orElse(-1);
                    return AttemptOutcome.done(new DownloadStream(answer.body(), url, length,
                            answer.headers().firstValue("Content-Type").orElse(null), listener::downloaded));
                });
    }

    private CompletableFuture<AttemptOutcome<DownloadedFile>> attempt(URI url, Path target, Path partial,
                                                                      Instant deadline, Transfer transfer) {
        HttpTransport http = transports.get(Math.floorMod(nextTransport.getAndIncrement(), transports.size()));
        if (blocking == null) {
            return attemptViaClient(http, url, target, partial, deadline, transfer);
        }
        return blocking.run(() -> blockingAttempt(http, url, target, partial, deadline, transfer),
                () -> attemptViaClient(http, url, target, partial, deadline, transfer));
    }

    private CompletableFuture<AttemptOutcome<DownloadedFile>> blockingAttempt(HttpTransport http, URI url, Path target,
                                                                              Path partial, Instant deadline,
                                                                              Transfer transfer) {
        return http.getToFile(url, partial, Retrier.within(timeout, deadline), deadline, transfer::received)
                .handle((answer, error) -> error != null
                        ? outcomeOf(url, target, partial, 0, null, null, error, transfer)
                        : outcomeOf(url, target, partial, answer.status(), answer.headers(),
                                answer.headers().firstValue("Content-Type").orElse(null), null, transfer));
    }

    private CompletableFuture<AttemptOutcome<DownloadedFile>> attemptViaClient(HttpTransport http, URI url,
                                                                               Path target, Path partial,
                                                                               Instant deadline, Transfer transfer) {
        HttpResponse.BodyHandler<CompletableFuture<Path>> toPartialFile = info -> {
            HttpResponse.BodySubscriber<Path> body = info.statusCode() / 100 == 2
                    ? HttpResponse.BodySubscribers.ofFile(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)
                    : HttpResponse.BodySubscribers.replacing(null);
            return new StreamingBody<>(
                    deadline == null ? body : new DeadlineBodySubscriber<>(body, scheduler, deadline),
                    transfer::received);
        };
        return http.send(HttpRequest.newBuilder(url).timeout(Retrier.within(timeout, deadline)).GET().build(),
                toPartialFile)
                .handle((answer, error) -> error != null
                        ? CompletableFuture.completedFuture(outcomeOf(url, target, partial, 0, null, null, error,
                                transfer))
                        : http.completeOnExecutor(answer.body())
                                .handle((file, bodyError) -> outcomeOf(url, target, partial, answer.statusCode(),
                                        answer.headers(), answer.headers().firstValue("Content-Type").orElse(null),
                                        bodyError, transfer)))
                .thenCompose(Function.identity());
    }

    /**
     * @param status      the answer's status, 0 when none came
     * @param headers     the answer's headers, {@code null} when none came
     * @param contentType the answer's Content-Type, {@code null} when it has none
     * @param error       why no answer or no whole body came, {@code null} when it did
     */
    private static AttemptOutcome<DownloadedFile> outcomeOf(URI url, Path target, Path partial, int status,
                                                            HttpHeaders headers, String contentType, Throwable error,
                                                            Transfer transfer) {
        if (error == null && status / 100 == 2) {
            return complete(target, partial, contentType);
        }
        if (error != null) {
            deleteQuietly(partial);
        }
        return failureOf(url, status, headers, error, transfer::overloaded);
    }

    private static int statusOf(HttpResponse<?> answer) {
        return answer == null ? 0 : answer.statusCode();
    }

    private static HttpHeaders headersOf(HttpResponse<?> answer) {
        return answer == null ? null : answer.headers();
    }

    /**
     * The failure of an attempt that gave no 2xx answer, or whose body failed: classified as an API answer would be.
     *
     * @param status     the answer's status, 0 when none came
     * @param headers    the answer's headers, {@code null} when none came
     * @param error      why no answer or no whole body came, {@code null} when a non-2xx answer did
     * @param overloaded told when the failure says the server or the network is overloaded
     */
    private static <T> AttemptOutcome<T> failureOf(URI url, int status, HttpHeaders headers, Throwable error,
                                                   Runnable overloaded) {
        if (error != null) {
            Throwable cause = Futures.unwrap(error);
            overloaded.run();
            if (cause instanceof DeadlineBodySubscriber.DeadlinePassed) {
                String message = "Download of " + url + " did not complete before its deadline";
                return AttemptOutcome.failed(new RunwareTimeoutException(message,
                        RunwareError.of(RunwareTimeoutException.CLIENT_WAIT_TIMEOUT, message, null), 0, cause), null);
            }
            return AttemptOutcome.failed(new RunwareConnectionException("Download of " + url + " failed: " + cause,
                    null, 0, cause), null);
        }
        if (status == 408 || status == 429 || status / 100 == 5) {
            overloaded.run();
        }
        String code = switch (status) {
            case 404, 410 -> NOT_FOUND;
            case 422 -> NOT_READY;
            default -> null;
        };
        String message = switch (status) {
            case 404, 410 -> "Media " + url + " answered HTTP " + status
                             + ": expired or unknown (download videos before their ttl ends)";
            case 422 -> "Media " + url + " answered HTTP 422: announced but still being written";
            default -> "HTTP " + status + " for " + url;
        };
        return AttemptOutcome.failed(RunwareException.from(RunwareError.of(code, message, null), status),
                RetryAfter.of(headers));
    }

    private static AttemptOutcome<DownloadedFile> complete(Path target, Path partial, String contentType) {
        try {
            try {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return AttemptOutcome.done(new DownloadedFile(target, Files.size(target), contentType));
        } catch (IOException e) {
            return AttemptOutcome.failed(new UncheckedIOException("Cannot move the download to " + target, e), null);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover .part file is truncated by the next attempt
        }
    }
}
