package io.github.camelseedance.examples.quarkus;

import org.apache.camel.builder.RouteBuilder;

/**
 * Each prompt file dropped in {@code drop.inbox} becomes a video in {@code drop.outbox}, named after the prompt
 * ({@code lighthouse.txt} becomes {@code lighthouse.mp4}); the model options come from
 * {@code camel.component.seedance.*} in application.properties. Camel Quarkus finds this route builder by itself.
 */
public class VideoDropRoute extends RouteBuilder {

    /** The route's id. */
    public static final String ROUTE_ID = "video-drop";

    @Override
    public void configure() {
        from("file:{{drop.inbox}}?include=.*\\.txt&move=.done&moveFailed=.failed"
             + "&readLock=changed&readLockCheckInterval=250&readLockMinAge=250")
                .routeId(ROUTE_ID)
                .convertBodyTo(String.class)
                .log("Generating a video for ${header.CamelFileName}")
                .to("seedance:generate")
                .to("file:{{drop.outbox}}")
                .log("Stored ${header.CamelFileName} (${header.Content-Length} bytes, task ${header.CamelSeedanceTaskUUID})");
    }
}
