package io.github.camelseedance.seedance.journal;

import java.util.UUID;

class H2TaskStoreTest extends JdbcTaskStoreContract {

    private final String database = "jdbc:h2:mem:tasks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    @Override
    String jdbcUrl() {
        return database;
    }

    @Override
    String table() {
        return JdbcTaskStore.DEFAULT_TABLE;
    }
}
