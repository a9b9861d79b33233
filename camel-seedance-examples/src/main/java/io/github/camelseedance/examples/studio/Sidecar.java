package io.github.camelseedance.examples.studio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceVideo;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Makes the sidecar JSON of a finished task (task UUID, seed, cost, prompt, options, the video files) the body, named
 * after the input's base name ({@code cat.txt} gives {@code cat.json}, a second {@code cat.txt} {@code cat.2.json}),
 * to be written next to the video.
 */
final class Sidecar implements Processor {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String backend;

    Sidecar(String backend) {
        this.backend = backend;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Message message = exchange.getMessage();
        List<SeedanceVideo> videos = videos(message.getBody());
        List<String> names = names(exchange, videos);
        Map<String, Object> sidecar = new LinkedHashMap<>();
        sidecar.put("video", names.get(0));
        sidecar.put("taskUUID", message.getHeader(SeedanceConstants.TASK_UUID));
        sidecar.put("videoUUID", message.getHeader(SeedanceConstants.VIDEO_UUID));
        sidecar.put("seed", message.getHeader(SeedanceConstants.SEED));
        sidecar.put("cost", message.getHeader(SeedanceConstants.COST));
        sidecar.put("prompt", exchange.getProperty(PromptReader.PROMPT));
        sidecar.put("options", exchange.getProperty(PromptReader.OPTIONS));
        sidecar.put("input", exchange.getProperty(PromptReader.INPUT));
        sidecar.put("contentType", videos.get(0).getContentType());
        sidecar.put("size", videos.get(0).getSize());
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < videos.size(); i++) {
            SeedanceVideo video = videos.get(i);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("file", names.get(i));
            item.put("videoUUID", video.getVideoUUID());
            item.put("seed", video.getSeed());
            item.put("cost", video.getCost());
            item.put("size", video.getSize());
            items.add(item);
        }
        sidecar.put("videos", items);
        sidecar.put("backend", backend);
        sidecar.put("createdAt", Instant.now().toString());
        message.setBody(JSON.writeValueAsString(sidecar));
        message.setHeader(Exchange.FILE_NAME, exchange.getProperty(PromptReader.BASE_NAME) + ".json");
    }

    /** The names the videos were written under in the outbox ({@link StudioRoutes#WRITTEN}). */
    @SuppressWarnings("unchecked")
    private static List<String> names(Exchange exchange, List<SeedanceVideo> videos) {
        List<StudioJob.Video> written = exchange.getProperty(StudioRoutes.WRITTEN, List.class);
        return written != null && written.size() == videos.size()
                ? written.stream().map(StudioJob.Video::file).toList()
                : videos.stream().map(SeedanceVideo::getFileName).toList();
    }

    @SuppressWarnings("unchecked")
    static List<SeedanceVideo> videos(Object body) {
        return body instanceof List<?> list ? (List<SeedanceVideo>) list : List.of((SeedanceVideo) body);
    }
}
