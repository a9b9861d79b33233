package io.github.camelseedance.examples.studio;

import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceVideo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * Makes the sidecar JSON of a finished task (task UUID, seed, cost, prompt, options, the video files) the body, named
 * after the input ({@code cat.txt} gives {@code cat.json}), to be written next to the video.
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
        Map<String, Object> sidecar = new LinkedHashMap<>();
        sidecar.put("video", videos.get(0).getFileName());
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
        for (SeedanceVideo video : videos) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("file", video.getFileName());
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

    @SuppressWarnings("unchecked")
    static List<SeedanceVideo> videos(Object body) {
        return body instanceof List<?> list ? (List<SeedanceVideo>) list : List.of((SeedanceVideo) body);
    }
}
