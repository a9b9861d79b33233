package io.github.camelseedance.runware;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;

/** The one way the client builds its default {@link HttpClient}: HTTP/1.1, a 10 s connect timeout, redirects. */
public final class RunwareHttpClients {

    /** How long opening a connection may take. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private RunwareHttpClients() {
    }

    /**
     * @param  executor the executor of the client's own I/O and answer handling, or {@code null} for the JDK's
     *                  default (which starts a thread per answer on small hosts: give one for many tasks)
     * @return          a new HTTP client with the defaults
     */
    public static HttpClient create(Executor executor) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL);
        if (executor != null) {
            builder.executor(executor);
        }
        return builder.build();
    }
}
