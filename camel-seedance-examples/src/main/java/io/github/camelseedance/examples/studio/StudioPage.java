package io.github.camelseedance.examples.studio;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.FileUtil;

/**
 * The studio's web page, served by Camel's own HTTP server (platform-http on Vert.x, from camel-platform-http-main)
 * on top of the same inbox and outbox: the page writes what it is given into the inbox, so the file drop stays the
 * one path, and shows the queue live ({@link StudioEvents}, server-sent events).
 *
 * <ul>
 * <li>{@code GET /}, {@code /studio.css}, {@code /studio.js}: the page, plain files from the jar.</li>
 * <li>{@code GET /api/state}: backend, spend, defaults and every job, as JSON.</li>
 * <li>{@code GET /api/events}: the same as server-sent events, then each job as it changes.</li>
 * <li>{@code PUT /api/inbox/{name}}: stores a prompt, request or image in the inbox under a free name.</li>
 * <li>{@code POST /api/estimate}: the price of a request (the component's {@code estimate}: validated, not run, not
 * billed), or the error naming the parameter.</li>
 * <li>{@code POST /api/jobs/{id}/retry}: drops a failed input back into the inbox from {@code inbox/.done}.</li>
 * <li>{@code GET /videos/{name}}: a video or sidecar of the outbox (with byte ranges, for the player).</li>
 * </ul>
 *
 * <p>Requests that change something must carry {@value #REQUEST_HEADER}{@code : 1}, which a page of another site
 * cannot send without the browser asking this server first (it never answers yes), so no other site can spend money
 * through the studio. The server listens on {@code studio.webHost} (default 127.0.0.1) only.
 */
public class StudioPage extends RouteBuilder {

    /** The header a changing request must carry. */
    static final String REQUEST_HEADER = "X-Studio-Request";
    /** Largest file the page may store (bytes). */
    static final long MAX_UPLOAD = 50L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern NAME = Pattern.compile("[^/\\\\:*?\"<>|\\x00-\\x1f]{1,120}");
    private static final List<String> INPUT_EXTENSIONS = List.of("txt", "json", "png", "jpg", "jpeg", "webp");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private final StudioJobs jobs;
    private final SpendLedger spend;
    private final Backend backend;
    private final Path inbox;
    private final Path outbox;

    public StudioPage(StudioJobs jobs, SpendLedger spend, Backend backend, Path inbox, Path outbox) {
        this.jobs = jobs;
        this.spend = spend;
        this.backend = backend;
        this.inbox = inbox;
        this.outbox = outbox;
    }

