package io.github.camelseedance.seedance.journal;

import java.sql.Connection;
import java.sql.SQLException;

/** Runs statements on one connection as one transaction: committed when they succeed, rolled back when they fail. */
final class JdbcTransaction {

    /** Statements run in the transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws SQLException;
    }

    private JdbcTransaction() {
    }

    /** @return what the work answered, once committed; the connection's auto-commit is restored */
    static <T> T run(Connection connection, Work<T> work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
