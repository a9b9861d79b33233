package io.github.camelseedance.seedance.journal;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The JDBC task store on a real PostgreSQL server, started by the test. */
class PostgresTaskStoreTest extends JdbcTaskStoreContract {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static PostgresServer postgres;

    private final String table = "seedance_task_" + TABLES.incrementAndGet();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    String jdbcUrl() {
        return postgres.jdbcUrl();
    }

    @Override
    String table() {
        return table;
    }

    @Override
    void checkFootprint(TaskStore store, int inFlight) throws Exception {
        super.checkFootprint(store, inFlight);
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                Statement statement = connection.createStatement()) {
            statement.execute("VACUUM " + table);
            try (ResultSet rows = statement.executeQuery("SELECT n_live_tup FROM pg_stat_user_tables "
                                                         + "WHERE relname = '" + table + "'")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(inFlight);
            }
        }
    }

    @Test
    void adoptionLocksTheRowsItTakesWithSkipLocked() throws Exception {
        TaskStore store = open(Duration.ZERO);
        store.insert(task(1).leasedTo("dead", clock.millis() - 1));
        store.insert(task(2).leasedTo("dead", clock.millis() - 1));
        try (Connection holder = DriverManager.getConnection(postgres.jdbcUrl())) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.executeQuery("SELECT task_uuid FROM " + table + " WHERE task_uuid = '" + uuid(1)
                                  + "' FOR UPDATE")
                        .close();
            }
            // another instance is adopting task 1 right now: this one skips it instead of waiting
            assertThat(store.adopt("b", clock.millis(), clock.millis() + LEASE.toMillis(), 10))
                    .extracting(TaskRecord::taskUUID).containsExactly(uuid(2));
            holder.rollback();
        }
        assertThat(store.adopt("b", clock.millis(), clock.millis() + LEASE.toMillis(), 10))
                .extracting(TaskRecord::taskUUID).containsExactly(uuid(1));
    }
}