    /** The port to serve on: {@code wanted}, or a free one (said on the console) when it is taken or 0. */
    static int port(int wanted, StudioConsole console) {
        if (wanted > 0) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress("127.0.0.1", wanted));
                return wanted;
            } catch (IOException taken) {
                // below
            }
        }
        try (ServerSocket free = new ServerSocket(0)) {
            if (wanted > 0) {
                console.say("  (port %d is in use, so the page takes port %d; choose one with --port)", wanted,
                        free.getLocalPort());
            }
            return free.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port for the studio's page: " + e.getMessage(), e);
        }
    }

    @Override
    public void configure() {
        StudioState state = new StudioState(jobs, spend, backend, getContext());
        StudioEvents events = new StudioEvents(jobs, state);
        getContext().getManagementStrategy().addEventNotifier(events);

        onException(PageException.class)
                .handled(true)
                .process(exchange -> {
                    PageException error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, PageException.class);
                    json(exchange.getMessage(), error.status(), error.body());
                });
        onException(Exception.class)
                .handled(true)
                .process(exchange -> {
                    Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                    json(exchange.getMessage(), 400, Map.of("error", FailureWriter.describe(error, backend.baseUrl()),
                            "parameters", FailureWriter.parameters(error)));
                });

        from("platform-http:/?httpMethodRestrict=GET").routeId("studio-page")
                .process(exchange -> resource(exchange.getMessage(), "index.html", "text/html; charset=utf-8"));
        from("platform-http:/studio.css?httpMethodRestrict=GET").routeId("studio-page-css")
                .process(exchange -> resource(exchange.getMessage(), "studio.css", "text/css; charset=utf-8"));
        from("platform-http:/studio.js?httpMethodRestrict=GET").routeId("studio-page-js")
                .process(exchange -> resource(exchange.getMessage(), "studio.js",
                        "text/javascript; charset=utf-8"));

        from("platform-http:/api/state?httpMethodRestrict=GET").routeId("studio-state")
                .process(exchange -> json(exchange.getMessage(), 200, state.snapshot()));

        from("platform-http:/api/inbox/{name}?httpMethodRestrict=PUT").routeId("studio-upload")
                .process(this::upload);

        from("platform-http:/api/estimate?httpMethodRestrict=POST").routeId("studio-estimate")
                .process(this::estimateRequest)
                .to("seedance:estimate")
                .process(exchange -> json(exchange.getMessage(), 200,
                        Map.of("cost", exchange.getMessage().getBody())));

        from("platform-http:/api/jobs/{id}/retry?httpMethodRestrict=POST").routeId("studio-retry")
                .process(this::retry);

        from("platform-http:/videos/{name}?httpMethodRestrict=GET").routeId("studio-videos")
                .process(this::video);
    }

    private void upload(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        requireStudioRequest(message);
        String name = fileName(message.getHeader("name", String.class));
        String extension = FileUtil.onlyExt(name, true);
        if (extension == null || !INPUT_EXTENSIONS.contains(extension.toLowerCase(Locale.ROOT))) {
            throw new PageException(400, Map.of("error", name + ": the studio takes " + String.join(", ",
                    INPUT_EXTENSIONS) + " files", "parameters", List.of("file")));
        }
        String type = message.getHeader(Exchange.CONTENT_TYPE, "", String.class).toLowerCase(Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
            // the HTTP server reads such a body as form fields: the file would arrive empty
            throw new PageException(415, Map.of("error", "send the file itself as the body, with its own"
                                                         + " Content-Type (text/plain, application/json, image/png,"
                                                         + " application/octet-stream), not as a form"));
        }
        byte[] bytes = message.getBody(byte[].class);
        if (bytes == null) {
            bytes = new byte[0];
        }
        if (bytes.length > MAX_UPLOAD) {
            throw new PageException(413, Map.of("error", name + " is larger than " + MAX_UPLOAD / 1024 / 1024
                                                         + " MB"));
        }
        Path saved = storeInInbox(name, bytes);
        if (StudioApp.isInput(saved.getFileName().toString())) {
            jobs.waiting(saved.getFileName().toString());
        }
        json(message, 201, Map.of("saved", saved.getFileName().toString()));
    }

    /** Writes the file into the inbox under its name, or {@code cat.2.txt} when {@code cat.txt} is there. */
    private synchronized Path storeInInbox(String name, byte[] bytes) throws IOException {
        Files.createDirectories(inbox);
        String base = FileUtil.stripExt(name, true);
        String extension = FileUtil.onlyExt(name, true);
        Path target = inbox.resolve(name);
        for (int n = 2; Files.exists(target); n++) {
            target = inbox.resolve(base + "." + n + "." + extension);
        }
        // hidden while written (the inbox consumer skips dot files), then renamed in one step
        Path temp = inbox.resolve(".upload-" + target.getFileName());
        Files.write(temp, bytes);
        return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private void estimateRequest(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        requireStudioRequest(message);
        Map<String, Object> request = JSON.readValue(message.getBody(byte[].class),
                new TypeReference<LinkedHashMap<String, Object>>() {
                });
        message.getHeaders().clear();
        message.setBody(request);
    }

    private void retry(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        requireStudioRequest(message);
        StudioJob job = jobs.get(message.getHeader("id", String.class));
        if (job == null || job.state() != StudioJob.State.FAILED || job.retryFrom() == null) {
            throw new PageException(404, Map.of("error", "no failed input " + message.getHeader("id")
                                                         + " to try again"));
        }
        Path done = inbox.resolve(".done");
        Path copy = done.resolve(job.retryFrom());
        if (!Files.isRegularFile(copy)) {
            throw new PageException(410, Map.of("error", job.retryFrom() + " is no longer in " + done));
        }
        String inputBase = FileUtil.stripExt(job.input(), true);
        String doneBase = FileUtil.stripExt(job.retryFrom(), true);
        // an image it was paired with goes back first, under the prompt's name
        Path image = PromptReader.pairedImage(done, doneBase);
        String base = freeBase(inputBase);
        if (image != null) {
            storeInInbox(base + "." + FileUtil.onlyExt(image.getFileName().toString(), true),
                    Files.readAllBytes(image));
        }
        Path saved = storeInInbox(base + "." + FileUtil.onlyExt(job.input(), true), Files.readAllBytes(copy));
        jobs.waiting(saved.getFileName().toString());
        json(message, 201, Map.of("saved", saved.getFileName().toString()));
    }

    /** A base name no file of the inbox uses. */
    private String freeBase(String base) throws IOException {
        String candidate = base;
        for (int n = 2; baseUsed(candidate); n++) {
            candidate = base + "." + n;
        }
        return candidate;
    }

    private boolean baseUsed(String base) throws IOException {
        if (!Files.isDirectory(inbox)) {
            return false;
        }
        try (var files = Files.list(inbox)) {
            return files.anyMatch(f -> FileUtil.stripExt(f.getFileName().toString(), true).equalsIgnoreCase(base));
        }
    }

    private void video(Exchange exchange) throws IOException {
        Message message = exchange.getMessage();
        String name = fileName(message.getHeader("name", String.class));
        String range = message.getHeader("Range", String.class);
        message.getHeaders().clear();
        Path file = outbox.resolve(name);
        if (!Files.isRegularFile(file) || name.startsWith(".")) {
            throw new PageException(404, Map.of("error", name + " is not in the outbox"));
        }
        long size = Files.size(file);
        message.setHeader(Exchange.CONTENT_TYPE, contentType(name));
        message.setHeader("Accept-Ranges", "bytes");
        message.setHeader("Cache-Control", "no-cache");
        Matcher matcher = range == null ? null : RANGE.matcher(range.trim());
        if (matcher != null && matcher.matches() && size > 0) {
            long start;
            long end;
            if (matcher.group(1).isEmpty()) {
                start = Math.max(0, size - Long.parseLong(matcher.group(2)));
                end = size - 1;
            } else {
                start = Long.parseLong(matcher.group(1));
                end = matcher.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(matcher.group(2)));
            }
            if (start > end || start >= size) {
                message.setHeader(Exchange.HTTP_RESPONSE_CODE, 416);
                message.setHeader("Content-Range", "bytes */" + size);
                message.setBody(new byte[0]);
                return;
            }
            // at most 4 MiB per answer: the player asks for the rest
            end = Math.min(end, start + 4L * 1024 * 1024 - 1);
            byte[] part = new byte[(int) (end - start + 1)];
            try (var channel = Files.newByteChannel(file)) {
                channel.position(start);
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(part);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // reads until the part is full
                }
            }
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 206);
            message.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
            message.setBody(part);
        } else {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
            message.setBody(Files.readAllBytes(file));
        }
    }

    private static String contentType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".mp4")) {
            return "video/mp4";
        } else if (lower.endsWith(".webm")) {
            return "video/webm";
        } else if (lower.endsWith(".mov")) {
            return "video/quicktime";
        } else if (lower.endsWith(".json")) {
            return "application/json";
        }
        return "application/octet-stream";
    }

    private static void requireStudioRequest(Message message) {
        if (!"1".equals(message.getHeader(REQUEST_HEADER, String.class))) {
            throw new PageException(403, Map.of("error", "a request that changes something must carry "
                                                         + REQUEST_HEADER + ": 1 (sent by the studio's page)"));
        }
    }

    private static String fileName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith(".") || name.contains("..")) {
            throw new PageException(400, Map.of("error", "not a file name: " + name, "parameters", List.of("file")));
        }
        return name;
    }

    private static void resource(Message message, String name, String contentType) throws IOException {
        message.getHeaders().clear();
        try (InputStream in = StudioPage.class.getResourceAsStream("/studio-page/" + name)) {
            if (in == null) {
                throw new PageException(404, Map.of("error", name + " is not in the jar"));
            }
            message.setBody(in.readAllBytes());
        }
        message.setHeader(Exchange.CONTENT_TYPE, contentType);
        message.setHeader("Cache-Control", "no-cache");
        message.setHeader("X-Content-Type-Options", "nosniff");
    }

    static void json(Message message, int status, Object body) throws IOException {
        message.getHeaders().clear();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json; charset=utf-8");
        message.setHeader("Cache-Control", "no-store");
        message.setBody(JSON.writeValueAsBytes(body));
    }

    /** An answer other than 200, with its JSON body. */
    static final class PageException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final transient Map<String, Object> body;

        PageException(int status, Map<String, Object> body) {
            super(String.valueOf(body.get("error")));
            this.status = status;
            this.body = body;
        }

        int status() {
            return status;
        }

        Map<String, Object> body() {
            return body;
        }
    }
}
