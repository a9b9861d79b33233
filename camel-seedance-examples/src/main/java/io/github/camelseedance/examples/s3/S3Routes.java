package io.github.camelseedance.examples.s3;

import io.github.camelseedance.seedance.SeedanceVideo;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;

/**
 * Prompts dropped as text files in {@code s3.inbox} become videos in the bucket {@code s3.bucket}, under
 * {@code s3.key-prefix} + the prompt file's name with the video extension, with their metadata (task, video, seed,
 * cost, model, prompt) as S3 user metadata.
 *
 * <p>The body of {@code seedance:generate} is a {@link SeedanceVideo}: a temporary file that aws2-s3 uploads directly,
 * with its length known. With {@code seedance.stream-video=true} it is the download itself, which aws2-s3 uploads as it
 * arrives, with no file. With {@code numberResults} above 1 the body is a list; the split stores each video.
 */
public class S3Routes extends RouteBuilder {

    @Override
    public void configure() {
        from("file:{{s3.inbox}}?include=.*\\.txt&move=.done&moveFailed=.failed"
             + "&readLock=changed&readLockCheckInterval=250&readLockMinAge=250")
                .routeId("seedance-to-s3")
                .convertBodyTo(String.class)
                .setProperty("prompt", body())
                .log("Generating a video for ${header.CamelFileName}")
                .to("seedance:generate?model={{seedance.model}}&resolution={{seedance.resolution}}"
                    + "&aspectRatio={{seedance.aspect-ratio}}&duration={{seedance.duration}}"
                    + "&numberResults={{seedance.number-results}}&includeCost=true"
                    + "&streamVideo={{seedance.stream-video}}")
                .split(body())
                .process(S3Routes::s3Headers)
                .to("aws2-s3:{{s3.bucket}}?autoCreateBucket={{s3.auto-create-bucket}}")
                .log("Stored s3://{{s3.bucket}}/${header.CamelAwsS3Key} (${body.size} bytes, task ${body.taskUUID})")
                .end();
    }

    static void s3Headers(Exchange exchange) throws InvalidPayloadException {
        SeedanceVideo video = exchange.getMessage().getMandatoryBody(SeedanceVideo.class);
        String prefix = exchange.getContext().resolvePropertyPlaceholders("{{s3.key-prefix}}");
        String prompt = exchange.getProperty("prompt", String.class);
        String model = exchange.getContext().resolvePropertyPlaceholders("{{seedance.model}}");
        exchange.getMessage().setHeader(AWS2S3Constants.KEY, prefix + video.getFileName());
        exchange.getMessage().setHeader(AWS2S3Constants.CONTENT_TYPE, video.getContentType());
        exchange.getMessage().setHeader(AWS2S3Constants.CONTENT_LENGTH, video.getSize());
        exchange.getMessage().setHeader(AWS2S3Constants.METADATA, S3Metadata.of(video, prompt, model));
    }
}
