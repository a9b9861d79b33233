package io.github.camelseedance.seedance.operation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.camelseedance.seedance.SeedanceConstants;
import io.github.camelseedance.seedance.SeedanceVideo;
import io.github.camelseedance.seedance.runtime.TemporaryVideos;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a {@code file:} sink take a downloaded video over by a rename instead of a copy, so the video is written to
 * disk once. Camel's file producer renames the file named by {@code CamelFileLocalWorkPath} onto its target when the
 * body is file based, then clears the header; the header here names a hard link to the video's temporary file, so the
 * rename moves no byte, and the temporary file stays where the {@link SeedanceVideo} body says for every later step
 * (a second sink, S3, a processor). Both names are deleted when the exchange completes; the sink's file keeps the
 * bytes. Where the temporary folder takes no hard links, no header is set and the sink copies the file as before.
 */
final class LocalWorkFile {

    private static final Logger LOG = LoggerFactory.getLogger(LocalWorkFile.class);

    private LocalWorkFile() {
    }

    /**
     * Sets the header for a single downloaded video, or removes it (several videos, or none downloaded). A local work
     * file the message already named (an FTP consumer's) is not the body any more: it is deleted when the exchange
     * completes, as its consumer would have done then.
     *
     * @param video the exchange's one video, {@code null} when the body is a list of them
     */
    static void handOver(Exchange exchange, SeedanceVideo video, TemporaryVideos temporaryVideos) {
        Message message = exchange.getMessage();
        String previous = message.getHeader(SeedanceConstants.FILE_LOCAL_WORK_PATH, String.class);
        if (previous != null) {
            temporaryVideos.bind(exchange, Path.of(previous));
            message.removeHeader(SeedanceConstants.FILE_LOCAL_WORK_PATH);
        }
        if (video == null || !video.isDownloaded()) {
            return;
        }
        Path file = video.getPath();
        Path link = file.resolveSibling("sink-" + file.getFileName());
        try {
            Files.deleteIfExists(link);
            Files.createLink(link, file);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            LOG.debug("No hard link to {} ({}): a file sink copies the video", file, e.toString());
            return;
        }
        temporaryVideos.bind(exchange, link);
        message.setHeader(SeedanceConstants.FILE_LOCAL_WORK_PATH, link.toString());
    }
}
