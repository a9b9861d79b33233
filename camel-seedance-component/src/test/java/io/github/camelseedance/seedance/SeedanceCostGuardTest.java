package io.github.camelseedance.seedance;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.camelseedance.runware.error.RunwareNotFoundException;
import io.github.camelseedance.runware.error.RunwareProviderException;
import io.github.camelseedance.seedance.cost.BudgetExceededException;
import io.github.camelseedance.seedance.cost.BudgetLedger;
import io.github.camelseedance.seedance.cost.BudgetUsage;
import io.github.camelseedance.seedance.cost.CostCapExceededException;
import io.github.camelseedance.seedance.cost.CostGuard;
import io.github.camelseedance.seedance.journal.LogCapture;
import io.github.camelseedance.seedance.journal.TestClock;
import io.github.camelseedance.simulator.SimulatedTask;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The cost guard: every exchange gets its price, a cap or a budget refuses a task before any request that could bill
 * (the simulator's journal is the oracle), budgets are shared by endpoints, released on failure, charged at the real
 * cost, and roll over with their period.
 */
class SeedanceCostGuardTest extends SeedanceTestSupport {

    /** 720p, 16:9, the API's default 5 s, one result: 5 x 0.081 USD. */
    private static final BigDecimal PRICE_720P_5S = new BigDecimal("0.4050");
    private static final Instant MID_MONTH = Instant.parse("2026-12-14T10:00:00Z");

    private final TestClock clock = new TestClock(MID_MONTH);

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        context.getComponent("seedance", SeedanceComponent.class).setClock(clock);
        return context;
    }

    @Test
    void everyExchangeCarriesThePriceOfItsTask() {
        Exchange done = template.request("seedance:generate", e -> e.getMessage().setBody("A lighthouse at dusk"));
        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(SeedanceConstants.PRICE, BigDecimal.class)).isEqualByComparingTo(
                PRICE_720P_5S);

        Exchange small = template.request("seedance:generate?resolution=480p&duration=4&numberResults=2",
                e -> e.getMessage().setBody("Two lighthouses"));
        assertThat(small.getMessage().getHeader(SeedanceConstants.PRICE, BigDecimal.class))
                .isEqualByComparingTo("0.288"); // 480p: 0.036 x 4 s x 2
    }

    @Test
    void aVideoToVideoTaskIsPricedAtItsOwnRateAndChargedWhatRunwareBills() {
        Exchange done = template.request(
                "seedance:generate?budget=5&referenceVideos=https://example.com/shot.mp4",
                e -> e.getMessage().setBody("The same shot, at night"));
        assertThat(done.getException()).isNull();
        BigDecimal videoToVideo = new BigDecimal("0.48"); // 720p video to video: 0.096 x 5 s
        assertThat(done.getMessage().getHeader(SeedanceConstants.PRICE, BigDecimal.class))
                .isEqualByComparingTo(videoToVideo);
        String taskUUID = done.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
        assertThat(SIMULATOR.simulator().task(taskUUID).orElseThrow().cost()).isEqualByComparingTo(videoToVideo);
        assertThat(usage("default", "2026-12").spent()).isEqualByComparingTo(videoToVideo);

        assertThatThrownBy(() -> template.requestBody(
                "seedance:generate?maxCostPerTask=0.45&resolution=720p&referenceVideos=https://example.com/shot.mp4",
                "Above the cap only as video to video"))
                .cause().isInstanceOf(CostCapExceededException.class)
                .hasMessageContaining("0.48 USD (720p video to video x 5 s x 1 result at 0.096 USD/s");
    }

    @Test
    void aDryRunPricesExactlyAndBillsNothing() {
        Exchange done = template.request("seedance:submit?costCheck=dryRun&duration=8",
                e -> e.getMessage().setBody("A dry run first"));
        assertThat(done.getException()).isNull();
        assertThat(done.getMessage().getHeader(SeedanceConstants.PRICE, BigDecimal.class))
                .isEqualByComparingTo("0.648");
        assertThat(SIMULATOR.requests().apiRequests()).hasSize(2); // the dry run, then the submit
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void aTaskAboveTheCapIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> template.requestBody("seedance:generate?maxCostPerTask=0.30", "An expensive storm"))
                .isInstanceOf(CamelExecutionException.class).cause()
                .isInstanceOf(CostCapExceededException.class)
                .hasMessageContaining("0.405 USD").hasMessageContaining("maxCostPerTask 0.30 USD")
                .hasMessageContaining("resolution=720p").hasMessageContaining("duration=5")
                .hasMessageContaining("numberResults=1")
                .satisfies(e -> assertThat(((CostCapExceededException) e).cap()).isEqualByComparingTo("0.30"));
        assertThat(SIMULATOR.requests().all()).isEmpty();

        template.requestBody("seedance:generate?maxCostPerTask=0.30&resolution=480p", "A cheaper storm");
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(1);
    }

    @Test
    void twoEndpointsShareOneBudgetAndTheThirdTaskIsRefusedBeforeAnyRequest() {
        String budget = "&budget=1.00&budgetName=shared";
        template.requestBody("seedance:generate?aspectRatio=16:9" + budget, "First");
        template.requestBody("seedance:generate?aspectRatio=9:16" + budget, "Second");
        int requestsBefore = SIMULATOR.requests().all().size();

        assertThatThrownBy(() -> template.requestBody("seedance:generate?aspectRatio=1:1" + budget, "Third"))
                .cause().isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("budget 'shared'").hasMessageContaining("spent 0.81 USD")
                .hasMessageContaining("reserved 0.00 USD").hasMessageContaining("limit 1.00 USD")
                .hasMessageContaining("price 0.405 USD").hasMessageContaining("month 2026-12")
                .hasMessageContaining("resets at 2027-01-01T00:00Z")
                .satisfies(e -> {
                    BudgetExceededException refused = (BudgetExceededException) e;
                    assertThat(refused.spent()).isEqualByComparingTo("0.81");
                    assertThat(refused.limit()).isEqualByComparingTo("1.00");
                    assertThat(refused.resetsAt().toInstant()).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
                });
        assertThat(SIMULATOR.requests().all()).hasSize(requestsBefore);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(2);
        assertThat(usage("shared", "2026-12").spent()).isEqualByComparingTo("0.81");
    }

    @Test
    void aBudgetIsChargedTheRealCostRunwareReports() {
        Exchange done = template.request("seedance:generate?budget=5&duration=6&numberResults=2",
                e -> e.getMessage().setBody("Real costs"));
        assertThat(done.getException()).isNull();
        assertThat(lastVideoTask()).containsEntry("includeCost", true);
        String taskUUID = done.getMessage().getHeader(SeedanceConstants.TASK_UUID, String.class);
        SimulatedTask billed = SIMULATOR.simulator().task(taskUUID).orElseThrow();
        BudgetUsage usage = usage("default", "2026-12");
        assertThat(usage.spent()).isEqualByComparingTo(billed.cost());
        assertThat(usage.reserved()).isEqualByComparingTo("0");
        assertThat(done.getMessage().getHeader(SeedanceConstants.COST, BigDecimal.class))
                .isEqualByComparingTo(billed.cost());
    }

    @Test
    void aReservationIsReleasedWhenTheTaskFails() {
        SIMULATOR.faults().failNextTasks("providerError", 1);
        assertThatThrownBy(() -> template.requestBody("seedance:generate?budget=1", "Doomed"))
                .cause().isInstanceOf(RunwareProviderException.class);
        BudgetUsage afterFailure = usage("default", "2026-12");
        assertThat(afterFailure.spent()).isEqualByComparingTo("0");
        assertThat(afterFailure.reserved()).isEqualByComparingTo("0");

        SIMULATOR.faults().failNextRequests(400, 1);
        assertThatThrownBy(() -> template.requestBody("seedance:generate?budget=1", "Refused at submit")).cause()
                .isNotInstanceOf(BudgetExceededException.class);
        assertThat(usage("default", "2026-12").reserved()).isEqualByComparingTo("0");

        // the money is still there: two tasks of 0.405 fit in 1 USD
        template.requestBody("seedance:generate?budget=1", "First that works");
        template.requestBody("seedance:generate?budget=1", "Second that works");
        assertThat(usage("default", "2026-12").spent()).isEqualByComparingTo("0.81");
    }

    @Test
    void workRunwareRefusedThenAcceptedUnderTheSameIdempotencyKeyIsChargedOnce() {
        String uri = "seedance:generate?budget=1&idempotencyKey=${body}";
        // a first frame Runware does not know: the submit is refused
        Exchange refused = template.request(uri, e -> {
            e.getMessage().setBody("Refused, then accepted");
            e.getMessage().setHeader(SeedanceConstants.FIRST_FRAME_IMAGE, UUID.randomUUID().toString());
        });
        assertThat(refused.getException()).isInstanceOf(RunwareNotFoundException.class);
        assertThat(usage("default", "2026-12").tasks()).as("a refused task never ran").isZero();

        template.requestBody(uri, "Refused, then accepted");

        BudgetUsage usage = usage("default", "2026-12");
        assertThat(usage.spent()).as("the task that ran is charged").isEqualByComparingTo(PRICE_720P_5S);
        assertThat(usage.reserved()).isEqualByComparingTo("0");
        assertThat(usage.tasks()).isEqualTo(1);
    }

    @Test
    void theBudgetRollsOverWithItsPeriodInItsTimeZone() {
        String daily = "seedance:generate?budget=0.5&budgetPeriod=day&budgetTimeZone=Europe/Paris";
        template.requestBody(daily, "Monday's video");
        assertThatThrownBy(() -> template.requestBody(daily, "One too many on Monday")).cause()
                .isInstanceOf(BudgetExceededException.class)
                .hasMessageContaining("day 2026-12-14").hasMessageContaining("resets at 2026-12-15T00:00+01:00");

        clock.advance(Duration.ofHours(13)); // 23:00 UTC is midnight in Paris
        template.requestBody(daily, "Tuesday's video");
        assertThat(usage("default", "2026-12-15").spent()).isEqualByComparingTo(PRICE_720P_5S);
        assertThat(usage("default", "2026-12-14").spent()).isEqualByComparingTo(PRICE_720P_5S);
        assertThat(SIMULATOR.requests().billedTasks()).isEqualTo(2);
    }

    @Test
    void aBudgetPerModelKeepsTheSpendOfEachModelApart() {
        String perModel = "&budget=0.5&budgetPerModel=true";
        template.requestBody("seedance:generate?model=bytedance:seedance@2.0-mini" + perModel, "Mini");
        template.requestBody("seedance:generate?model=bytedance:seedance@2.0-fast&resolution=480p" + perModel,
                "Fast");
        assertThat(usage("default/bytedance:seedance@2.0-mini", "2026-12").spent()).isEqualByComparingTo(
                PRICE_720P_5S);
        assertThat(usage("default/bytedance:seedance@2.0-fast", "2026-12").spent()).isPositive();
        assertThatThrownBy(() -> template.requestBody("seedance:generate?model=bytedance:seedance@2.0-mini" + perModel,
                "Mini again")).cause().isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void aBudgetWarnsOnceAt80Percent() {
        try (LogCapture log = LogCapture.of(CostGuard.class)) {
            String budget = "seedance:generate?budget=2.0&resolution=480p&duration=10"; // 0.36 each
            for (int i = 0; i < 5; i++) {
                template.requestBody(budget, "Video " + i);
            }
            List<String> warnings = log.messages().stream().filter(m -> m.contains("80%") || m.contains("has used"))
                    .toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("budget 'default' has used 90% of its 2.0 USD");
        }
    }

    @Test
    void costOptionsAreNeverTakenFromHeaders() {
        assertThatThrownBy(() -> template.requestBodyAndHeaders("seedance:generate?maxCostPerTask=0.1", "Sneaky",
                Map.of("CamelSeedanceMaxCostPerTask", "100", "CamelSeedanceBudget", "100")))
                .cause().isInstanceOf(CostCapExceededException.class);
        assertThat(SIMULATOR.requests().all()).isEmpty();
    }

    private BudgetUsage usage(String account, String period) {
        BudgetLedger ledger = context.getComponent("seedance", SeedanceComponent.class).runtime().budgets().ledger();
        return ledger.usage(account, period);
    }
}
