package io.github.camelseedance.seedance;

import java.io.RandomAccessFile;
import java.nio.file.Path;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * Run by {@link LargeUploadTest} in a JVM with a small heap: uploads a video file nearly half as large as that heap.
 * <p>
 * Arguments: Runware base URL, API key, the file to create and upload.
 */
public final class LargeUploadApp {

    static final long VIDEO_BYTES = 14L * 1024 * 1024;

    private LargeUploadApp() {
    }

    public static void main(String[] args) throws Exception {
        Path video = Path.of(args[2]);
        try (RandomAccessFile file = new RandomAccessFile(video.toFile(), "rw")) {
            // an MP4 signature, then zeros (a sparse file: no disk is used for them)
            file.write(new byte[]{ 0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm' });
            file.setLength(VIDEO_BYTES);
        }
        try (CamelContext context = new DefaultCamelContext()) {
            context.addComponent("seedance", SimulatedSeedance.component(args[0], args[1], 100));
            context.start();
            Exchange exchange = context.createProducerTemplate().request("seedance:upload",
                    e -> e.getMessage().setBody(video.toFile()));
            if (exchange.getException() != null) {
                exchange.getException().printStackTrace(System.out);
                System.exit(1);
            }
            System.out.println("UPLOADED " + exchange.getMessage().getBody(String.class));
        }
    }
}
