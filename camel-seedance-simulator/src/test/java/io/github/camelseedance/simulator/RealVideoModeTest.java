package io.github.camelseedance.simulator;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.camelseedance.simulator.video.TestImages;
import io.github.camelseedance.simulator.video.VideoFormat;
import io.github.camelseedance.simulator.video.VideoRenderer;
import io.github.camelseedance.simulator.video.VideoSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Without syntheticVideos, results are rendered by the VideoRenderer (RealVideoRenderer by default). */
class RealVideoModeTest {

    /** Test stand-in renderer: answers the spec as text and remembers it. */
    static final class RecordingRenderer implements VideoRenderer {
        final List<VideoSpec> specs = new CopyOnWriteArrayList<>();

        @Override
        public byte[] render(VideoSpec spec) {
            specs.add(spec);
            return spec.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    void resultIsRenderedOnceForTheTasksSpecAndServed() {
        RecordingRenderer renderer = new RecordingRenderer();
        try (RunwareSimulator sim = RunwareSimulator.builder().videoRenderer(renderer)
                .renderTime(Duration.ZERO).build().start()) {
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.with(TestApi.videoTask(), "width", 1280, "height", 720,
                    "outputFormat", "MOV", "duration", 6);
            api.submit(task);
            sim.completeAll();
            String url = (String) api.poll((String) task.get("taskUUID")).data().get(0).get("videoURL");

            byte[] first = TestApi.get(url).body();
            byte[] second = TestApi.get(url).body();

            long seed = ((Number) api.poll((String) task.get("taskUUID")).data().get(0).get("seed")).longValue();
            VideoSpec expected = new VideoSpec("a red fox running through snow", 1280, 720, 6, VideoFormat.MOV,
                    seed, true, null, null);
            assertThat(renderer.specs).containsExactly(expected);
            assertThat(first).isEqualTo(second).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(TestApi.get(url).headers().firstValue("Content-Type")).hasValue("video/quicktime");
        }
    }

    @Test
    void theResultsOfOneTaskAreDifferentVideos() {
        try (RunwareSimulator sim = RunwareSimulator.builder().renderTime(Duration.ZERO).build().start()) {
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.with(TestApi.videoTask(), "numberResults", 2);
            api.submit(task);
            sim.completeAll();
            List<Map<String, Object>> items = api.poll((String) task.get("taskUUID")).successes();
            byte[] first = TestApi.get((String) items.get(0).get("videoURL")).body();
            byte[] second = TestApi.get((String) items.get(1).get("videoURL")).body();
            assertThat(items.get(0).get("seed")).isNotEqualTo(items.get(1).get("seed"));
            assertThat(first).isNotEqualTo(second);
        }
    }

    @Test
    void audioFollowsSettingsAudioWhichDefaultsToTrue() {
        RecordingRenderer renderer = new RecordingRenderer();
        try (RunwareSimulator sim = RunwareSimulator.builder().videoRenderer(renderer)
                .renderTime(Duration.ZERO).build().start()) {
            TestApi api = new TestApi(sim);
            for (Map<String, Object> task : List.of(TestApi.videoTask(),
                    TestApi.with(TestApi.videoTask(), "settings", Map.of("audio", false)))) {
                api.submit(task);
                sim.completeAll();
                TestApi.get((String) api.poll((String) task.get("taskUUID")).data().get(0).get("videoURL"));
            }
            assertThat(renderer.specs).extracting(VideoSpec::audio).containsExactly(true, false);
        }
    }

    @Test
    void frameImagesReachTheRendererAndShapeTheVideo() {
        byte[] portrait = TestImages.halves(500, 900, 0xFF0000, 0x0000FF, "png");
        byte[] last = TestImages.halves(60, 40, 0x00FF00, 0x00FF00, "jpg");
        RecordingRenderer renderer = new RecordingRenderer();
        try (RunwareSimulator sim = RunwareSimulator.builder().videoRenderer(renderer)
                .renderTime(Duration.ZERO).build().start()) {
            TestApi api = new TestApi(sim);
            String uploaded = (String) api.post(List.of(Map.of("taskType", "mediaStorage", "taskUUID",
                    java.util.UUID.randomUUID().toString(), "operation", "upload", "media",
                    Base64.getEncoder().encodeToString(portrait)))).data().get(0).get("mediaUUID");
            Map<String, Object> task = TestApi.with(TestApi.videoTask(), "width", null, "height", null,
                    "resolution", "480p", "inputs", Map.of("frameImages", List.of(
                            Map.of("image", "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(last),
                                    "frame", "last"),
                            Map.of("image", uploaded, "frame", "first"))));
            assertThat(api.submit(task).status()).isEqualTo(200);
            sim.completeAll();
            TestApi.get((String) api.poll((String) task.get("taskUUID")).data().get(0).get("videoURL"));

            assertThat(renderer.specs).singleElement().satisfies(spec -> {
                assertThat(spec.firstFrame()).isEqualTo(portrait);
                assertThat(spec.lastFrame()).isEqualTo(last);
                assertThat(spec.width()).as("the 480p size nearest the first image's 5:9").isEqualTo(496);
                assertThat(spec.height()).isEqualTo(864);
            });
        }
    }

    @Test
    void anUnreadableFrameImageLeavesTheLandscapeSizeAndNoPicture() {
        RecordingRenderer renderer = new RecordingRenderer();
        try (RunwareSimulator sim = RunwareSimulator.builder().videoRenderer(renderer)
                .renderTime(Duration.ZERO).build().start()) {
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.with(TestApi.videoTask(), "width", null, "height", null,
                    "inputs", Map.of("frameImages", List.of("https://example.com/not-fetched.png")));
            api.submit(task);
            sim.completeAll();
            TestApi.get((String) api.poll((String) task.get("taskUUID")).data().get(0).get("videoURL"));
            assertThat(renderer.specs).singleElement().satisfies(spec -> {
                assertThat(spec.firstFrame()).isNull();
                assertThat(spec.width()).isEqualTo(1280);
                assertThat(spec.height()).isEqualTo(720);
            });
        }
    }

    @Test
    void rendererFailureAnswers500ForThatFile() {
        VideoRenderer broken = spec -> {
            throw new IllegalStateException("encoder exploded");
        };
        try (RunwareSimulator sim = RunwareSimulator.builder().videoRenderer(broken)
                .renderTime(Duration.ZERO).build().start()) {
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.videoTask();
            api.submit(task);
            sim.completeAll();
            String url = (String) api.poll((String) task.get("taskUUID")).data().get(0).get("videoURL");

            HttpResponse<byte[]> answer = TestApi.get(url);

            assertThat(answer.statusCode()).isEqualTo(500);
            assertThat(new String(answer.body(), StandardCharsets.UTF_8)).contains("encoder exploded");
        }
    }

    @Test
    void defaultRendererServesAPlayableMp4() {
        try (RunwareSimulator sim = RunwareSimulator.builder().renderTime(Duration.ZERO).build().start()) {
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.videoTask();
            api.submit(task);
            sim.completeAll();
            String url = (String) api.poll((String) task.get("taskUUID")).data().get(0).get("videoURL");

            HttpResponse<byte[]> video = TestApi.get(url);

            assertThat(video.statusCode()).isEqualTo(200);
            assertThat(video.headers().firstValueAsLong("Content-Length")).hasValue(video.body().length);
            String text = new String(video.body(), StandardCharsets.ISO_8859_1);
            assertThat(text.substring(4, 8)).isEqualTo("ftyp");
            assertThat(text).contains("moov", "mdat");
        }
    }
}
