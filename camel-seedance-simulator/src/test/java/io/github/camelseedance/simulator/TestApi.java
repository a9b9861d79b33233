package io.github.camelseedance.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A minimal Runware client for the tests: posts task arrays and parses the envelope. */
final class TestApi {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final String baseUrl;
    private final String apiKey;

    TestApi(RunwareSimulator simulator) {
        this(simulator.baseUrl(), simulator.apiKey());
    }

    TestApi(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    Answer post(Object tasks) {
        return post(tasks, Map.of("Authorization", "Bearer " + apiKey));
    }

    Answer post(Object tasks, Map<String, String> headers) {
        try {
            return postOrThrow(tasks, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Answer postOrThrow(Object tasks, Map<String, String> headers) throws IOException {
        String body = tasks instanceof String s ? s : MAPPER.writeValueAsString(tasks);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body(), response.headers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    Answer submit(Map<String, Object> task) {
        return post(List.of(task));
    }

    Answer poll(String... taskUUIDs) {
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (String uuid : taskUUIDs) {
            tasks.add(Map.of("taskType", "getResponse", "taskUUID", uuid));
        }
        return post(tasks);
    }

    static HttpResponse<byte[]> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A valid Mini text-to-video task (864x496 at 480p, 4 s). */
    static Map<String, Object> videoTask() {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("taskType", "videoInference");
        task.put("taskUUID", UUID.randomUUID().toString());
        task.put("model", "bytedance:seedance@2.0-mini");
        task.put("positivePrompt", "a red fox running through snow");
        task.put("width", 864);
        task.put("height", 496);
        task.put("duration", 4);
        return task;
    }

    static Map<String, Object> with(Map<String, Object> task, Object... keyValues) {
        Map<String, Object> copy = new LinkedHashMap<>(task);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                copy.remove((String) keyValues[i]);
            } else {
                copy.put((String) keyValues[i], keyValues[i + 1]);
            }
        }
        return copy;
    }

    /** One HTTP answer with its parsed envelope. */
    record Answer(int status, String body, HttpHeaders headers) {

        Map<String, Object> json() {
            try {
                return MAPPER.readValue(body, new TypeReference<>() {
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> data() {
            return (List<Map<String, Object>>) json().getOrDefault("data", List.of());
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors() {
            return (List<Map<String, Object>>) json().getOrDefault("errors", List.of());
        }

        /**
         * The first error, whichever form it came in: the first entry of {@code errors}, or the singular
         * {@code error} object with the {@code taskUUID} / {@code taskType} beside it merged in (as Runware's SDKs
         * read it).
         */
        @SuppressWarnings("unchecked")
        Map<String, Object> error() {
            Map<String, Object> json = json();
            if (json.get("error") instanceof Map<?, ?> singular) {
                Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) singular);
                if (json.containsKey("taskUUID")) {
                    merged.putIfAbsent("taskUUID", json.get("taskUUID"));
                }
                if (json.containsKey("taskType")) {
                    merged.putIfAbsent("taskType", json.get("taskType"));
                }
                return merged;
            }
            return errors().get(0);
        }

        List<Map<String, Object>> successes() {
            return data().stream().filter(d -> "success".equals(d.get("status"))).toList();
        }

        List<Map<String, Object>> processing() {
            return data().stream().filter(d -> "processing".equals(d.get("status"))).toList();
        }
    }
}
