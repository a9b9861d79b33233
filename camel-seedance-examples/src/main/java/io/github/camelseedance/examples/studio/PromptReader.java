package io.github.camelseedance.examples.studio;

import io.github.camelseedance.seedance.SeedanceConstants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * exchange completes. Remembers the prompt and options for the sidecar.
 */
final class PromptReader implements Processor {

    static final String PROMPT = "studioPrompt";
    static final String OPTIONS = "studioOptions";
    static final String INPUT = "studioInput";
    static final String BASE_NAME = "studioBaseName";
    /** Image extensions paired with a prompt, in the order they are looked for. */
    static final List<String> IMAGE_EXTENSIONS = List.of("png", "jpg", "jpeg", "webp");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(PromptReader.class);

    private final StudioConsole console;
    private final Map<String, Object> defaults;

    PromptReader(StudioConsole console, Map<String, Object> defaults) {
        this.console = console;
        this.defaults = defaults;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        Path input = Path.of(exchange.getMessage().getHeader(Exchange.FILE_PATH, String.class));
        String text = exchange.getMessage().getBody(String.class);
        String baseName = FileUtil.stripExt(name, true);
        exchange.setProperty(INPUT, name);
        exchange.setProperty(BASE_NAME, baseName);

        Map<String, Object> options = new LinkedHashMap<>(defaults);
        String prompt;
        boolean ownSize = false;
        if (name.toLowerCase(Locale.ROOT).endsWith(".json")) {
            Map<String, Object> request = parse(text);
            ownSize = request.containsKey("resolution") || request.containsKey("width") || request.containsKey("height");
            if (ownSize) {
                options.remove("resolution");
                options.remove("aspectRatio");
            }
            options.putAll(request);
            Object given = options.remove("positivePrompt");
            prompt = given == null ? null : given.toString();
            exchange.getMessage().setBody(request);
        } else {
            prompt = text == null ? "" : text.strip();
            exchange.getMessage().setBody(prompt);
        }
        if (!ownSize) {
            // the studio's resolution, unless the request gives its own size (resolution conflicts with width/height)
            exchange.getMessage().setHeader(SeedanceConstants.RESOLUTION, defaults.get("resolution"));
        }
        Path image = pairedImage(input.getParent(), baseName);
        if (image != null) {
            exchange.getMessage().setHeader(SeedanceConstants.FIRST_FRAME_IMAGE, image.toFile());
            options.put("firstFrameImage", image.getFileName().toString());
            exchange.getExchangeExtension().addOnCompletion(new MoveToDone(image));
        }
        exchange.setProperty(PROMPT, prompt);
        exchange.setProperty(OPTIONS, options);
        console.say("  %s: generating%s...", name, image == null ? "" : " from first frame " + image.getFileName());
    }

    private static Map<String, Object> parse(String text) {
        try {
            return JSON.readValue(text, new TypeReference<LinkedHashMap<String, Object>>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON request object: " + e.getOriginalMessage(), e);
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

        MoveToDone(Path image) {
            this.image = image;
        }

        @Override
        public void onDone(Exchange exchange) {
            try {
                Path done = Files.createDirectories(image.getParent().resolve(".done"));
                Files.move(image, done.resolve(image.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                LOG.warn("Cannot move {} to .done: {}", image, e.getMessage());
            }
        }
    }
}
