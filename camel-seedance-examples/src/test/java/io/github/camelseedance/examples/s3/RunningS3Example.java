package io.github.camelseedance.examples.s3;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.examples.runware.EmbeddedRunware;
import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 example started for a test: its Camel Main with the embedded simulator (fast renders and polls) and S3Proxy,
 * the simulator, and a client of the S3Proxy; closed by the test.
 */
final class RunningS3Example implements AutoCloseable {

    final Main main;
    final RunwareSimulator simulator;
    final S3Client s3;
    private final String bucket;

    private RunningS3Example(Main main, String bucket) {
        this.main = main;
        this.bucket = bucket;
        CamelContext context = main.getCamelContext();
        this.simulator = context.getRegistry().lookupByNameAndType(EmbeddedRunware.SIMULATOR_BEAN,
                RunwareSimulator.class);
        this.s3 = context.getRegistry().lookupByNameAndType(EmbeddedS3.BEAN, EmbeddedS3.Server.class).newClient();
    }

    /**
     * Starts the example with its inbox in {@code work}, its videos in {@code bucket}, synthetic videos of
     * {@code videoBytes} and the given settings on top.
     */
    static RunningS3Example start(Path work, String bucket, int videoBytes, Map<String, String> settings) {
        Main main = S3Example.create();
        main.addOverrideProperty("s3.inbox", work.resolve("inbox").toString());
        main.addOverrideProperty("s3.bucket", bucket);
        main.addOverrideProperty("runware.simulator", "always");
        main.addOverrideProperty("runware.simulator.render-time", "200ms");
        main.addOverrideProperty("runware.simulator.synthetic-bytes", String.valueOf(videoBytes));
        main.addOverrideProperty("runware.simulator.poll-interval", "100ms");
        settings.forEach(main::addOverrideProperty);
        main.start();
        return new RunningS3Example(main, bucket);
    }

    /** The objects in the example's bucket. */
    List<S3Object> objects() {
        return s3.listObjectsV2(b -> b.bucket(bucket)).contents();
    }

    @Override
    public void close() {
        s3.close();
        main.stop();
    }
}
