package io.github.camelseedance.examples.s3;

import io.github.camelseedance.examples.ExampleMain;
import io.github.camelseedance.examples.runware.EmbeddedRunware;
import org.apache.camel.main.Main;

/**
 * The S3 example: text prompts in a folder become videos in an S3 bucket, with their metadata as object metadata.
 * By default everything runs in this process: an S3Proxy server and the Runware simulator. Configuration is in
 * {@code s3/application.properties}; see docs/examples/s3.md for AWS and the real Runware API.
 */
public final class S3Example {

    private S3Example() {
    }

    public static void main(String[] args) throws Exception {
        ExampleMain.run(create(), args);
    }

    /** The example's Camel Main, not started. */
    public static Main create() {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("classpath:s3/application.properties");
        main.configure().addConfiguration(EmbeddedRunware.class);
        main.configure().addConfiguration(EmbeddedS3.class);
        main.configure().addRoutesBuilder(new S3Routes());
        return main;
    }
}
