package io.github.camelseedance.seedance.journal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.github.camelseedance.seedance.cost.BudgetLedger;
import io.github.camelseedance.seedance.cost.BudgetUsage;
import io.github.camelseedance.seedance.cost.Reservation;

/**
 * The budget ledger in the tables of the JDBC task store ({@code <table>_budget}, {@code <table>_budget_entry},
 * {@code <table>_budget_charge}, created by the store's schema script), shared by every instance of a fleet. A
 * reservation locks its account's row ({@code SELECT ... FOR UPDATE}), so two instances never both take the last
 * money; a charge or close locks the task's row, and a result is charged once (its row's primary key). Entries and
 * charges of periods before the previous one are deleted when an account enters a new period.
 */
final class JdbcBudgetLedger implements BudgetLedger {

    private final DataSource dataSource;
    private final String accounts;
    private final String entries;
    private final String charges;

    JdbcBudgetLedger(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.accounts = table + "_budget";
        this.entries = table + "_budget_entry";
        this.charges = table + "_budget_charge";
    }

    @Override
    public Reservation reserve(String account, String period, String taskUUID, BigDecimal price, int results,
                               BigDecimal limit, BigDecimal warnAt) {
        try (Connection connection = dataSource.getConnection()) {
            if (openPeriod(connection, account, period)) {
                prune(connection, account, period);
            }
            return JdbcTransaction.run(connection, () -> {
                BudgetUsage usage = lockAccount(connection, account, period);
                boolean warned = warned(connection, account, period);
                if (exists(connection, taskUUID)) {
                    return new Reservation(Reservation.Verdict.ALREADY_RESERVED, false, usage);
                }
                BigDecimal committed = usage.committed().add(price);
                if (committed.compareTo(limit) > 0) {
                    return new Reservation(Reservation.Verdict.REFUSED, false, usage);
                }
                boolean warn = !warned && committed.compareTo(warnAt) >= 0;
                execute(connection, "INSERT INTO " + entries + " (task_uuid, account, period, price, results, "
                                    + "reserved_left, closed) VALUES (?, ?, ?, ?, ?, ?, FALSE)",
                        taskUUID, account, period, price, Math.max(1, results), price);
                execute(connection, "UPDATE " + accounts + " SET reserved = reserved + ?, tasks = tasks + 1, "
                                    + "warned = ? WHERE account = ? AND period = ?",
                        price, warned || warn, account, period);
                return new Reservation(Reservation.Verdict.RESERVED, warn, new BudgetUsage(account, period,
                        usage.spent(), usage.reserved().add(price), usage.tasks() + 1));
            });
        } catch (SQLException e) {
            throw failure("reserve the price of task " + taskUUID, e);
        }
    }

    @Override
    public BigDecimal charge(String taskUUID, String resultKey, BigDecimal cost) {
        try (Connection connection = dataSource.getConnection()) {
            return JdbcTransaction.run(connection, () -> {
                Entry entry = lockEntry(connection, taskUUID);
                if (entry == null || entry.closed || charged(connection, taskUUID, resultKey)) {
                    return BigDecimal.ZERO;
                }
                BigDecimal share = entry.price.divide(BigDecimal.valueOf(entry.results), 6, RoundingMode.HALF_UP)
                        .min(entry.reservedLeft);
                BigDecimal amount = cost != null ? cost : share;
                execute(connection, "INSERT INTO " + charges + " (task_uuid, result_key, amount) VALUES (?, ?, ?)",
                        taskUUID, resultKey, amount);
                execute(connection, "UPDATE " + entries + " SET reserved_left = reserved_left - ? WHERE task_uuid = ?",
                        share, taskUUID);
                execute(connection, "UPDATE " + accounts + " SET reserved = reserved - ?, spent = spent + ? "
                                    + "WHERE account = ? AND period = ?",
                        share, amount, entry.account, entry.period);
                return amount;
            });
        } catch (SQLException e) {
            throw failure("charge a result of task " + taskUUID, e);
        }
    }

    @Override
    public BigDecimal close(String taskUUID, boolean billRemainder) {
        try (Connection connection = dataSource.getConnection()) {
            return JdbcTransaction.run(connection, () -> {
                Entry entry = lockEntry(connection, taskUUID);
                if (entry == null || entry.closed) {
                    return BigDecimal.ZERO;
                }
                closeLocked(connection, taskUUID, entry, billRemainder);
                return billRemainder ? entry.reservedLeft : BigDecimal.ZERO;
            });
        } catch (SQLException e) {
            throw failure("close the reservation of task " + taskUUID, e);
        }
    }

    @Override
    public void drop(String taskUUID) {
        try (Connection connection = dataSource.getConnection()) {
            JdbcTransaction.run(connection, () -> {
                Entry entry = lockEntry(connection, taskUUID);
                if (entry == null) {
                    return null;
                }
                if (exists(connection, "SELECT 1 FROM " + charges + " WHERE task_uuid = ?", taskUUID)) {
                    if (!entry.closed) {
                        closeLocked(connection, taskUUID, entry, false);
                    }
                    return null;
                }
                execute(connection, "DELETE FROM " + entries + " WHERE task_uuid = ?", taskUUID);
                execute(connection, "UPDATE " + accounts + " SET reserved = reserved - ?, tasks = tasks - 1 "
                                    + "WHERE account = ? AND period = ?",
                        entry.reservedLeft, entry.account, entry.period);
                return null;
            });
        } catch (SQLException e) {
            throw failure("drop the reservation of task " + taskUUID, e);
        }
    }

