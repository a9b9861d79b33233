package io.github.camelseedance.examples.studio;

import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceVideo;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The file-drop studio. Watches the inbox: a {@code .txt} is a prompt, a {@code .json} a whole request, an image next
 * to a prompt of the same name is the first frame. Videos land in the outbox with a {@code .json} sidecar, failures
 * in the failed folder with the error text, and inputs move to {@code inbox/.done}.
 *
 * <p>Settings (placeholders, see {@code studio.properties}; override with {@code -Dstudio.duration=8} or the
 * environment variable {@code STUDIO_DURATION=8}): {@code studio.inbox}, {@code studio.outbox}, {@code studio.failed},
 * {@code studio.resolution}, {@code studio.aspectRatio}, {@code studio.duration}, {@code studio.pollDelay},
 * {@code studio.readLockCheckInterval}.
 */
public class StudioRoutes extends RouteBuilder {

    private final StudioConsole console;
    private final String backend;

    public StudioRoutes(StudioConsole console, String backend) {
        this.console = console;
        this.backend = backend;
    }

    @Override
    public void configure() {
        Path inbox = directory("studio.inbox");
        Path outbox = directory("studio.outbox");
        Path failed = directory("studio.failed");
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("model", property("camel.component.seedance.configuration.model", "bytedance:seedance@2.0-mini"));
        defaults.put("resolution", property("studio.resolution", "480p"));
        defaults.put("aspectRatio", property("studio.aspectRatio", "16:9"));
        defaults.put("duration", Integer.valueOf(property("studio.duration", "5")));

        onException(Exception.class)
                .handled(true)
                .process(new FailureWriter(failed, console));

        fromF("file:%s?includeExt=txt,json&move=.done&sortBy=file:name&initialDelay=100&delay={{studio.pollDelay}}"
              + "&readLock=changed&readLockCheckInterval={{studio.readLockCheckInterval}}", inbox)
                .routeId("studio")
                .process(new PromptReader(console, defaults))
                .to("seedance:generate?includeCost=true&aspectRatio={{studio.aspectRatio}}"
                    + "&duration={{studio.duration}}")
                .split(body())
                    .process(exchange -> exchange.getMessage().setHeader(Exchange.FILE_NAME,
                            exchange.getMessage().getBody(SeedanceVideo.class).getFileName()))
                    .toF("file:%s?tempPrefix=.writing-", outbox)
                    .process(exchange -> videoWritten(exchange, outbox))
                .end()
                .process(new Sidecar(backend))
                .toF("file:%s?tempPrefix=.writing-", outbox)
                .process(exchange -> console.inputSucceeded());
    }

    private void videoWritten(Exchange exchange, Path outbox) {
        SeedanceVideo video = exchange.getMessage().getBody(SeedanceVideo.class);
        Path file = outbox.resolve(video.getFileName());
        console.videoWritten(file);
        Object cost = exchange.getMessage().getHeader(SeedanceConstants.COST);
        console.say("  %s ready: %,d bytes, seed %s%s, task %s", file, video.getSize(), video.getSeed(),
                cost == null ? "" : ", $" + cost, video.getTaskUUID());
    }

    private Path directory(String property) {
        return Path.of(property(property, null)).toAbsolutePath().normalize();
    }

    private String property(String name, String fallback) {
        return getContext().getPropertiesComponent().resolveProperty(name).orElse(fallback);
    }
}
