package io.github.camelseedance.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * {@code GET /media/{uuid}.{extension}}: streams a stored file with its Content-Type and Content-Length while it
 * has not expired, 404 afterwards; scripted download faults answer their status instead, and a new video drawn
 * "not ready" answers its first GET with 422. {@code HEAD} answers the same headers without the body (not counted
 * as a download, never faulted).
 */
final class MediaHttpHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(MediaHttpHandler.class.getName());

    private final MediaStore media;
    private final FaultPlan faults;
    private final RequestJournal journal;

    MediaHttpHandler(MediaStore media, FaultPlan faults, RequestJournal journal) {
        this.media = media;
        this.faults = faults;
        this.journal = journal;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant receivedAt = Instant.now();
        exchange.getRequestBody().readAllBytes();
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        if (!head && !"GET".equals(exchange.getRequestMethod())) {
            error(exchange, receivedAt, 405, "methodNotAllowed", "Media can only be fetched with GET or HEAD.");
            return;
        }
        if (!head) {
            journal.recordMediaDownload();
            OptionalInt failure = faults.nextDownloadFailure();
            if (failure.isPresent()) {
                error(exchange, receivedAt, failure.getAsInt(), ErrorCodes.forHttpStatus(failure.getAsInt()),
                        "Simulated download failure.");
                return;
            }
        }
        String path = exchange.getRequestURI().getPath();
        Optional<StoredMedia> stored = media.findByFileName(path.substring(path.lastIndexOf('/') + 1));
        if (stored.isEmpty()) {
            error(exchange, receivedAt, 404, "notFound", "No such media, or its ttl expired.");
            return;
        }
        if (!head && media.takeNotReady(stored.get().uuid())) {
            journal.recordNotReadyAnswer();
            error(exchange, receivedAt, 422, ErrorCodes.MEDIA_NOT_READY,
                    "The video is still being written; retry the download shortly.");
            return;
        }
        MediaContent content = stored.get().content();
        long length;
        InputStream body;
        try {
            length = content.length();
            body = content.open();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot produce media " + stored.get().fileName(), e);
            error(exchange, receivedAt, 500, "internalServerError", "The simulator could not produce this file: " + e);
            return;
        }
        journal.record(HttpAnswers.record(exchange, "", List.of(), 200, false, receivedAt));
        if (head) {
            body.close();
            HttpAnswers.headersOnly(exchange, stored.get().contentType(), length);
        } else {
            HttpAnswers.stream(exchange, stored.get().contentType(), length, body);
        }
    }

    private void error(HttpExchange exchange, Instant receivedAt, int status, String code, String message) {
        journal.record(HttpAnswers.record(exchange, "", List.of(), status, false, receivedAt));
        HttpAnswers.text(exchange, status,
                Json.write(Map.of("errors", List.of(RunwareError.of(code, message).toJson()))),
                Map.of());
    }
}
