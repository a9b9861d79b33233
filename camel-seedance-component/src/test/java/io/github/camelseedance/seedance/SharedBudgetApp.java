package io.github.camelseedance.seedance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

import io.github.camelseedance.seedance.cost.BudgetExceededException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

import static org.awaitility.Awaitility.await;

/**
 * Run by {@link SeedanceSharedBudgetTest} in its own JVM, two of them on one task store: a Camel Main application
 * whose generate endpoint has a budget, which sends its prompts all at once when the test says go and writes down
 * which of them were admitted and which refused.
 * <p>
 * Arguments: Runware base URL, API key, JDBC URL of the task store, instance id, the work folder (where it writes
 * {@code <instance>.ready} once started, waits for {@code go}, and writes {@code <instance>.results}), then the
 * prompts.
 */
public final class SharedBudgetApp {

    /** The endpoint: 480p, 4 s, one result, 0.144 USD a task, under a budget of 1 USD shared by name. */
    static final String ENDPOINT = "seedance:generate?resolution=480p&duration=4&aspectRatio=16:9&budget=1"
                                   + "&budgetName=fleet&idempotencyKey=${body}";

    private SharedBudgetApp() {
    }

    public static void main(String[] args) throws Exception {
        SeedanceComponent seedance = SimulatedSeedance.component(args[0], args[1], 200);
        seedance.setTaskStoreJdbcUrl(args[2]);
        seedance.setInstanceId(args[3]);
        Path work = Path.of(args[4]);
        List<String> prompts = List.of(args).subList(5, args.length);

        Main main = new Main();
        main.bind("seedance", seedance);
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:video").to(ENDPOINT);
            }
        });
        main.start();
        Files.writeString(work.resolve(args[3] + ".ready"), "");
        await().forever().pollInterval(Duration.ofMillis(10)).until(() -> Files.exists(work.resolve("go")));
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();
        List<Future<Exchange>> sent = new ArrayList<>();
        for (String prompt : prompts) {
            sent.add(template.asyncSend("direct:video", e -> e.getMessage().setBody(prompt)));
        }
        List<String> results = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            Exception failure = sent.get(i).get().getException();
            results.add((failure == null
                    ? "admitted"
                    : failure instanceof BudgetExceededException
                            ? "refused"
                            : "failed " + failure)
                        + " " + prompts.get(i));
        }
        Path written = Files.write(work.resolve(args[3] + ".results.part"), results);
        Files.move(written, work.resolve(args[3] + ".results"), StandardCopyOption.ATOMIC_MOVE);
        main.stop();
    }
}
