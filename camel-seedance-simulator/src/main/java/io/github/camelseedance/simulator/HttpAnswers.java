package io.github.camelseedance.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;

/** Writing answers on an exchange, and turning an exchange into a journal entry. */
final class HttpAnswers {

    private static final System.Logger LOG = System.getLogger(HttpAnswers.class.getName());

    private HttpAnswers() {
    }

    /** Sends a JSON (or any text) body with a Content-Length and closes the exchange. */
    static void text(HttpExchange exchange, int status, String body, Map<String, String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client went away before the answer was sent: {0}", e.toString());
        }
    }

    /** Streams a body of exactly {@code length} bytes and closes the exchange. */
    static void stream(HttpExchange exchange, String contentType, long length, InputStream body) {
        try (exchange; body) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(200, length == 0 ? -1 : length);
            try (OutputStream out = exchange.getResponseBody()) {
                body.transferTo(out);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "download interrupted: {0}", e.toString());
        }
    }

    /** Answers a HEAD request: status 200, the type and length of the file, no body. */
    static void headersOnly(HttpExchange exchange, String contentType, long length) {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
            exchange.sendResponseHeaders(200, -1);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "client went away before the answer was sent: {0}", e.toString());
        }
    }

    /** Closes the connection without any answer (the client sees a reset / empty reply). */
    static void closeWithoutAnswer(HttpExchange exchange) {
        exchange.close();
    }

    /** The request's headers with {@code Authorization} masked. */
    static Map<String, List<String>> maskedHeaders(HttpExchange exchange) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name,
                "Authorization".equalsIgnoreCase(name)
                        ? values.stream().map(HttpAnswers::mask).toList()
                        : List.copyOf(values)));
        return headers;
    }

    private static String mask(String authorization) {
        return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer ***" : "***";
    }

    static RecordedRequest record(HttpExchange exchange, String body, List<Map<String, Object>> tasks, int status,
                                  boolean dryRun, Instant receivedAt) {
        return new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), maskedHeaders(exchange), body, tasks, status, dryRun,
                receivedAt);
    }
}
