package io.github.camelseedance.examples.springboot;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.camelseedance.seedance.SeedanceVideo;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.springframework.stereotype.Component;

/**
 * Each prompt file dropped in {@code drop.inbox} becomes a video (the model options come from
 * {@code camel.component.seedance.*}), stored in {@code s3.bucket} under {@code s3.key-prefix} + the prompt's name
 * with the video's extension, with the task and video UUIDs, the seed and the cost as S3 user metadata. The body of {@code seedance:generate} is a {@code SeedanceVideo}: a temporary file that
 * aws2-s3 uploads as it is, with its length known; the split stores each video when a prompt asks for several.
 */
@Component
public class VideoDropRoutes extends RouteBuilder {

    /** The route's id, the tag of its metrics. */
    public static final String ROUTE_ID = "video-drop";

    @Override
    public void configure() {
        from("file:{{drop.inbox}}?include=.*\\.txt&move=.done&moveFailed=.failed"
             + "&readLock=changed&readLockCheckInterval=250&readLockMinAge=250")
                .routeId(ROUTE_ID)
                .convertBodyTo(String.class)
                .log("Generating a video for ${header.CamelFileName}")
                .to("seedance:generate")
                .split(body())
                .setHeader(AWS2S3Constants.KEY, simple("{{s3.key-prefix}}${body.fileName}"))
                .setHeader(AWS2S3Constants.CONTENT_TYPE, simple("${body.contentType}"))
                .setHeader(AWS2S3Constants.CONTENT_LENGTH, simple("${body.size}", Long.class))
                .setHeader(AWS2S3Constants.METADATA, method(VideoDropRoutes.class, "metadata"))
                // the embedded S3Client bean is autowired when there is one; else AWS's default credentials chain
                .to("aws2-s3:{{s3.bucket}}?autoCreateBucket=true&region={{s3.region}}"
                    + "&useDefaultCredentialsProvider=true")
                .log("Stored s3://{{s3.bucket}}/${header.CamelAwsS3Key} (${body.size} bytes, task ${body.taskUUID})")
                .end();
    }

    /** The S3 user metadata of a video; what Runware did not report (seed, cost) is left out. */
    public static Map<String, String> metadata(SeedanceVideo video) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("seedance-task-uuid", video.getTaskUUID());
        metadata.put("seedance-video-uuid", video.getVideoUUID());
        if (video.getSeed() != null) {
            metadata.put("seedance-seed", video.getSeed().toString());
        }
        if (video.getCost() != null) {
            metadata.put("seedance-cost", video.getCost().toPlainString());
        }
        return metadata;
    }
}
