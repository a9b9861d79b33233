package io.github.camelseedance.seedance.webhook;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * Reads a request body that Vert.x has not read yet (platform-http with {@code useBodyHandler=false} hands the paused
 * request over as the message body), keeping at most one byte past the cap; the rest of an oversized body is
 * discarded as it arrives. Loaded only when Vert.x is on the class path.
 */
final class VertxRequestBody {

    private VertxRequestBody() {
    }

    static boolean isStream(Object body) {
        return body instanceof ReadStream<?>;
    }

    /**
     * Appends the chunk, but keeps at most one byte past the cap.
     *
     * @return {@code true} when the body is now longer than {@code max}
     */
    static boolean appendUpTo(Buffer received, Buffer chunk, int max) {
        int room = max + 1 - received.length();
        received.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
        return received.length() > max;
    }

    @SuppressWarnings("unchecked")
    static byte[] read(Object body, int max, Duration timeout) throws IOException {
        ReadStream<Buffer> stream = (ReadStream<Buffer>) body;
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        Buffer received = Buffer.buffer();
        stream.exceptionHandler(done::completeExceptionally);
        stream.endHandler(ignored -> done.complete(received.getBytes()));
        stream.handler(chunk -> {
            if (done.isDone()) {
                return;
            }
            if (appendUpTo(received, chunk, max)) {
                done.complete(received.getBytes());
            }
        });
        stream.resume();
        try {
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while reading a webhook body");
        } catch (TimeoutException e) {
            throw new IOException("the body did not arrive within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IOException("reading the body failed: " + e.getCause(), e.getCause());
        }
    }
}
