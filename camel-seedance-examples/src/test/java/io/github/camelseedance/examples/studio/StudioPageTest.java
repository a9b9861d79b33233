package io.github.camelseedance.examples.studio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.camelseedance.simulator.RunwareSimulatorExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The studio's page in a real headless Chromium, against a studio on a temporary folder and a simulator given as the
 * API: a prompt dropped on the page plays in the page's {@code <video>}, a bad request shows the parameter it
 * breaks, "Try again" sends a failed input again, a progress bar moves. The last test takes the screenshot of
 * docs/examples/studio.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudioPageTest {

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder()
            .renderTime(Duration.ofSeconds(2))
            .build();

    @TempDir
    static Path dir;

    private static TestStudio studio;
    private static HeadlessChromium chromium;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        chromium = HeadlessChromium.start();
        browser = chromium.driver;
        studio = TestStudio.start(StudioOptions.defaults().withDirectory(dir).withSamples(false).withPort(0),
                Map.of("RUNWARE_API_KEY", SIM.apiKey(), "RUNWARE_BASE_URL", SIM.baseUrl()), Map.of());
        browser.get(studio.app.pageAddress());
        until(Duration.ofSeconds(20), () -> text("#backend").startsWith("Talking to"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (studio != null) {
            studio.close();
        }
        if (chromium != null) {
            chromium.close();
        }
    }

    @Test
    @Order(1)
    void aPromptDroppedOnThePagePlaysInThePage() throws Exception {
        assertThat(text("#backend")).contains("a Runware server on this machine", "nothing is billed");

        drop("lighthouse.txt", "A lighthouse at dawn, waves crashing");

        WebElement card = until(Duration.ofSeconds(60), () -> card("lighthouse.txt", "done"));
        WebElement video = card.findElement(By.tagName("video"));
        double duration = until(Duration.ofSeconds(30), () -> {
            Object seconds = js("return arguments[0].readyState >= 1 ? arguments[0].duration : null;", video);
            return seconds instanceof Number n && n.doubleValue() > 0 ? n.doubleValue() : null;
        });
        assertThat(duration).as("the <video> element's duration").isBetween(4.0, 6.0);
        assertThat(card.findElement(By.linkText("Download lighthouse.mp4")).getAttribute("href"))
                .endsWith("/videos/lighthouse.mp4");
        assertThat(card.getText()).containsPattern("seed \\d+").contains("$0.18");
        assertThat(studio.app.outbox().resolve("lighthouse.mp4")).exists();
        assertThat(until(Duration.ofSeconds(10), () -> text("#spend-today").startsWith("$0.18") ? "ok" : null))
                .isNotNull();
    }

    @Test
    @Order(2)
    void aBadRequestShowsTheParameterItBreaks() {
        browser.findElement(By.id("prompt")).sendKeys("A film far too long");
        WebElement duration = browser.findElement(By.id("duration"));
        duration.clear();
        duration.sendKeys("99");

        String error = until(Duration.ofSeconds(20), () -> {
            WebElement note = browser.findElement(By.id("error-duration"));
            return note.isDisplayed() && !note.getText().isBlank() ? note.getText() : null;
        });
        assertThat(error).contains("duration", "99", "4..15");
        assertThat(duration.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(text("#price")).contains("not valid");
        int before = SIM.requests().count("videoInference");

        browser.findElement(By.id("name")).sendKeys("too-long");
        browser.findElement(By.id("send")).click();

        WebElement card = until(Duration.ofSeconds(30), () -> card("too-long.json", "failed"));
        assertThat(card.getText()).contains("Parameter: duration");
        assertThat(card.findElement(By.className("parameter")).getText()).isEqualTo("duration");
        assertThat(card.findElement(By.className("error")).getText()).contains("duration", "99");
        assertThat(SIM.requests().count("videoInference")).as("nothing sent").isEqualTo(before);
    }

    @Test
    @Order(3)
    void tryAgainSendsAFailedInputAgain() {
        SIM.faults().failNextTasks("providerError", 1);
        pick("unlucky.txt", "A prompt the provider fails on the first time");

        WebElement failed = until(Duration.ofSeconds(60), () -> card("unlucky.txt", "failed"));
        assertThat(failed.findElement(By.className("error")).getText()).contains("providerError");
        failed.findElement(By.xpath(".//button[normalize-space()='Try again']")).click();

        WebElement done = until(Duration.ofSeconds(60), () -> card("unlucky.txt", "done"));
        assertThat(done.findElement(By.tagName("video")).getAttribute("src")).endsWith("/videos/unlucky.2.mp4");
        assertThat(studio.app.inbox().resolve(".done/unlucky.txt")).exists();
        assertThat(studio.app.inbox().resolve(".done/unlucky.2.txt")).exists();
        List<Map<String, Object>> tasks = SIM.requests().tasks("videoInference");
        assertThat(tasks.stream().filter(t -> String.valueOf(t.get("positivePrompt")).contains("provider fails")))
                .hasSize(2);
    }

    @Test
    @Order(4)
    void aProgressBarMovesWhileAVideoRenders() throws Exception {
        new Select(browser.findElement(By.id("resolution"))).selectByValue("720p");
        WebElement duration = browser.findElement(By.id("duration"));
        duration.clear();
        duration.sendKeys("5");
        browser.findElement(By.id("prompt")).sendKeys("A paper boat on a rainy street, macro shot");
        until(Duration.ofSeconds(20), () -> text("#price").startsWith("Price: $") ? "priced" : null);
        assertThat(text("#price")).contains("$0.405", "nothing is billed");
        browser.findElement(By.id("send")).click();

        WebElement bar = until(Duration.ofSeconds(30), () -> {
            WebElement card = card("a-paper-boat-on.json", "rendering");
            return card == null ? null : card.findElement(By.tagName("progress"));
        });
        double first = Double.parseDouble(bar.getAttribute("value"));
        double later = until(Duration.ofSeconds(10), () -> {
            double now = Double.parseDouble(bar.getAttribute("value"));
            return now > first ? now : null;
        });
        assertThat(later).isGreaterThan(first);
        assertThat(text("[data-timing]")).contains("elapsed");
        screenshot();
        until(Duration.ofSeconds(60), () -> card("a-paper-boat-on.json", "done"));
    }

    @Test
    @Order(5)
    void anImageAndItsPromptPickedTogetherMakeAnImageToVideoTask() throws Exception {
        Path picked = Files.createDirectories(dir.resolve("picked"));
        javax.imageio.ImageIO.write(Samples.sunrise(), "png", picked.resolve("sunrise.png").toFile());
        Files.writeString(picked.resolve("sunrise.txt"), "The sun rises over the hills");
        // the prompt first: the page sends the image before it all the same
        browser.findElement(By.id("files"))
                .sendKeys(picked.resolve("sunrise.txt") + "\n" + picked.resolve("sunrise.png"));

        WebElement card = until(Duration.ofSeconds(60), () -> card("sunrise.txt", "done"));
        assertThat(card.findElement(By.tagName("video")).getAttribute("src")).endsWith("/videos/sunrise.mp4");
        Map<String, Object> task = SIM.requests().tasks("videoInference").stream()
                .filter(t -> "The sun rises over the hills".equals(t.get("positivePrompt"))).findFirst().orElseThrow();
        assertThat(task.get("inputs").toString()).contains("frameImages", "data:image/png;base64,");
        assertThat(studio.app.inbox().resolve(".done/sunrise.png")).exists();
    }

    @Test
    @Order(6)
    void everyControlHasALabelAndTheKeyboardReachesThem() {
        Object unlabelled = js("""
                return Array.from(document.querySelectorAll('input, select, textarea'))
                    .filter(c => !(c.labels && c.labels.length > 0 && c.labels[0].textContent.trim().length > 0))
                    .map(c => c.id || c.name);
                """);
        assertThat((List<?>) unlabelled).as("controls without a label").isEmpty();
        browser.navigate().refresh(); // the keyboard starts at the top of the page
        until(Duration.ofSeconds(20), () -> text("#backend").startsWith("Talking to"));
        java.util.Set<String> reached = new java.util.LinkedHashSet<>();
        for (int i = 0; i < 20; i++) {
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
            reached.add(String.valueOf(js("return document.activeElement.id || document.activeElement.tagName;")));
        }
        assertThat(reached).contains("files", "prompt", "model", "resolution", "aspectRatio", "duration",
                "outputFormat", "numberResults", "audio", "send");
    }

    /** Drops a file on the page's drop zone, as a drag and drop from the desktop does. */
    private static void drop(String name, String content) {
        js("""
                const transfer = new DataTransfer();
                transfer.items.add(new File([arguments[1]], arguments[0], {type: 'text/plain'}));
                const zone = document.getElementById('dropzone');
                zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: transfer, bubbles: true}));
                zone.dispatchEvent(new DragEvent('drop', {dataTransfer: transfer, bubbles: true}));
                """, name, content);
    }

    /** Picks a file with the page's file chooser. */
    private static void pick(String name, String content) {
        try {
            Path file = Files.createDirectories(dir.resolve("picked")).resolve(name);
            Files.writeString(file, content);
            browser.findElement(By.id("files")).sendKeys(file.toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The queue's card of that input in that state, or null. */
    private static WebElement card(String input, String state) {
        return browser.findElements(By.cssSelector("#queue .job." + state)).stream()
                .filter(card -> card.findElement(By.tagName("h3")).getText().startsWith(input))
                .findFirst().orElse(null);
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static <T> T until(Duration timeout, java.util.function.Supplier<T> condition) {
        return new WebDriverWait(browser, timeout, Duration.ofMillis(200)).until(driver -> {
            T value = condition.get();
            return value instanceof Boolean b ? (b ? value : null) : value;
        });
    }

    /**
     * The page as a person sees it: into target/, or into docs/examples/studio.md's picture when run with
     * {@code -Dstudio.updateScreenshot=true} (so a test run leaves the work tree as it found it).
     */
    private static void screenshot() throws Exception {
        Path docs = Boolean.getBoolean("studio.updateScreenshot")
                ? Path.of("").toAbsolutePath().getParent().resolve("docs/examples")
                : Path.of("target");
        org.openqa.selenium.Dimension size = browser.manage().window().getSize();
        long height = (Long) js("return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(size.getWidth(),
                (int) Math.min(3000, height + 140)));
        byte[] png = browser.getScreenshotAs(OutputType.BYTES);
        browser.manage().window().setSize(size);
        Path target = Files.isDirectory(docs) ? docs.resolve("studio-page.png") : dir.resolve("studio-page.png");
        Files.write(target, png);
    }
}
