package io.github.camelseedance.seedance;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pool, batch and download options do what they say.
 */
class SeedanceComponentOptionsTest extends SeedanceTestSupport {

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        SeedanceComponent component = context.getComponent("seedance", SeedanceComponent.class);
        component.setMaxBatchSize(2);
        component.setMaxConcurrentDownloads(1);
        component.setHttpPoolSize(1);
        component.setSubmitBatchSize(3);
        return context;
    }

    @Test
    void downloadVideoOffGivesTheResultsWithoutFetchingThem() {
        Exchange exchange = template.request("seedance:generate?downloadVideo=false",
                e -> e.getMessage().setBody("A glacier calving into the sea"));

        SeedanceVideo video = exchange.getMessage().getBody(SeedanceVideo.class);
        assertThat(video.isDownloaded()).isFalse();
        assertThat(video.getVideoURL()).startsWith("http://127.0.0.1:");
        assertThat(exchange.getMessage().getHeader(SeedanceConstants.VIDEO_URL)).isEqualTo(video.getVideoURL());
        assertThat(SIMULATOR.requests().mediaDownloads()).isZero();
    }

    @Test
    void pollsCarryAtMostMaxBatchSizeTasksAndDownloadsAndRequestsUseTheirOwnPools() {
        List<CompletableFuture<Exchange>> sent = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> template.asyncSend("seedance:generate", e -> e.getMessage().setBody("Wave " + i)))
                .toList();
        sent.forEach(CompletableFuture::join);

        assertThat(sent).allSatisfy(f -> assertThat(f.join().getException()).isNull());
        assertThat(SIMULATOR.requests().mediaDownloads()).isEqualTo(6);
        assertThat(SIMULATOR.requests().apiRequests()).allSatisfy(request -> assertThat(request.tasks().stream()
                .filter(task -> "getResponse".equals(task.get("taskType"))).count()).isLessThanOrEqualTo(2));
        assertThat(threadsNamed("SeedanceDownload")).isEqualTo(1);
        assertThat(threadsNamed("SeedanceHttp ")).isEqualTo(1);
    }

    @Test
    void submitsThatWaitShareRequestsOfAtMostSubmitBatchSizeTasks() {
        List<CompletableFuture<Exchange>> sent = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> template.asyncSend("seedance:generate?downloadVideo=false",
                        e -> e.getMessage().setBody("Tide " + i)))
                .toList();
        sent.forEach(CompletableFuture::join);

        assertThat(sent).allSatisfy(f -> assertThat(f.join().getException()).isNull());
        List<Integer> submitSizes = SIMULATOR.requests().apiRequests().stream()
                .map(request -> (int) request.tasks().stream()
                        .filter(task -> "videoInference".equals(task.get("taskType"))).count())
                .filter(tasks -> tasks > 0).toList();
        assertThat(submitSizes).allSatisfy(tasks -> assertThat(tasks).isLessThanOrEqualTo(3))
                .anySatisfy(tasks -> assertThat(tasks).isGreaterThan(1));
        assertThat(submitSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(10);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(10);
    }

    /**
     * Live threads of this test's CamelContext whose name contains the pool name (Camel names them
     * "Camel (name) thread #N - Pool"); threads of other tests' contexts still ending do not count.
     */
    private long threadsNamed(String pool) {
        String owner = "Camel (" + context.getName() + ") ";
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith(owner))
                .filter(thread -> (thread.getName() + " ").contains(" - " + pool.trim() + " ")).count();
    }
}
