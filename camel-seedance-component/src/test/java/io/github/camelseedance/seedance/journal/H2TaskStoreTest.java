package io.github.camelseedance.seedance.journal;

import java.time.Duration;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;

class H2TaskStoreTest extends TaskStoreContract {

    private final StatementCounter statements = new StatementCounter();
    private final String database = "jdbc:h2:mem:tasks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private HikariDataSource pool;

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    TaskStore create(Duration retention) {
        pool = pool == null ? Pools.of(database) : pool;
        return new JdbcTaskStore(statements.wrap(pool), "seedance_task", true, retention, clock);
    }

    @Override
    long work(TaskStore store) {
        return statements.executed();
    }
}
