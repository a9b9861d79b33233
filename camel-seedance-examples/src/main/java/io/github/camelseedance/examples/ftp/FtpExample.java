package io.github.camelseedance.examples.ftp;

import io.github.camelseedance.examples.ExampleMain;
import io.github.camelseedance.examples.runware.EmbeddedRunware;
import org.apache.camel.main.Main;

/**
 * The FTP example: prompts picked up from an FTP server become videos put back on it. By default everything runs in
 * this process: an Apache FtpServer and the Runware simulator. Configuration is in {@code ftp/application.properties};
 * see docs/examples/ftp.md for a real FTP server and the real Runware API.
 */
public final class FtpExample {

    private FtpExample() {
    }

    public static void main(String[] args) throws Exception {
        ExampleMain.run(create(), args);
    }

    /** The example's Camel Main, not started. */
    public static Main create() {
        Main main = new Main();
        main.setDefaultPropertyPlaceholderLocation("classpath:ftp/application.properties");
        main.configure().addConfiguration(EmbeddedRunware.class);
        main.configure().addConfiguration(EmbeddedFtp.class);
        main.configure().addRoutesBuilder(new FtpRoutes());
        return main;
    }
}
