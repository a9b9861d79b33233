package io.github.camelseedance.examples.studio;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.runware.error.RunwareConnectionException;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceVideo;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.FileUtil;

/**
 * The file-drop studio. Watches the inbox: a {@code .txt} is a prompt, a {@code .json} a whole request, an image next
 * to a prompt of the same name is the first frame. Videos land in the outbox with a {@code .json} sidecar, failures
 * in the failed folder with the error text, and inputs move to {@code inbox/.done}. An input whose name was used
 * before gets outputs of its own ({@code cat.2.mp4}). When Runware cannot be reached the input stays in the inbox and
 * is tried again; a render still running when the studio stops is resumed on the next start (same task, no new
 * charge: the idempotency key and the task repository file).
 *
 * <p>Settings (placeholders, see {@code studio.properties}; override with {@code -Dstudio.duration=8} or the
 * environment variable {@code STUDIO_DURATION=8}): {@code studio.inbox}, {@code studio.outbox}, {@code studio.failed},
 * {@code studio.resolution}, {@code studio.aspectRatio}, {@code studio.duration}, {@code studio.pollDelay},
 * {@code studio.readLockCheckInterval}, {@code studio.progressInterval}, {@code studio.unreachableRetries},
 * {@code studio.unreachableDelay}.
 */
public class StudioRoutes extends RouteBuilder {

    /** Registry name of the inbox consumer's exception handler. */
    static final String EXCEPTION_HANDLER = "studioExceptionHandler";
    /** Exchange property: the videos written to the outbox so far ({@code List<StudioJob.Video>}). */
    static final String WRITTEN = "studioVideos";

    private final StudioConsole console;
    private final StudioJobs jobs;
    private final SpendLedger spend;
    private final String backend;
    private final String baseUrl;

    public StudioRoutes(StudioConsole console, StudioJobs jobs, SpendLedger spend, String backend, String baseUrl) {
        this.console = console;
        this.jobs = jobs;
        this.spend = spend;
        this.backend = backend;
        this.baseUrl = baseUrl;
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
        OutputNames names = new OutputNames(outbox, inbox.resolve(".done"), failed);
        getContext().getRegistry().bind(EXCEPTION_HANDLER, new InboxExceptionHandler(getContext()));

        // Runware unreachable: tried again a few times, then the input stays in the inbox (rolled back, not .done)
        onException(RunwareConnectionException.class)
                .maximumRedeliveries("{{studio.unreachableRetries}}")
                .redeliveryDelay("{{studio.unreachableDelay}}")
                .useExponentialBackOff()
                .asyncDelayedRedelivery()
                .retryAttemptedLogLevel(LoggingLevel.DEBUG)
                .logExhausted(false)
                .onRedelivery(exchange -> console.say("  %s: %s; trying again...", FailureWriter.input(exchange),
                        FailureWriter.describe(exchange.getException(), baseUrl)))
                .handled(false)
                .process(new PutBack(console, jobs, baseUrl));

        onException(Exception.class)
                .handled(true)
                .process(new FailureWriter(failed, console, jobs, baseUrl));

        fromF("file:%s?includeExt=txt,json&sortBy=file:name&initialDelay=100&delay={{studio.pollDelay}}"
              + "&readLock=changed&readLockCheckInterval={{studio.readLockCheckInterval}}&readLockMinLength=0"
              + "&move=.done/${exchangeProperty.%s}&exceptionHandler=#%s",
                inbox, PromptReader.DONE_NAME, EXCEPTION_HANDLER)
                .routeId("studio")
                .process(new PromptReader(console, jobs, names, defaults))
                .to("seedance:generate?includeCost=true&aspectRatio={{studio.aspectRatio}}"
                    + "&duration={{studio.duration}}")
                .setProperty(WRITTEN, () -> new ArrayList<StudioJob.Video>())
                .split(body())
                .process(exchange -> exchange.getMessage().setHeader(Exchange.FILE_NAME, videoName(exchange)))
                .toF("file:%s?tempPrefix=.writing-", outbox)
                .process(exchange -> videoWritten(exchange, outbox))
                .end()
                .process(new Sidecar(backend))
                .toF("file:%s?tempPrefix=.writing-", outbox)
                .process(this::inputDone);

        from("timer:studio-progress?delay={{studio.progressInterval}}&period={{studio.progressInterval}}")
                .routeId("studio-progress")
                .process(new ProgressReport(console, jobs, inbox));
    }

    /** {@code cat.mp4}, or {@code cat-1.mp4}, {@code cat-2.mp4} of several results, after the input's base name. */
    private static String videoName(Exchange exchange) {
        SeedanceVideo video = exchange.getMessage().getBody(SeedanceVideo.class);
        String base = exchange.getProperty(PromptReader.BASE_NAME, String.class);
        String extension = FileUtil.onlyExt(video.getFileName(), true);
        int count = exchange.getProperty(Exchange.SPLIT_SIZE, 1, Integer.class);
        int index = exchange.getProperty(Exchange.SPLIT_INDEX, 0, Integer.class);
        return base + (count > 1 ? "-" + (index + 1) : "") + (extension == null ? "" : "." + extension);
    }

    @SuppressWarnings("unchecked")
    private void videoWritten(Exchange exchange, Path outbox) {
        SeedanceVideo video = exchange.getMessage().getBody(SeedanceVideo.class);
        String name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        Path file = outbox.resolve(name);
        console.videoWritten(file);
        ((List<StudioJob.Video>) exchange.getProperty(WRITTEN, List.class))
                .add(new StudioJob.Video(name, video.getSeed(), video.getCost(), video.getSize()));
        console.say("  %s ready: %,d bytes, seed %s%s, task %s", file, video.getSize(), video.getSeed(),
                video.getCost() == null ? "" : ", $" + video.getCost().toPlainString(), video.getTaskUUID());
    }

    @SuppressWarnings("unchecked")
    private void inputDone(Exchange exchange) {
        List<StudioJob.Video> videos = exchange.getProperty(WRITTEN, List.class);
        BigDecimal cost = exchange.getMessage().getHeader(SeedanceConstants.COST, BigDecimal.class);
        String input = exchange.getProperty(PromptReader.INPUT, String.class);
        String taskUUID = exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
        spend.spent(taskUUID, input, cost);
        jobs.done(exchange.getProperty(PromptReader.JOB_ID, String.class), videos, cost);
        if (videos.size() > 1 && cost != null) {
            console.say("  %s done: %d videos, $%s for the task", input, videos.size(), cost.toPlainString());
        }
        console.inputSucceeded();
    }

    private Path directory(String property) {
        return Path.of(property(property, null)).toAbsolutePath().normalize();
    }

    private String property(String name, String fallback) {
        return getContext().getPropertiesComponent().resolveProperty(name).orElse(fallback);
    }
}
