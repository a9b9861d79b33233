package io.github.camelseedance.runware.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

import javax.net.ssl.HttpsURLConnection;

/**
 * One GET of a media file, read by blocking reads on the calling thread into a buffer that thread keeps, and written
 * to a file: no buffer allocated per read and no hand-over between threads, where the JDK {@link HttpClient} reads
 * every body into new 16 KB buffers on its selector thread and passes each through its reactive pipeline (less than
 * half the CPU per byte, and far less garbage: the component's reference, "How waiting works", has the benchmark's
 * figures).
 * <p>
 * It takes the connection settings of an {@link HttpClient} (proxy, TLS context, redirects, connect timeout), so it
 * connects as that client would, over HTTP/1.1 with the JDK's keep-alive cache. A 2xx body goes to the file; another
 * answer's body is read and dropped (so that its connection can be kept). The wait for the answer's headers is bounded
 * by {@code timeout}; each read of the body by the time left to the deadline (or by {@code timeout} without one), so a
 * body still arriving at the deadline fails with {@link DeadlineBodySubscriber.DeadlinePassed}, as it does on the
 * HTTP client.
 */
final class BlockingFileGet {

    /** The size of each thread's read buffer. */
    static final int BUFFER_SIZE = 64 * 1024;

    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal
            .withInitial(() -> ByteBuffer.allocate(BUFFER_SIZE));

    /**
     * The answer's status and headers.
     *
     * @param status  the HTTP status
     * @param headers the headers
     */
    record Answer(int status, HttpHeaders headers) {
    }

    private final HttpClient settings;

    /** @param settings the client whose proxy, TLS context, redirect policy and connect timeout are used */
    BlockingFileGet(HttpClient settings) {
        this.settings = settings;
    }

    /**
     * @param  url      the URL
     * @param  file     the file a 2xx body is written to (created or truncated)
     * @param  timeout  how long the answer's headers may take, and (with no deadline) each read of the body
     * @param  deadline when the body must have arrived whole, {@code null} for none
     * @param  received told the bytes of each read of a 2xx body
     * @return          the answer's status and headers, once a 2xx body is in the file
     * @throws IOException when no answer or no whole body came (the file may hold part of it)
     */
    Answer get(URI url, Path file, Duration timeout, Instant deadline, LongConsumer received) throws IOException {
        HttpURLConnection connection = open(url);
        try {
            connection.setConnectTimeout(
                    millis(settings.connectTimeout().filter(connect -> connect.compareTo(timeout) < 0)
                            .orElse(timeout)));
            connection.setReadTimeout(millis(timeout));
            int status = connection.getResponseCode();
            HttpHeaders headers = headersOf(connection);
            if (status / 100 != 2) {
                drop(connection.getErrorStream());
                return new Answer(status, headers);
            }
            try (InputStream body = connection.getInputStream();
                    FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                copy(connection, body, out, timeout, deadline, received);
            }
            return new Answer(status, headers);
        } catch (IOException | RuntimeException e) {
            connection.disconnect();
            throw e;
        }
    }

    private HttpURLConnection open(URI url) throws IOException {
        Proxy proxy = settings.proxy().map(selector -> proxyFor(selector, url)).orElse(Proxy.NO_PROXY);
        HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection(proxy);
        connection.setInstanceFollowRedirects(settings.followRedirects() != HttpClient.Redirect.NEVER);
        connection.setUseCaches(false);
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(settings.sslContext().getSocketFactory());
        }
        return connection;
    }

    private static Proxy proxyFor(ProxySelector selector, URI url) {
        List<Proxy> proxies = selector.select(url);
        return proxies == null || proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
    }

    private static void copy(HttpURLConnection connection, InputStream body, FileChannel out, Duration timeout,
                             Instant deadline, LongConsumer received)
            throws IOException {
        ByteBuffer buffer = BUFFER.get();
        byte[] bytes = buffer.array();
        while (true) {
            if (deadline != null) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative() || left.isZero()) {
                    throw new DeadlineBodySubscriber.DeadlinePassed(deadline);
                }
                connection.setReadTimeout(millis(left.compareTo(timeout) < 0 ? left : timeout));
            }
            int read;
            try {
                read = body.read(bytes);
            } catch (SocketTimeoutException e) {
                if (deadline != null && !Instant.now().isBefore(deadline)) {
                    DeadlineBodySubscriber.DeadlinePassed passed = new DeadlineBodySubscriber.DeadlinePassed(deadline);
                    passed.initCause(e);
                    throw passed;
                }
                throw e;
            }
            if (read < 0) {
                return;
            }
            buffer.clear().limit(read);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            received.accept(read);
        }
    }

    private static HttpHeaders headersOf(HttpURLConnection connection) {
        Map<String, List<String>> fields = new HashMap<>();
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                fields.put(name, values);
            }
        });
        return HttpHeaders.of(fields, (name, value) -> true);
    }

    /** Reads and drops the body of a non-2xx answer, so that the connection can be reused. */
    private static void drop(InputStream body) {
        if (body == null) {
            return;
        }
        try (body) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the connection is not reused
        }
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }
}
