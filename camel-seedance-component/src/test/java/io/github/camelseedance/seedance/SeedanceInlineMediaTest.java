package io.github.camelseedance.seedance;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.github.camelseedance.runware.error.RunwareValidationException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inline media are capped by maxInlineMediaSize for the whole request, checked before the bytes are read: a 150 MB
 * frame image is refused without reading it, a stream is read at most one byte past the cap, and the error says to
 * upload the media first.
 */
class SeedanceInlineMediaTest extends SeedanceTestSupport {

    private static final String PROMPT = "A kite over the dunes";
    private static final long BIG = 150L * 1024 * 1024;

    @TempDir
    Path folder;

    @Test
    void aFrameImageOverTheCapIsRefusedBeforeItIsRead() throws Exception {
        Path image = png(folder.resolve("huge.png"), BIG);

        Exchange exchange = template.request("seedance:generate", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader(SeedanceConstants.FIRST_FRAME_IMAGE, image.toFile());
        });

        assertRefused(exchange, SeedanceConstants.FIRST_FRAME_IMAGE, "huge.png");
    }

    @Test
    void aStreamIsReadAtMostOneBytePastTheCap() {
        AtomicLong read = new AtomicLong();
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                long at = read.getAndIncrement();
                return at == 0 ? 0x89 : at < 4 ? "PNG".charAt((int) at - 1) : 0;
            }
        };

        Exchange exchange = template.request("seedance:generate?maxInlineMediaSize=65536", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader(SeedanceConstants.REFERENCE_IMAGES, endless);
        });

        assertRefused(exchange, SeedanceConstants.REFERENCE_IMAGES, "stream");
        assertThat(read.get()).isEqualTo(65_537);
    }

    @Test
    void theCapIsForTheWholeRequest() throws Exception {
        Path first = png(folder.resolve("first.png"), 40_000);
        Path second = png(folder.resolve("second.png"), 40_000);

        Exchange exchange = template.request("seedance:generate?maxInlineMediaSize=65536", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader(SeedanceConstants.REFERENCE_IMAGES, List.of(first.toFile(), second.toFile()));
        });

        assertRefused(exchange, SeedanceConstants.REFERENCE_IMAGES, "second.png");
    }

    @Test
    void mediaUnderTheCapAreSentAsDataUris() throws Exception {
        Path image = png(folder.resolve("small.png"), 30_000);

        Exchange exchange = template.request("seedance:submit?maxInlineMediaSize=65536", e -> {
            e.getMessage().setBody(PROMPT);
            e.getMessage().setHeader(SeedanceConstants.REFERENCE_IMAGES, image.toFile());
        });

        assertThat(exchange.getException()).isNull();
        Map<String, Object> inputs = nested(lastVideoTask(), "inputs");
        assertThat((List<?>) inputs.get("referenceImages")).singleElement().asString()
                .startsWith("data:image/png;base64,iVBORw0KGgo").hasSize(22 + 40_000);
    }

    private static void assertRefused(Exchange exchange, String header, String value) {
        assertThat(exchange.getException()).isInstanceOf(RunwareValidationException.class);
        assertThat(((RunwareValidationException) exchange.getException()).violations()).anySatisfy(violation -> {
            assertThat(violation.parameters()).contains(header);
            assertThat(violation.message()).contains(value).contains("maxInlineMediaSize").contains("seedance:upload");
        });
        assertThat(SIMULATOR.requests().all()).isEmpty();
    }

    /** A file of that size starting with the PNG signature, sparse: no disk is used for the rest. */
    private static Path png(Path path, long size) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
            file.write(new byte[]{ (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
            file.setLength(size);
        }
        return path;
    }
}
