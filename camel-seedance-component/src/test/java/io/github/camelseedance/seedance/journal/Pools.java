package io.github.camelseedance.seedance.journal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Connection pools for the JDBC store tests, as an application would have. */
final class Pools {

    private Pools() {
    }

    static HikariDataSource of(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setMaximumPoolSize(8);
        return new HikariDataSource(config);
    }
}
