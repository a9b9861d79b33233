package io.github.camelseedance.examples.http;

import java.io.File;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceVideo;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.FileUtil;

/**
 * Videos delivered to an HTTP endpoint, for example a DAM's upload API, in two ways.
 *
 * <ul>
 * <li>{@code direct:post}: the component downloads the video and camel-http POSTs it to {@code {{http.damUrl}}},
 * with the asset name as the {@code name} query parameter and {@code X-Asset-Name}, and the metadata as
 * {@code X-Seedance-*} headers.</li>
 * <li>{@code direct:upload}: Runware itself PUTs the finished file to an {@code uploadEndpoint} URL
 * ({@code {{http.uploadBaseUrl}}/<name>.mp4}, for example a presigned URL); nothing is downloaded here.</li>
 * </ul>
 * Prompts dropped into {@code {{http.inbox}}} (a {@code .txt} each) go to the one named by {@code http.delivery}.
 */
public class HttpDeliveryRoutes extends RouteBuilder {

    /** Header carrying the asset name, also sent as the {@code name} query parameter. */
    public static final String ASSET_NAME = "X-Asset-Name";

    @Override
    public void configure() {
        from("file:{{http.inbox}}?includeExt=txt&move=.done&readLock=changed&readLockCheckInterval=500")
                .routeId("http-inbox")
                .to("direct:{{http.delivery}}");

        from("direct:post").routeId("http-post")
                .setProperty("prompt", bodyAs(String.class))
                .to("seedance:generate?includeCost=true&resolution={{http.resolution}}&duration={{http.duration}}")
                .process(HttpDeliveryRoutes::toHttpRequest)
                .to("{{http.damUrl}}")
                .log("Delivered ${header." + ASSET_NAME + "} to {{http.damUrl}}: HTTP ${header.CamelHttpResponseCode} "
                     + "${body}");

        from("direct:upload").routeId("http-upload-endpoint")
                .process(HttpDeliveryRoutes::chooseUploadEndpoint)
                .to("seedance:generate?downloadVideo=false&includeCost=true&resolution={{http.resolution}}"
                    + "&duration={{http.duration}}")
                .log("Runware uploads task ${header.CamelSeedanceTaskUUID} to ${header.CamelSeedanceUploadEndpoint}");
    }

    /** The video file as the request body (sent with its length), the name and metadata as headers. */
    static void toHttpRequest(Exchange exchange) {
        Message message = exchange.getMessage();
        SeedanceVideo video = message.getBody(SeedanceVideo.class);
        String prompt = exchange.getProperty("prompt", String.class);
        message.setBody(video.getFile(), File.class);
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_QUERY, "name=" + encode(video.getFileName()));
        message.setHeader(Exchange.CONTENT_TYPE, video.getContentType());
        message.setHeader(ASSET_NAME, video.getFileName());
        message.setHeader("X-Seedance-Task-UUID", video.getTaskUUID());
        message.setHeader("X-Seedance-Video-UUID", video.getVideoUUID());
        message.setHeader("X-Seedance-Seed", video.getSeed());
        message.setHeader("X-Seedance-Cost", message.getHeader(SeedanceConstants.COST));
        if (prompt != null) {
            message.setHeader("X-Seedance-Prompt", encode(prompt));
        }
    }

    /** {@code {{http.uploadBaseUrl}}/<prompt file name or task UUID>.mp4}, with the task UUID chosen up front. */
    static void chooseUploadEndpoint(Exchange exchange) {
        Message message = exchange.getMessage();
        String taskUUID = message.getHeader(SeedanceConstants.TASK_UUID, String.class);
        if (taskUUID == null) {
            taskUUID = UUID.randomUUID().toString();
            message.setHeader(SeedanceConstants.TASK_UUID, taskUUID);
        }
        String fileName = message.getHeader(Exchange.FILE_NAME, String.class);
        String name = fileName == null ? taskUUID : FileUtil.stripExt(fileName, true);
        String base = exchange.getContext().resolvePropertyPlaceholders("{{http.uploadBaseUrl}}");
        message.setHeader(SeedanceConstants.UPLOAD_ENDPOINT,
                (base.endsWith("/") ? base : base + "/") + encode(name) + ".mp4");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
