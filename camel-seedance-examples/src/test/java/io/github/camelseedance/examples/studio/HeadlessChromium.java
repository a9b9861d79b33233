package io.github.camelseedance.examples.studio;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real headless Chromium for the page tests: Debian's {@code chromium} and {@code chromium-driver}
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}, installed by {@code .ci/run}) driven by Selenium, with a
 * fresh profile and nothing fetched from the network. Without them the tests are skipped, saying so.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("studio.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("studio.chromedriver", "/usr/bin/chromedriver"));

    final ChromeDriver driver;
    /** Its profile and runtime folders, deleted on close. */
    private final Path home;

    private HeadlessChromium(ChromeDriver driver, Path home) {
        this.driver = driver;
        this.home = home;
    }

    /** Starts Chromium, or skips the test (one line saying why) when it is not installed. */
    static HeadlessChromium start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Skipped: no headless Chromium (" + CHROMIUM + " and " + DRIVER + "); install Debian's chromium and"
                                                                               + " chromium-driver, as .ci/run does");
        Path home = Files.createTempDirectory("studio-chromium-");
        Path profile = Files.createDirectory(home.resolve("profile"));
        // Chromium's audio client makes its runtime folder here, not as a pulse-* folder in /tmp that nobody removes
        Path runtime = Files.createDirectory(home.resolve("runtime"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--mute-audio", "--window-size=1280,1700",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("XDG_RUNTIME_DIR", runtime.toString()))
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), home);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
