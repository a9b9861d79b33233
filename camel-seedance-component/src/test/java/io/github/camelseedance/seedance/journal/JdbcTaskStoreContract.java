package io.github.camelseedance.seedance.journal;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;

/** The store contract on a database, through a connection pool as an application would have, counting statements. */
abstract class JdbcTaskStoreContract extends TaskStoreContract {

    final StatementCounter statements = new StatementCounter();
    private HikariDataSource pool;

    /** The database. */
    abstract String jdbcUrl();

    /** The table of this test. */
    abstract String table();

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    TaskStore create(Duration retention) {
        pool = pool == null ? Pools.of(jdbcUrl()) : pool;
        return new JdbcTaskStore(statements.wrap(pool), table(), true, retention, clock);
    }

    @Override
    long work(TaskStore store) {
        return statements.executed();
    }
}
