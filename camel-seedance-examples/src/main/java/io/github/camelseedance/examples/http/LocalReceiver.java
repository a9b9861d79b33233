package io.github.camelseedance.examples.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a DAM's upload API on {@code http://127.0.0.1:<port>/}: takes every POST or PUT, answers
 * {@code 201 Created} with a small JSON receipt, keeps what arrived, and (optionally) stores each body in a folder
 * under the name given by the {@code name} query parameter, the {@code X-Asset-Name} header or the last path segment.
 * Used by the HTTP example when no real endpoint is configured, and by its tests.
 */
public final class LocalReceiver implements AutoCloseable {

    /** One request that arrived. Header names are case-insensitive. */
    public record Received(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** A query parameter (URL-decoded), or null. */
        public String queryParameter(String name) {
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String key = equals < 0 ? pair : pair.substring(0, equals);
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        /** The name the asset is stored under. */
        public String assetName() {
            String name = queryParameter("name");
            if (name == null) {
                name = header("X-Asset-Name");
            }
            if (name == null) {
                name = path.substring(path.lastIndexOf('/') + 1);
            }
            return Path.of(name).getFileName().toString();
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path storeDirectory;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private LocalReceiver(HttpServer server, ExecutorService executor, Path storeDirectory) {
        this.server = server;
        this.executor = executor;
        this.storeDirectory = storeDirectory;
    }

    /**
     * Starts a receiver on 127.0.0.1.
     *
     * @param port           the port, 0 for a free one
     * @param storeDirectory where to store the bodies, or null to keep them in memory only
     */
    public static LocalReceiver start(int port, Path storeDirectory) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            ExecutorService executor = Executors.newFixedThreadPool(4);
            LocalReceiver receiver = new LocalReceiver(server, executor, storeDirectory);
            server.createContext("/", receiver::handle);
            server.setExecutor(executor);
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the receiver on port " + port, e);
        }
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Everything that arrived, in order. */
    public List<Received> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            String method = exchange.getRequestMethod();
            if (!"POST".equals(method) && !"PUT".equals(method)) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = in.readAllBytes();
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            Received request = new Received(method, exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), headers, body);
            if (storeDirectory != null) {
                Files.createDirectories(storeDirectory);
                Files.write(storeDirectory.resolve(request.assetName()), body);
            }
            received.add(request);
            byte[] answer = ("{\"id\":\"asset-" + received.size() + "\",\"name\":\"" + request.assetName()
                             + "\",\"size\":" + body.length + "}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }
}
