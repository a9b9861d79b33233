package io.github.camelseedance.examples.jms;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.runware.error.RunwareException;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceVideo;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.dataformat.JsonLibrary;

/**
 * Prompts (text messages) from the queue {@code jms.prompts-queue}, taken by {@code jms.concurrent-consumers}
 * consumers at once, become videos stored in {@code jms.video-dir}; one JSON result per prompt goes to
 * {@code jms.results-queue} (or to the prompt's {@code JMSReplyTo}), with the prompt's {@code JMSCorrelationID} (its
 * {@code JMSMessageID} when it had none). A video is referenced by its location, not sent in the message.
 *
 * <p>A failed generation is answered too, with {@code "status":"error"}, the Runware error code and the message.
 */
public class JmsRoutes extends RouteBuilder {

    @Override
    public void configure() {
        onException(Exception.class)
                .handled(true)
                .process(JmsRoutes::errorReply)
                .to("direct:seedance-jms-reply");

        from("jms:queue:{{jms.prompts-queue}}?concurrentConsumers={{jms.concurrent-consumers}}"
             + "&maxConcurrentConsumers={{jms.concurrent-consumers}}&disableReplyTo=true")
                .routeId("seedance-jms")
                .process(JmsRoutes::remember)
                .log("Generating a video for message ${exchangeProperty.correlationId}")
                .to("seedance:generate?model={{seedance.model}}&resolution={{seedance.resolution}}"
                    + "&aspectRatio={{seedance.aspect-ratio}}&duration={{seedance.duration}}"
                    + "&numberResults={{seedance.number-results}}&includeCost=true")
                .split(body())
                .setHeader(Exchange.FILE_NAME, simple("${body.fileName}"))
                .to("file:{{jms.video-dir}}")
                .end()
                .process(JmsRoutes::successReply)
                .to("direct:seedance-jms-reply");

        from("direct:seedance-jms-reply")
                .routeId("seedance-jms-reply")
                .marshal().json(JsonLibrary.Jackson)
                .convertBodyTo(String.class)
                .to("jms:queue:{{jms.results-queue}}")
                .log("Answered ${header.JMSCorrelationID}: ${body}");
    }

    /** Keeps what the reply needs from the prompt message: correlation, reply destination, prompt. */
    static void remember(Exchange exchange) {
        Message in = exchange.getMessage();
        String correlationId = in.getHeader("JMSCorrelationID", String.class);
        if (correlationId == null || correlationId.isBlank()) {
            correlationId = in.getHeader("JMSMessageID", String.class);
        }
        exchange.setProperty("correlationId", correlationId);
        exchange.setProperty("replyTo", in.getHeader("JMSReplyTo"));
        exchange.setProperty("prompt", in.getBody(String.class));
    }

    static void successReply(Exchange exchange) {
        Message message = exchange.getMessage();
        Object body = message.getBody();
        List<?> videos = body instanceof List<?> list ? list : List.of(body);
        String videoDir = exchange.getContext().resolvePropertyPlaceholders("{{jms.video-dir}}");
        List<Map<String, Object>> items = new ArrayList<>();
        for (Object item : videos) {
            SeedanceVideo video = (SeedanceVideo) item;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("videoUUID", video.getVideoUUID());
            entry.put("seed", video.getSeed());
            entry.put("fileName", video.getFileName());
            entry.put("size", video.getSize());
            entry.put("contentType", video.getContentType());
            entry.put("location", java.nio.file.Path.of(videoDir, video.getFileName()).toAbsolutePath().toUri()
                    .toString());
            items.add(entry);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "success");
        reply.put("correlationId", exchange.getProperty("correlationId"));
        reply.put("taskUUID", message.getHeader(SeedanceConstants.TASK_UUID));
        reply.put("prompt", exchange.getProperty("prompt"));
        reply.put("cost", message.getHeader(SeedanceConstants.COST));
        reply.put("videos", items);
        replyHeaders(exchange, "success");
        message.setBody(reply);
    }

    static void errorReply(Exchange exchange) {
        Exception error = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("status", "error");
        reply.put("correlationId", exchange.getProperty("correlationId"));
        reply.put("taskUUID", error instanceof RunwareException runware && runware.taskUUID() != null
                ? runware.taskUUID()
                : exchange.getMessage().getHeader(SeedanceConstants.TASK_UUID));
        reply.put("prompt", exchange.getProperty("prompt"));
        reply.put("code", error instanceof RunwareException runware ? runware.code() : null);
        reply.put("error", error == null ? null : error.getMessage());
        replyHeaders(exchange, "error");
        exchange.getMessage().setBody(reply);
    }

    /** JMS property of a result: success or error (camel-jms does not send headers whose name starts with Camel). */
    public static final String STATUS = "SeedanceStatus";
    /** JMS property of a result: the task UUID. */
    public static final String TASK_UUID = "SeedanceTaskUUID";

    /** The reply's JMS headers: correlation, status, task; and its destination when the prompt named one. */
    private static void replyHeaders(Exchange exchange, String status) {
        Message message = exchange.getMessage();
        Object taskUUID = message.getHeader(SeedanceConstants.TASK_UUID);
        message.removeHeaders("*");
        message.setHeader("JMSCorrelationID", exchange.getProperty("correlationId"));
        message.setHeader(STATUS, status);
        if (taskUUID != null) {
            message.setHeader(TASK_UUID, taskUUID);
        }
        Object replyTo = exchange.getProperty("replyTo");
        if (replyTo != null) {
            message.setHeader("CamelJmsDestination", replyTo);
        }
    }
}
