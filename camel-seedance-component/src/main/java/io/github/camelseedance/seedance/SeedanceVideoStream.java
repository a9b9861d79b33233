package io.github.camelseedance.seedance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.github.camelseedance.runware.DownloadStream;
import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.IOHelper;

/**
 * A video read straight from Runware, with no file ({@code streamVideo=true}): the bytes of its download as a sink
 * reads them. It is a {@link StreamCache} that holds nothing: Camel's stream caching leaves it as it is (never copies
 * it into memory), its {@link #length()} is the download's {@code Content-Length} (so {@code aws2-s3:} uploads it with
 * no buffering), and reading it again ({@link #reset()}, a redelivery, a second sink, a copy for another branch)
 * downloads the video again, from a new URL when the first one expired. Each pass reads the whole video or fails
 * (an {@link IOException} naming the URL).
 * <p>
 * Not for several threads at once: each conversion of a {@link SeedanceVideo} body to a stream gives its own. A
 * download closed under its reader (its exchange completed) fails the reader's next read; {@link #reset()} or
 * {@link #close()} starts a new pass.
 */
public final class SeedanceVideoStream extends InputStream implements StreamCache {

    /** Downloads the video again, blocking until its answer's headers came. */
    @FunctionalInterface
    public interface Reopener {
        /**
         * @return           a new download of the video, from its first byte
         * @throws IOException when the video cannot be downloaded (the cause says why)
         */
        DownloadStream reopen() throws IOException;
    }

    private final Reopener reopener;
    private final long length;
    private volatile DownloadStream current;
    private long position;
    private boolean atEnd;

    /**
     * @param reopener downloads the video again for each new pass
     * @param length   the video's length in bytes, -1 when unknown
     * @param opened   the download for the first pass, or {@code null} to open it at the first read
     */
    public SeedanceVideoStream(Reopener reopener, long length, DownloadStream opened) {
        this.reopener = reopener;
        this.length = length;
        this.current = opened;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        if (atEnd) {
            return -1;
        }
        DownloadStream download = current;
        if (download == null) {
            if (position > 0) {
                throw new IOException("The video stream was closed after " + position + " bytes (its exchange "
                                      + "completed): reset it to read the video again");
            }
            download = reopener.reopen();
            current = download;
        }
        int n;
        try {
            n = download.read(buffer, offset, count);
        } catch (IOException e) {
            closeCurrent();
            throw e;
        }
        if (n < 0) {
            atEnd = true;
            closeCurrent();
        } else {
            position += n;
        }
        return n;
    }

    @Override
    public int available() throws IOException {
        return current == null ? 0 : current.available();
    }

    /** Ends this pass (the rest of the download is not transferred); a read after it starts a new pass. */
    @Override
    public void close() {
        closeCurrent();
        position = 0;
        atEnd = false;
    }

    /**
     * Closes the download from another thread (an exchange completing): a read in this pass then fails, rather than
     * starting over unasked.
     */
    void abort() {
        closeCurrent();
    }

    /** Starts a new pass from the first byte: the download open now is kept when nothing of it was read. */
    @Override
    public void reset() {
        if (current != null && current.bytesRead() == 0) {
            return;
        }
        close();
    }

    /** Writes the whole video, from its first byte. */
    @Override
    public void writeTo(OutputStream out) throws IOException {
        reset();
        IOHelper.copy(this, out);
    }

    /** A stream of its own for another exchange: downloads the video when first read, closed when that one completes. */
    @Override
    public StreamCache copy(Exchange exchange) {
        SeedanceVideoStream copy = new SeedanceVideoStream(reopener, length, null);
        copy.closeWhenDone(exchange);
        return copy;
    }

    /** Closes this stream's download when the exchange completes, so that no download outlives it. */
    public void closeWhenDone(Exchange exchange) {
        if (exchange != null) {
            exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange done) {
                    abort();
                }
            });
        }
    }

    @Override
    public boolean inMemory() {
        return false;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public long position() {
        return position;
    }

    private void closeCurrent() {
        DownloadStream download = current;
        current = null;
        if (download != null) {
            IOHelper.close(download);
        }
    }

    @Override
    public String toString() {
        return "SeedanceVideoStream[" + position + " of " + length + " bytes read]";
    }
}