    /** Closes an open entry, locked by this transaction: what it still reserves is released, or billed. */
    private void closeLocked(Connection connection, String taskUUID, Entry entry, boolean billRemainder)
            throws SQLException {
        execute(connection, "UPDATE " + entries + " SET reserved_left = 0, closed = TRUE WHERE task_uuid = ?",
                taskUUID);
        execute(connection, "UPDATE " + accounts + " SET reserved = reserved - ?, spent = spent + ? "
                            + "WHERE account = ? AND period = ?",
                entry.reservedLeft, billRemainder ? entry.reservedLeft : BigDecimal.ZERO, entry.account,
                entry.period);
    }

    @Override
    public BudgetUsage usage(String account, String period) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT spent, reserved, tasks FROM " + accounts + " WHERE account = ? AND period = ?")) {
            statement.setString(1, account);
            statement.setString(2, period);
            try (ResultSet row = statement.executeQuery()) {
                return row.next()
                        ? new BudgetUsage(account, period, row.getBigDecimal(1), row.getBigDecimal(2),
                                row.getLong(3))
                        : BudgetUsage.empty(account, period);
            }
        } catch (SQLException e) {
            throw failure("read budget " + account, e);
        }
    }

    /** Creates the account's row of a period, in a statement of its own; @return whether it was created now. */
    private boolean openPeriod(Connection connection, String account, String period) throws SQLException {
        try (PreparedStatement exists = connection.prepareStatement(
                "SELECT 1 FROM " + accounts + " WHERE account = ? AND period = ?")) {
            exists.setString(1, account);
            exists.setString(2, period);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return false;
                }
            }
        }
        try {
            execute(connection, "INSERT INTO " + accounts + " (account, period, spent, reserved, tasks, warned) "
                                + "VALUES (?, ?, 0, 0, 0, FALSE)",
                    account, period);
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false; // another instance opened it at the same moment
            }
            throw e;
        }
    }

    /** Deletes the account's periods before the previous one: their entries can no longer matter. */
    private void prune(Connection connection, String account, String period) throws SQLException {
        String previous = null;
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT MAX(period) FROM " + accounts + " WHERE account = ? AND period < ?")) {
            statement.setString(1, account);
            statement.setString(2, period);
            try (ResultSet row = statement.executeQuery()) {
                if (row.next()) {
                    previous = row.getString(1);
                }
            }
        }
        if (previous == null) {
            return;
        }
        execute(connection, "DELETE FROM " + charges + " WHERE task_uuid IN (SELECT task_uuid FROM " + entries
                            + " WHERE account = ? AND period < ?)",
                account, previous);
        execute(connection, "DELETE FROM " + entries + " WHERE account = ? AND period < ?", account, previous);
        execute(connection, "DELETE FROM " + accounts + " WHERE account = ? AND period < ?", account, previous);
    }

    private BudgetUsage lockAccount(Connection connection, String account, String period) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT spent, reserved, tasks FROM " + accounts
                                                                       + " WHERE account = ? AND period = ? FOR UPDATE")) {
            statement.setString(1, account);
            statement.setString(2, period);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("budget account " + account + " " + period + " vanished");
                }
                return new BudgetUsage(account, period, row.getBigDecimal(1), row.getBigDecimal(2), row.getLong(3));
            }
        }
    }

    private boolean warned(Connection connection, String account, String period) throws SQLException {
        return exists(connection, "SELECT 1 FROM " + accounts + " WHERE account = ? AND period = ? AND warned = TRUE",
                account, period);
    }

    private boolean exists(Connection connection, String taskUUID) throws SQLException {
        return exists(connection, "SELECT 1 FROM " + entries + " WHERE task_uuid = ?", taskUUID);
    }

    private boolean charged(Connection connection, String taskUUID, String resultKey) throws SQLException {
        return exists(connection, "SELECT 1 FROM " + charges + " WHERE task_uuid = ? AND result_key = ?", taskUUID,
                resultKey);
    }

    private Entry lockEntry(Connection connection, String taskUUID) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT account, period, price, results, "
                                                                       + "reserved_left, closed FROM " + entries
                                                                       + " WHERE task_uuid = ? FOR UPDATE")) {
            statement.setString(1, taskUUID);
            try (ResultSet row = statement.executeQuery()) {
                return row.next()
                        ? new Entry(row.getString(1), row.getString(2), row.getBigDecimal(3), row.getInt(4),
                                row.getBigDecimal(5), row.getBoolean(6))
                        : null;
            }
        }
    }

    private static boolean exists(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters);
                ResultSet row = statement.executeQuery()) {
            return row.next();
        }
    }

    private static void execute(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("The budget ledger (table " + accounts + ") could not " + what + ": "
                                         + e.getMessage(),
                e);
    }

    private record Entry(String account, String period, BigDecimal price, int results, BigDecimal reservedLeft,
                         boolean closed) {
    }
}
