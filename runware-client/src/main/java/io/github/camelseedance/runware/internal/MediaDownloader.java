package io.github.camelseedance.runware.internal;

import io.github.camelseedance.runware.RunwareClient;
import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.error.RunwareTimeoutException;
import io.github.camelseedance.runware.model.DownloadedFile;
import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.runware.error.RunwareError;
import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.runware.model.DownloadedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Streams media to files: a 2xx body goes straight to a {@code .part} file, which is moved onto the target when
 * complete; other bodies are discarded. 404/410 mean the URL expired; 408, 429, 5xx and network errors are retried.
 */
public final class MediaDownloader {

    private final HttpTransport http;
    private final Retrier retrier;
    private final Duration timeout;
    private final ScheduledExecutorService scheduler;

    public MediaDownloader(HttpTransport http, Retrier retrier, Duration timeout, ScheduledExecutorService scheduler) {
        this.http = http;
        this.retrier = retrier;
        this.timeout = timeout;
        this.scheduler = scheduler;
    }

    /**
     * Downloads a file.
     *
     * @param  url      the URL
     * @param  target   the file to write
     * @param  deadline when the whole download must be done, or {@code null}: no retry starts after it, each
     *                  attempt's timeout ends at it, and a body still arriving at it is cancelled with a
     *                  {@link RunwareTimeoutException}
     * @return          the file
     */
    public CompletableFuture<DownloadedFile> download(URI url, Path target, Instant deadline) {
        Path partial = target.resolveSibling(target.getFileName() + ".part");
        try {
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException("Cannot create the directory of " + target, e));
        }
        HttpResponse.BodyHandler<Path> toPartialFile = info -> {
            HttpResponse.BodySubscriber<Path> body = info.statusCode() / 100 == 2
                    ? HttpResponse.BodySubscribers.ofFile(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)
                    : HttpResponse.BodySubscribers.replacing(null);
            return deadline == null ? body : new DeadlineBodySubscriber<>(body, scheduler, deadline);
        };
        return retrier.run("Download " + url, () -> http.send(HttpRequest.newBuilder(url)
                .timeout(Retrier.within(timeout, deadline)).GET().build(), toPartialFile)
                .handle((answer, error) -> outcomeOf(url, target, partial, answer, error)), deadline);
    }

    private static AttemptOutcome<DownloadedFile> outcomeOf(URI url, Path target, Path partial,
                                                            HttpResponse<Path> answer, Throwable error) {
        if (error != null) {
            Throwable cause = RunwareClient.unwrap(error);
            deleteQuietly(partial);
            if (cause instanceof DeadlineBodySubscriber.DeadlinePassed) {
                String message = "Download of " + url + " did not complete before its deadline";
                return AttemptOutcome.failed(new RunwareTimeoutException(message,
                        RunwareError.of(RunwareTimeoutException.CLIENT_WAIT_TIMEOUT, message, null), 0, cause));
            }
            return AttemptOutcome.retry(new RunwareConnectionException("Download of " + url + " failed: " + cause,
                    null, 0, cause), null);
        }
        int status = answer.statusCode();
        if (status / 100 == 2) {
            return complete(target, partial, answer);
        }
        if (status == 404 || status == 410) {
            return AttemptOutcome.failed(RunwareException.from(RunwareError.of("mediaNotFound", "Media " + url
                    + " answered HTTP " + status + ": expired or unknown (download videos before their ttl ends)",
                    null), status));
        }
        RunwareException failure = RunwareException.from(RunwareError.of(null, "HTTP " + status + " for " + url,
                null), status);
        return TransientStatus.isTransient(status)
                ? AttemptOutcome.retry(failure, TransientStatus.retryAfter(answer.headers()))
                : AttemptOutcome.failed(failure);
    }

    private static AttemptOutcome<DownloadedFile> complete(Path target, Path partial, HttpResponse<Path> answer) {
        try {
            try {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return AttemptOutcome.done(new DownloadedFile(target, Files.size(target),
                    answer.headers().firstValue("Content-Type").orElse(null)));
        } catch (IOException e) {
            return AttemptOutcome.failed(new UncheckedIOException("Cannot move the download to " + target, e));
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
