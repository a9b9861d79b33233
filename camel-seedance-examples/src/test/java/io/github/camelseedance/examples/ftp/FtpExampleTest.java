package io.github.camelseedance.examples.ftp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.github.camelseedance.examples.runware.EmbeddedRunware;
import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the FTP example end to end against its in-process Apache FtpServer and Runware simulator: prompts are uploaded
 * over FTP, and the videos put back are read over FTP.
 */
class FtpExampleTest {

    private static final int VIDEO_BYTES = 16_000;

    @TempDir
    static Path home;

    static Main main;
    static EmbeddedFtp.Server server;
    static RunwareSimulator simulator;

    FTPClient ftp;

    @BeforeAll
    static void startExample() {
        main = FtpExample.create();
        main.addOverrideProperty("ftp.embedded.home", home.toString());
        main.addOverrideProperty("ftp.poll-delay", "200");
        main.addOverrideProperty("seedance.number-results", "2");
        main.addOverrideProperty("runware.simulator", "always");
        main.addOverrideProperty("runware.simulator.render-time", "200ms");
        main.addOverrideProperty("runware.simulator.synthetic-bytes", String.valueOf(VIDEO_BYTES));
        main.addOverrideProperty("runware.simulator.poll-interval", "100ms");
        main.start();
        CamelContext context = main.getCamelContext();
        simulator = context.getRegistry().lookupByNameAndType(EmbeddedRunware.SIMULATOR_BEAN, RunwareSimulator.class);
        server = context.getRegistry().lookupByNameAndType(EmbeddedFtp.BEAN, EmbeddedFtp.Server.class);
    }

    @AfterAll
    static void stopExample() {
        if (main != null) {
            main.stop();
        }
    }

    @BeforeEach
    void login() throws IOException {
        ftp = new FTPClient();
        ftp.connect("127.0.0.1", server.port());
        assertThat(ftp.login(server.user(), server.password())).isTrue();
        ftp.enterLocalPassiveMode();
        ftp.setFileType(FTP.BINARY_FILE_TYPE);
    }

    @AfterEach
    void logout() throws IOException {
        ftp.logout();
        ftp.disconnect();
    }

    @Test
    void promptsUploadedOverFtpComeBackAsVideos() throws Exception {
        upload("prompts/harbor.txt", "Fishing boats in a misty harbor at sunrise");
        upload("prompts/dancer.txt", "A dancer spinning in a field of sunflowers");

        List<String> expected = List.of("dancer-1.mp4", "dancer-2.mp4", "harbor-1.mp4", "harbor-2.mp4");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(names("videos")).isEqualTo(expected));

        for (String name : expected) {
            byte[] bytes = download("videos/" + name);
            assertThat(bytes).as(name).hasSize(VIDEO_BYTES);
            assertThat(new String(bytes, 4, 4, StandardCharsets.US_ASCII)).isEqualTo("ftyp");
            assertThat(server.home().resolve("videos").resolve(name)).hasBinaryContent(bytes);
        }
        // the two results of a task are two different videos
        assertThat(download("videos/harbor-1.mp4")).isNotEqualTo(download("videos/harbor-2.mp4"));
        assertThat(simulator.requests().billedTasks()).isEqualTo(2);
        assertThat(simulator.requests().tasks("videoInference"))
                .extracting(task -> task.get("positivePrompt"), task -> task.get("numberResults"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Fishing boats in a misty harbor at sunrise", 2),
                        org.assertj.core.groups.Tuple.tuple("A dancer spinning in a field of sunflowers", 2));
        // the prompts were moved aside, no temporary file was left behind
        await().atMost(Duration.ofSeconds(5)).untilAsserted(
                () -> assertThat(names("prompts/.done")).containsExactly("dancer.txt", "harbor.txt"));
        assertThat(names("prompts")).doesNotContain("dancer.txt", "harbor.txt");
        assertThat(Files.list(server.home().resolve("videos")).map(p -> p.getFileName().toString()))
                .noneMatch(n -> n.endsWith(".part"));
    }

    private void upload(String path, String text) throws IOException {
        assertThat(ftp.storeFile(path, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))))
                .as("upload %s: %s", path, ftp.getReplyString()).isTrue();
    }

    private byte[] download(String path) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ftp.retrieveFile(path, out)).as("download %s: %s", path, ftp.getReplyString()).isTrue();
        return out.toByteArray();
    }

    private List<String> names(String dir) throws IOException {
        FTPFile[] files = ftp.listFiles(dir);
        return Arrays.stream(files).filter(FTPFile::isFile).map(FTPFile::getName).sorted().toList();
    }
}
