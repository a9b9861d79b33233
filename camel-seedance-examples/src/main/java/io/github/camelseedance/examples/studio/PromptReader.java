package io.github.camelseedance.examples.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelseedance.runware.IdempotentTaskUUID;
import io.github.camelseedance.seedance.SeedanceConstants;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an inbox file into the body the seedance producer takes: a {@code .txt} is the prompt, a {@code .json} a
 * whole request (a Map). An image with the same base name next to it ({@code cat.png} + {@code cat.txt}) becomes the
 * first frame: it is set as {@code CamelSeedanceFirstFrameImage} and moved to {@code .done} with the prompt when the
 * exchange completes.
 *
 * <p>Each input gets a base name of its own ({@link OutputNames}: a second {@code cat.txt} makes {@code cat.2.mp4})
 * and an idempotency key derived from the file (name, modification time and content), so a render that the studio
 * abandoned when it stopped is resumed, not billed again, when the same file is picked up on the next start.
 * Remembers the prompt and options for the sidecar, and moves the input to rendering in {@link StudioJobs}.
 */
final class PromptReader implements Processor {

    static final String PROMPT = "studioPrompt";
    static final String OPTIONS = "studioOptions";
    static final String INPUT = "studioInput";
    /** The base name of the input's outputs: {@code cat}, or {@code cat.2} when {@code cat} is taken. */
    static final String BASE_NAME = "studioBaseName";
    /** The input's name in {@code inbox/.done}: the base name with the input's extension. */
    static final String DONE_NAME = "studioDoneName";
    static final String JOB_ID = "studioJobId";
    /** Image extensions paired with a prompt, in the order they are looked for. */
    static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "webp");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(PromptReader.class);

    private final StudioConsole console;
    private final StudioJobs jobs;
    private final OutputNames names;
    private final Map<String, Object> defaults;

    PromptReader(StudioConsole console, StudioJobs jobs, OutputNames names, Map<String, Object> defaults) {
        this.console = console;
        this.jobs = jobs;
        this.names = names;
        this.defaults = defaults;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        Path input = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        String extension = FileUtil.onlyExt(name, true);
        String baseName = names.take(FileUtil.stripExt(name, true));
        exchange.setProperty(INPUT, name);
        exchange.setProperty(BASE_NAME, baseName);
        exchange.setProperty(DONE_NAME, extension == null ? baseName : baseName + "." + extension);
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                names.release(baseName);
            }
        });

        byte[] bytes = exchange.getMessage().getBody(byte[].class);
        String text = PromptText.decode(name, bytes == null ? new byte[0] : bytes);
        if (text.isBlank()) {
            throw new StudioInputException(name + " is empty: write the prompt in it (or, for a .json, a request such"
                                           + " as {\"positivePrompt\": \"...\"}).");
        }
        Map<String, Object> options = new LinkedHashMap<>(defaults);
        String prompt;
        boolean ownSize = false;
        if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
            Map<String, Object> request = parse(name, text);
            ownSize = request.containsKey("resolution") || request.containsKey("width")
                      || request.containsKey("height");
            if (ownSize) {
                options.remove("resolution");
                options.remove("aspectRatio");
            }
            options.putAll(request);
            Object given = options.remove("positivePrompt");
            prompt = given == null ? null : given.toString();
            exchange.getMessage().setBody(request);
        } else {
            prompt = text.strip();
            exchange.getMessage().setBody(prompt);
        }
        if (!ownSize) {
            // the studio's resolution, unless the request gives its own size (resolution conflicts with width/height)
            exchange.getMessage().setHeader(SeedanceConstants.RESOLUTION, defaults.get("resolution"));
        }
        Path image = pairedImage(input.getParent(), FileUtil.stripExt(name, true));
        if (image != null) {
            exchange.getMessage().setHeader(SeedanceConstants.FIRST_FRAME_IMAGE, image.toFile());
            options.put("firstFrameImage", image.getFileName().toString());
            String imageExtension = FileUtil.onlyExt(image.getFileName().toString(), true);
            exchange.getExchangeExtension().addOnCompletion(new MoveToDone(image, baseName + "." + imageExtension));
        }
        String key = idempotencyKey(name, exchange.getMessage().getHeader(Exchange.FILE_LAST_MODIFIED, Long.class),
                bytes);
        exchange.getMessage().setHeader(SeedanceConstants.IDEMPOTENCY_KEY, key);
        exchange.setProperty(PROMPT, prompt);
        exchange.setProperty(OPTIONS, options);
        StudioJob job = jobs.rendering(name, prompt, options, IdempotentTaskUUID.of(key));
        exchange.setProperty(JOB_ID, job.id());
        console.say("  %s: generating%s, task %s...", name,
                image == null ? "" : " from first frame " + image.getFileName(), job.taskUUID());
    }

    /**
     * The idempotency key of an inbox file: the same untouched file (after a stop, on the next start) gives the same
     * key and so the same task; a file written again (a new drop, "try again") gives a new one.
     */
    static String idempotencyKey(String name, Long lastModified, byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes == null ? new byte[0] : bytes);
            return "studio:" + name + ":" + lastModified + ":" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static Map<String, Object> parse(String name, String text) {
        try {
            return JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new StudioInputException(name + " is not a JSON request object: " + e.getOriginalMessage()
                                           + " (line " + e.getLocation().getLineNr() + ", column "
                                           + e.getLocation().getColumnNr() + ")",
                    e);
        }
    }

    /** The image next to the prompt with the same base name, or null. */
    static Path pairedImage(Path directory, String baseName) {
        for (String extension : IMAGE_EXTENSIONS) {
            for (String candidate : List.of(extension, extension.toUpperCase(Locale.ROOT))) {
                Path image = directory.resolve(baseName + "." + candidate);
                if (Files.isRegularFile(image)) {
                    return image;
                }
            }
        }
        return null;
    }

    /** Moves the paired image into the inbox's .done folder, like the prompt, whatever the outcome. */
    private static final class MoveToDone extends SynchronizationAdapter {
        private final Path image;
        private final String doneName;

        MoveToDone(Path image, String doneName) {
            this.image = image;
            this.doneName = doneName;
        }

        @Override
        public void onComplete(Exchange exchange) {
            try {
                Path done = Files.createDirectories(image.getParent().resolve(".done"));
                Files.move(image, done.resolve(doneName), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                LOG.warn("Cannot move {} to .done: {}", image, e.getMessage());
            }
        }
    }
}
