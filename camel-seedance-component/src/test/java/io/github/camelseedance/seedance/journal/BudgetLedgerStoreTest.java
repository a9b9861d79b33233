package io.github.camelseedance.seedance.journal;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.camelseedance.seedance.cost.BudgetLedger;
import io.github.camelseedance.seedance.cost.BudgetUsage;
import io.github.camelseedance.seedance.cost.Reservation;
import org.apache.camel.support.service.ServiceHelper;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget ledger each task store keeps: atomic reservations shared by two instances on one database, spend that
 * survives a restart of a file store, and a task that counts once however often it reserves or is charged.
 */
class BudgetLedgerStoreTest {

    private static final BigDecimal PRICE = new BigDecimal("0.405");
    private static final BigDecimal LIMIT = new BigDecimal("2.00");
    private static final BigDecimal WARN = new BigDecimal("1.60");

    @TempDir
    Path dir;

    @Test
    void twoInstancesOnOneDatabaseNeverBothTakeTheLastMoney() throws Exception {
        String url = "jdbc:h2:mem:budget-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        JdbcTaskStore first = new JdbcTaskStore(dataSource(url));
        JdbcTaskStore second = new JdbcTaskStore(dataSource(url));
        ServiceHelper.startService(first, second);
        try {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Callable<Reservation>> attempts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                BudgetLedger ledger = (i % 2 == 0 ? first : second).budgetLedger();
                String task = UUID.randomUUID().toString();
                attempts.add(() -> ledger.reserve("fleet", "2026-12", task, PRICE, 1, LIMIT, WARN));
            }
            List<Reservation> answers = new ArrayList<>();
            for (Future<Reservation> answer : pool.invokeAll(attempts)) {
                answers.add(answer.get());
            }
            pool.shutdown();
            // 4 x 0.405 = 1.62 fits in 2.00, a fifth does not
            assertThat(answers).filteredOn(Reservation::admitted).hasSize(4);
            assertThat(answers).filteredOn(Reservation::crossedWarning).hasSize(1);
            BudgetUsage usage = second.budgetLedger().usage("fleet", "2026-12");
            assertThat(usage.reserved()).isEqualByComparingTo("1.62");
            assertThat(usage.tasks()).isEqualTo(4);
        } finally {
            ServiceHelper.stopService(first, second);
        }
    }

    @Test
    void aJdbcLedgerChargesEachResultOnceAtItsRealCost() {
        JdbcTaskStore store = new JdbcTaskStore(dataSource("jdbc:h2:mem:charge-" + UUID.randomUUID()
                                                           + ";DB_CLOSE_DELAY=-1"));
        ServiceHelper.startService(store);
        try {
            chargesEachResultOnce(store.budgetLedger());
        } finally {
            ServiceHelper.stopService(store);
        }
    }

    @Test
    void aMemoryLedgerChargesEachResultOnceAtItsRealCost() {
        chargesEachResultOnce(new MemoryTaskStore().budgetLedger());
    }

    @Test
    void aFileStoreKeepsItsSpendAcrossARestartAndCountsATaskOnce() {
        Path file = dir.resolve("tasks.log");
        FileTaskStore before = new FileTaskStore(file);
        ServiceHelper.startService(before);
        BudgetLedger ledger = before.budgetLedger();
        ledger.reserve("default", "2026-12", "task-1", PRICE, 1, LIMIT, WARN);
        ledger.charge("task-1", "video-1", new BigDecimal("0.40"));
        ledger.close("task-1", false);
        ledger.reserve("default", "2026-12", "task-2", PRICE, 1, LIMIT, WARN);
        ServiceHelper.stopService(before); // killed mid-period: task-2 still renders

        FileTaskStore after = new FileTaskStore(file);
        ServiceHelper.startService(after);
        try {
            BudgetLedger restarted = after.budgetLedger();
            assertThat(restarted.usage("default", "2026-12")).satisfies(usage -> {
                assertThat(usage.spent()).isEqualByComparingTo("0.40");
                assertThat(usage.reserved()).isEqualByComparingTo(PRICE);
            });
            // the redelivered work of task-2 reserves nothing more; its result is charged once
            assertThat(restarted.reserve("default", "2026-12", "task-2", PRICE, 1, LIMIT, WARN).verdict())
                    .isEqualTo(Reservation.Verdict.ALREADY_RESERVED);
            restarted.charge("task-2", "video-2", new BigDecimal("0.41"));
            restarted.charge("task-2", "video-2", new BigDecimal("0.41"));
            restarted.close("task-2", false);
            assertThat(restarted.usage("default", "2026-12").spent()).isEqualByComparingTo("0.81");
            assertThat(restarted.usage("default", "2026-12").reserved()).isEqualByComparingTo("0");
        } finally {
            ServiceHelper.stopService(after);
        }
    }

    @Test
    void aJdbcLedgerForgetsATaskThatNeverRanSoItsWorkComingAgainIsCharged() {
        JdbcTaskStore store = new JdbcTaskStore(dataSource("jdbc:h2:mem:drop-" + UUID.randomUUID()
                                                           + ";DB_CLOSE_DELAY=-1"));
        ServiceHelper.startService(store);
        try {
            forgetsATaskThatNeverRan(store.budgetLedger());
        } finally {
            ServiceHelper.stopService(store);
        }
    }

    @Test
    void aMemoryLedgerForgetsATaskThatNeverRanSoItsWorkComingAgainIsCharged() {
        forgetsATaskThatNeverRan(new MemoryTaskStore().budgetLedger());
    }

    @Test
    void aFileStoreReplaysAForgottenReservation() {
        Path file = dir.resolve("tasks.log");
        FileTaskStore before = new FileTaskStore(file);
        ServiceHelper.startService(before);
        before.budgetLedger().reserve("default", "2026-12", "refused", PRICE, 1, LIMIT, WARN);
        before.budgetLedger().drop("refused");
        before.budgetLedger().reserve("default", "2026-12", "refused", PRICE, 1, LIMIT, WARN);
        ServiceHelper.stopService(before);

        FileTaskStore after = new FileTaskStore(file);
        ServiceHelper.startService(after);
        try {
            assertThat(after.budgetLedger().usage("default", "2026-12")).satisfies(usage -> {
                assertThat(usage.reserved()).isEqualByComparingTo(PRICE);
                assertThat(usage.tasks()).isEqualTo(1);
            });
            assertThat(after.budgetLedger().charge("refused", "video-1", new BigDecimal("0.40")))
                    .isEqualByComparingTo("0.40");
        } finally {
            ServiceHelper.stopService(after);
        }
    }

    private static void forgetsATaskThatNeverRan(BudgetLedger ledger) {
        ledger.reserve("default", "2026-12", "refused", PRICE, 1, LIMIT, WARN);
        ledger.drop("refused");
        assertThat(ledger.usage("default", "2026-12")).satisfies(usage -> {
            assertThat(usage.reserved()).isEqualByComparingTo("0");
            assertThat(usage.tasks()).isZero();
        });
        // its work, submitted again under the same task UUID and accepted this time
        assertThat(ledger.reserve("default", "2026-12", "refused", PRICE, 1, LIMIT, WARN).verdict())
                .isEqualTo(Reservation.Verdict.RESERVED);
        assertThat(ledger.charge("refused", "video-1", new BigDecimal("0.40"))).isEqualByComparingTo("0.40");
        // an entry with charges is closed, not forgotten: it stays counted
        ledger.drop("refused");
        assertThat(ledger.reserve("default", "2026-12", "refused", PRICE, 1, LIMIT, WARN).verdict())
                .isEqualTo(Reservation.Verdict.ALREADY_RESERVED);
        BudgetUsage usage = ledger.usage("default", "2026-12");
        assertThat(usage.spent()).isEqualByComparingTo("0.40");
        assertThat(usage.reserved()).isEqualByComparingTo("0");
        assertThat(usage.tasks()).isEqualTo(1);
        ledger.drop("never-reserved");
    }

    private static void chargesEachResultOnce(BudgetLedger ledger) {
        assertThat(ledger.reserve("default", "2026-12", "two-results", new BigDecimal("0.80"), 2, LIMIT, WARN)
                .verdict()).isEqualTo(Reservation.Verdict.RESERVED);
        assertThat(ledger.charge("two-results", "a", new BigDecimal("0.43"))).isEqualByComparingTo("0.43");
        assertThat(ledger.charge("two-results", "a", new BigDecimal("0.43"))).isEqualByComparingTo("0");
        BudgetUsage halfway = ledger.usage("default", "2026-12");
        assertThat(halfway.spent()).isEqualByComparingTo("0.43");
        assertThat(halfway.reserved()).isEqualByComparingTo("0.40");
        // the second result failed: its share is released
        ledger.close("two-results", false);
        ledger.close("two-results", true);
        BudgetUsage settled = ledger.usage("default", "2026-12");
        assertThat(settled.spent()).isEqualByComparingTo("0.43");
        assertThat(settled.reserved()).isEqualByComparingTo("0");
        // a wait that timed out bills what it reserved: the task runs at Runware
        ledger.reserve("default", "2026-12", "timed-out", PRICE, 1, LIMIT, WARN);
        assertThat(ledger.close("timed-out", true)).isEqualByComparingTo(PRICE);
        assertThat(ledger.usage("default", "2026-12").spent()).isEqualByComparingTo("0.835");
    }

    private static JdbcDataSource dataSource(String url) {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        return dataSource;
    }
}
