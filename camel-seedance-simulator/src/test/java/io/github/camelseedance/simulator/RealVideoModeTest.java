package io.github.camelseedance.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.camelseedance.simulator.video.VideoFormat;
import io.github.camelseedance.simulator.video.VideoRenderer;
import io.github.camelseedance.simulator.video.VideoSpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

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
