package io.github.camelseedance.runware.internal;

import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The streamed body of an upload is the JSON task array, the file in it as a data URI that decodes to the file. */
class Base64FileBodyTest {

    @TempDir
    Path folder;

    @Test
    void theBodyIsTheTaskWithTheFileAsADataUri() throws Exception {
        for (int size : new int[]{ 0, 1, 2, 3, 49_151, 49_152, 49_153, 200_000 }) {
            byte[] content = new byte[size];
            new Random(size).nextBytes(content);
            Path file = Files.write(folder.resolve("media-" + size), content);
            Map<String, Object> task = new LinkedHashMap<>();
            task.put("taskType", "mediaStorage");
            task.put("taskUUID", "4a3c7b2e-1f5d-4c9a-8e6b-2d7f0a1b3c5e");
            task.put("operation", "upload");

            String body = new String(drain(Base64FileBody.of(task, "media", file, "video/mp4")),
                    StandardCharsets.UTF_8);

            List<Map<String, Object>> tasks = List.of(new ObjectMapper().readValue(body, Map[].class));
            assertThat(tasks).as("size " + size).singleElement().satisfies(parsed -> {
                assertThat(parsed).containsEntry("taskType", "mediaStorage").containsEntry("operation", "upload");
                String media = (String) parsed.get("media");
                assertThat(media).startsWith("data:video/mp4;base64,");
                assertThat(Base64.getDecoder().decode(media.substring("data:video/mp4;base64,".length())))
                        .isEqualTo(content);
            });
        }
    }

    private static byte[] drain(HttpRequest.BodyPublisher publisher) throws Exception {
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        List<ByteBuffer> buffers = new ArrayList<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                buffers.add(item);
            }

            @Override
            public void onError(Throwable throwable) {
                done.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                int size = buffers.stream().mapToInt(ByteBuffer::remaining).sum();
                ByteBuffer all = ByteBuffer.allocate(size);
                buffers.forEach(all::put);
                done.complete(all.array());
            }
        });
        return done.get(30, TimeUnit.SECONDS);
    }
}
