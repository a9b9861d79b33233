package io.github.camelseedance.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.camelseedance.simulator.video.VideoFormat;
import io.github.camelseedance.simulator.video.VideoRenderer;
import io.github.camelseedance.simulator.video.VideoSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Without syntheticVideos, results are rendered by the VideoRenderer at the scaled size. */
class RealVideoModeTest {

    /** Test stand-in for the real renderer: answers the spec as text and remembers it. */
    static final class RecordingRenderer implements VideoRenderer {
        final List<VideoSpec> specs = new CopyOnWriteArrayList<>();

        @Override
        public byte[] render(VideoSpec spec) {
            specs.add(spec);
            return spec.toString().getBytes(StandardCharsets.UTF_8);
        }
    }

    @Test
    void resultIsRenderedOnceAtTheScaledSizeAndServed() {
        RecordingRenderer renderer = new RecordingRenderer();
        try (RunwareSimulator sim = RunwareSimulator.builder().videoRenderer(renderer).realVideoScale(8)
                .renderTime(Duration.ZERO).build().start()) {
            TestApi api = new TestApi(sim);
            Map<String, Object> task = TestApi.with(TestApi.videoTask(), "width", 1280, "height", 720,
                    "outputFormat", "MOV", "duration", 6);
            api.submit(task);
            sim.completeAll();
            String url = (String) api.poll((String) task.get("taskUUID")).data().get(0).get("videoURL");

            byte[] first = TestApi.get(url).body();
            byte[] second = TestApi.get(url).body();

            VideoSpec expected = new VideoSpec("a red fox running through snow", 160, 90, 6, VideoFormat.MOV);
            assertThat(renderer.specs).containsExactly(expected);
            assertThat(first).isEqualTo(second).isEqualTo(expected.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(TestApi.get(url).headers().firstValue("Content-Type")).hasValue("video/quicktime");
        }
    }
}
