package io.github.camelseedance.runware;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

/**
 * A media body read as it arrives: its GET was answered 2xx, and its bytes come as they are read, with no file. The
 * HTTP client reads a little ahead of the reader, no more, so a slow reader slows the transfer down. The download ends
 * at its last byte, when it is closed, or when a read fails, its deadline passing included
 * ({@link RunwareClient#openVideo}).
 */
public final class DownloadStream extends FilterInputStream {

    private final URI url;
    private final long length;
    private final String contentType;
    private final LongConsumer ended;
    private final AtomicBoolean over = new AtomicBoolean();
    private long read;

    /**
     * @param body        the body as the HTTP client gives it
     * @param url         where it comes from
     * @param length      its {@code Content-Length}, -1 when the answer has none
     * @param contentType its {@code Content-Type}, or {@code null}
     * @param ended       told once, with the bytes read in all, when the download ends
     */
    public DownloadStream(InputStream body, URI url, long length, String contentType, LongConsumer ended) {
        super(body);
        this.url = url;
        this.length = length;
        this.contentType = contentType;
        this.ended = ended;
    }

    /** @return where the body comes from */
    public URI url() {
        return url;
    }

    /** @return the body's length in bytes from its {@code Content-Length}, -1 when the answer had none */
    public long length() {
        return length;
    }

    /** @return the body's {@code Content-Type}, or {@code null} */
    public String contentType() {
        return contentType;
    }

    /** @return the bytes read so far */
    public long bytesRead() {
        return read;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) throws IOException {
        int n;
        try {
            n = super.read(buffer, offset, count);
        } catch (IOException e) {
            end();
            throw new IOException("Download of " + url + " failed after " + read + " of "
                                  + (length < 0 ? "an unknown number of" : String.valueOf(length)) + " bytes: "
                                  + reason(e),
                    e);
        }
        if (n < 0) {
            end();
        } else if (n > 0) {
            read += n;
        }
        return n;
    }

    /** Why a read failed: the download's deadline passing when that is the cause (the read itself says "closed"). */
    private static String reason(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException timeout) {
                return timeout.getMessage();
            }
        }
        return failure.getMessage();
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = 0;
        byte[] buffer = new byte[(int) Math.min(8192, Math.max(1, n))];
        while (skipped < n) {
            int step = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (step < 0) {
                break;
            }
            skipped += step;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: the body is read once
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("A download stream of " + url + " cannot be reset: open the video again");
    }

    /** Closes the body (an unread rest is not transferred) and ends the download. */
    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            end();
        }
    }

    private void end() {
        if (over.compareAndSet(false, true)) {
            ended.accept(read);
        }
    }

    @Override
    public String toString() {
        return "DownloadStream[" + url + ", " + read + " of " + length + " bytes read]";
    }
}
