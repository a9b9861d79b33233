package io.github.camelseedance.examples.fleet;

import java.util.Map;

import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.journal.TaskHandledElsewhereException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * One instance of a fleet: prompts from a JMS queue that every instance consumes (competing consumers), each with a
 * {@code promptId} property that names the work; videos to an S3 bucket under a key derived from the task. The task
 * UUID is derived from the prompt id, so a prompt redelivered to another instance after a crash, and a task another
 * instance adopted, converge on the same object: {@code <fleet.key-prefix><taskUUID>.mp4}.
 * <p>
 * Tasks adopted from an instance that died reach this instance's {@code seedance:webhook} consumer, which stores them
 * the same way.
 */
public class FleetRoutes extends RouteBuilder {

    /** The JMS property naming the work of a prompt message. */
    public static final String PROMPT_ID = "promptId";
    /** S3 metadata of a stored video: the instance that stored it. */
    public static final String INSTANCE_METADATA = "seedance-instance";
    /** S3 metadata of a stored video: the Runware video UUID. */
    public static final String VIDEO_METADATA = "seedance-video-uuid";

    @Override
    public void configure() {
        // this instance was paused (or cut off from the database) and another one adopted the task: that one stores
        // it, so the prompt is done here
        onException(TaskHandledElsewhereException.class)
                .handled(true)
                .log("${exception.message}");

        // CLIENT_ACKNOWLEDGE: a prompt is acknowledged once its video is stored, so the prompts of an instance that dies
        // are redelivered to the others (the listener container's default acknowledges before processing)
        from("jms:queue:{{fleet.prompts-queue}}?concurrentConsumers={{fleet.concurrent-consumers}}"
             + "&maxConcurrentConsumers={{fleet.concurrent-consumers}}&disableReplyTo=true"
             + "&acknowledgementModeName=CLIENT_ACKNOWLEDGE")
                .routeId("fleet-prompts")
                .setHeader(SeedanceConstants.IDEMPOTENCY_KEY, header(PROMPT_ID))
                .to("seedance:generate?model={{seedance.model}}&resolution={{seedance.resolution}}"
                    + "&aspectRatio={{seedance.aspect-ratio}}&duration={{seedance.duration}}")
                .to("direct:fleet-store");

        from("seedance:webhook")
                .routeId("fleet-adopted")
                .to("direct:fleet-store");

        from("direct:fleet-store")
                .routeId("fleet-store")
                .setHeader(AWS2S3Constants.KEY,
                        simple("{{fleet.key-prefix}}${header." + SeedanceConstants.TASK_UUID + "}.mp4"))
                .process(FleetRoutes::metadata)
                .to("aws2-s3:{{fleet.bucket}}?autoCreateBucket={{fleet.auto-create-bucket}}")
                .log("Stored ${header." + AWS2S3Constants.KEY + "} for task ${header." + SeedanceConstants.TASK_UUID
                     + "} on instance {{fleet.instance-name}}");
    }

    /** Who stored the video and which video it is, as S3 metadata. */
    static void metadata(Exchange exchange) {
        String instance = exchange.getContext().resolvePropertyPlaceholders("{{fleet.instance-name}}");
        String video = exchange.getMessage().getHeader(SeedanceConstants.VIDEO_UUID, String.class);
        exchange.getMessage().setHeader(AWS2S3Constants.METADATA,
                Map.of(INSTANCE_METADATA, instance, VIDEO_METADATA, video == null ? "" : video));
    }
}
