package io.github.camelseedance.seedance.journal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.github.camelseedance.seedance.cost.BudgetLedger;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks in flight in a database table shared by every instance of a fleet (PostgreSQL; H2 for development): one
 * row per task, every operation a statement or two on its primary key or an index, whatever the number of tasks.
 * Adoption locks the expired rows it takes with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so instances adopting at
 * the same moment take different tasks; every change is compare-and-set on the row's version.
 * <p>
 * The schema is the script {@value #SCHEMA_SCRIPT} (run at start unless told otherwise). Lease times are the
 * instances' clocks: keep them in sync (NTP) to well under the lease duration.
 */
public class JdbcTaskStore extends ServiceSupport implements TaskStore {

    /** The DDL script on the class path, for the table {@value #DEFAULT_TABLE}. */
    public static final String SCHEMA_SCRIPT = "io/github/camelseedance/seedance/journal/task-store.sql";
    /** The table's name unless another is given. */
    public static final String DEFAULT_TABLE = "seedance_task";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTaskStore.class);
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final String COLUMNS = "task_uuid, idempotency_key, expected_results, output_format, file_name, model, "
                                          + "recorded_at, acknowledged, lease_owner, lease_until, waiter, delivered, "
                                          + "received, finished_at, row_version";

    private final DataSource dataSource;
    private final String table;
    private final boolean createSchema;
    private final long retention;
    private final Clock clock;
    private String lockClause;
    private final JdbcBudgetLedger ledger;

    /**
     * @param dataSource   the database
     * @param table        the table's name (letters, digits and underscores, optionally schema-qualified)
     * @param createSchema whether to create the table and its indexes at start when they do not exist
     * @param retention    how long finished tasks are kept (zero: deleted at once)
     * @param clock        the clock of the finish times
     */
    public JdbcTaskStore(DataSource dataSource, String table, boolean createSchema, Duration retention, Clock clock) {
        if (table == null || !TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("taskStoreTable must be a table name (letters, digits, underscores, "
                                               + "optionally schema.table), got '" + table + "'");
        }
        this.dataSource = dataSource;
        this.table = table;
        this.createSchema = createSchema;
        this.retention = retention.toMillis();
        this.clock = clock;
        this.ledger = new JdbcBudgetLedger(dataSource, table);
    }

    public JdbcTaskStore(DataSource dataSource) {
        this(dataSource, DEFAULT_TABLE, true, Duration.ZERO, Clock.systemUTC());
    }

    public String getTable() {
        return table;
    }

    /** @return the database */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    protected void doStart() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            String product = connection.getMetaData().getDatabaseProductName();
            lockClause = skipsLocked(product) ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
            if (createSchema) {
                createSchema(connection);
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeQuery("SELECT " + COLUMNS + " FROM " + table + " WHERE 1 = 0").close();
            } catch (SQLException e) {
                throw new IllegalStateException("The task store table " + table + " is missing or not as expected ("
                                                + e.getMessage() + "): create it with the script " + SCHEMA_SCRIPT
                                                + " or set taskStoreCreateSchema=true",
                        e);
            }
            LOG.info("Seedance task store: table {} in {} {}", table, product,
                    connection.getMetaData().getDatabaseProductVersion());
        }
    }

    /**
     * Runs the DDL script. Instances starting at the same moment race on {@code CREATE ... IF NOT EXISTS} (PostgreSQL
     * answers the loser with a duplicate key): a statement that fails is left to the check that follows.
     */
    private void createSchema(Connection connection) throws IOException {
        for (String ddl : schema(table)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute(ddl);
            } catch (SQLException e) {
                LOG.debug("Creating the task store schema: {} failed ({}); another instance may have just created it",
                        ddl.lines().findFirst().orElse(ddl), e.getMessage());
            }
        }
    }

    /** PostgreSQL, MySQL 8, Oracle and H2 2 skip locked rows; elsewhere adoption waits for them instead. */
    private static boolean skipsLocked(String product) {
        String name = product.toLowerCase(Locale.ROOT);
        return name.contains("postgres") || name.contains("mysql") || name.contains("oracle") || name.contains("h2")
               || name.contains("mariadb");
    }

    @Override
    protected void doStop() throws Exception {
        // the data source belongs to whoever made it
    }

    /** The statements of {@value #SCHEMA_SCRIPT} for a table name. */
    public static List<String> schema(String table) throws IOException {
        String script;
        try (InputStream in = JdbcTaskStore.class.getClassLoader().getResourceAsStream(SCHEMA_SCRIPT)) {
            if (in == null) {
                throw new IOException("Missing " + SCHEMA_SCRIPT + " on the class path");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.trim().startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (line.trim().endsWith(";")) {
                String statement = current.toString().trim();
                statements.add(statement.substring(0, statement.length() - 1).replace(DEFAULT_TABLE, table));
                current.setLength(0);
            }
        }
        return statements;
    }

    @Override
    public boolean insert(TaskRecord task) {
        String sql = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, task.withVersion(1));
            statement.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw failure("record task " + task.taskUUID(), e);
        }
    }

    @Override
    public TaskRecord get(String taskUUID) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT " + COLUMNS + " FROM " + table + " WHERE task_uuid = ?")) {
            statement.setString(1, taskUUID);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? read(rows) : null;
            }
        } catch (SQLException e) {
            throw failure("read task " + taskUUID, e);
        }
    }

    @Override
    public boolean update(TaskRecord task) {
        String sql = "UPDATE " + table + " SET idempotency_key = ?, expected_results = ?, output_format = ?, "
                     + "file_name = ?, model = ?, recorded_at = ?, acknowledged = ?, lease_owner = ?, lease_until = ?, "
                     + "waiter = ?, delivered = ?, received = ?, row_version = row_version + 1 "
                     + "WHERE task_uuid = ? AND row_version = ? AND finished_at IS NULL";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = bindFields(statement, 0, task);
            statement.setString(++i, task.taskUUID());
            statement.setLong(++i, task.version());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("update task " + task.taskUUID(), e);
        }
    }

    @Override
    public void finish(String taskUUID) {
        String sql = retention <= 0
                ? "DELETE FROM " + table + " WHERE task_uuid = ?"
                : "UPDATE " + table + " SET finished_at = ?, lease_until = 0, waiter = NULL, received = NULL, "
                  + "row_version = row_version + 1 WHERE task_uuid = ? AND finished_at IS NULL";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (retention <= 0) {
                statement.setString(1, taskUUID);
            } else {
                statement.setLong(1, clock.millis());
                statement.setString(2, taskUUID);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw failure("finish task " + taskUUID, e);
        }
    }

    @Override
    public boolean forget(TaskRecord task) {
        String sql = "DELETE FROM " + table + " WHERE task_uuid = ? AND row_version = ? AND finished_at IS NULL";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, task.taskUUID());
            statement.setLong(2, task.version());
            return statement.executeUpdate() == 1;
        } catch (SQLException e) {
            throw failure("forget task " + task.taskUUID(), e);
        }
    }

    @Override
    public List<TaskRecord> renew(String owner, long leaseUntil) {
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE " + table + " SET lease_until = ? WHERE lease_owner = ? AND finished_at IS NULL")) {
                statement.setLong(1, leaseUntil);
                statement.setString(2, owner);
                statement.executeUpdate();
            }
            if (retention > 0) {
                try (PreparedStatement statement = connection.prepareStatement(
                        "DELETE FROM " + table + " WHERE finished_at < ?")) {
                    statement.setLong(1, clock.millis() - retention);
                    statement.executeUpdate();
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM " + table + " WHERE lease_owner = ? AND finished_at IS NULL")) {
                statement.setString(1, owner);
                return readAll(statement);
            }
        } catch (SQLException e) {
            throw failure("renew the leases of " + owner, e);
        }
    }

    @Override
    public List<TaskRecord> adopt(String owner, long now, long leaseUntil, int max) {
        String select = "SELECT " + COLUMNS + " FROM " + table + " WHERE finished_at IS NULL AND lease_until < ? "
                        + "AND (waiter IS NULL OR waiter = ? OR lease_until < ?) ORDER BY lease_until "
                        + "FETCH FIRST " + Math.max(1, max) + " ROWS ONLY" + lockClause;
        String take = "UPDATE " + table + " SET lease_owner = ?, lease_until = ?, waiter = NULL, "
                      + "row_version = row_version + 1 WHERE task_uuid = ? AND row_version = ?";
        try (Connection connection = dataSource.getConnection()) {
            return JdbcTransaction.run(connection, () -> {
                List<TaskRecord> expired;
                try (PreparedStatement statement = connection.prepareStatement(select)) {
                    statement.setLong(1, now);
                    statement.setString(2, owner);
                    statement.setLong(3, now - (leaseUntil - now));
                    expired = readAll(statement);
                }
                List<TaskRecord> adopted = new ArrayList<>(expired.size());
                if (!expired.isEmpty()) {
                    try (PreparedStatement statement = connection.prepareStatement(take)) {
                        for (TaskRecord task : expired) {
                            statement.setString(1, owner);
                            statement.setLong(2, leaseUntil);
                            statement.setString(3, task.taskUUID());
                            statement.setLong(4, task.version());
                            statement.addBatch();
                        }
                        int[] counts = statement.executeBatch();
                        for (int i = 0; i < counts.length; i++) {
                            if (counts[i] != 0) {
                                adopted.add(expired.get(i).leasedTo(owner, leaseUntil).waitedBy(null)
                                        .withVersion(expired.get(i).version() + 1));
                            }
                        }
                    }
                }
                return adopted;
            });
        } catch (SQLException e) {
            throw failure("adopt expired tasks", e);
        }
    }

    @Override
    public long size() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw failure("count the tasks", e);
        }
    }

    @Override
    public long inFlightCount() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement
                        .executeQuery("SELECT COUNT(*) FROM " + table + " WHERE finished_at IS NULL")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw failure("count the tasks in flight", e);
        }
    }

    @Override
    public List<TaskRecord> inFlight(int max) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + table
                                                                          + " WHERE finished_at IS NULL ORDER BY "
                                                                          + "recorded_at, task_uuid FETCH FIRST "
                                                                          + Math.max(1, max) + " ROWS ONLY")) {
            return readAll(statement);
        } catch (SQLException e) {
            throw failure("list the tasks in flight", e);
        }
    }

    private static void bind(PreparedStatement statement, TaskRecord task) throws SQLException {
        statement.setString(1, task.taskUUID());
        int i = bindFields(statement, 1, task);
        if (task.finished()) {
            statement.setLong(++i, task.finishedAt());
        } else {
            statement.setNull(++i, Types.BIGINT);
        }
        statement.setLong(++i, task.version());
    }

    /** Binds the columns from idempotency_key to received, after parameter {@code i}; answers the last one bound. */
    private static int bindFields(PreparedStatement statement, int i, TaskRecord task) throws SQLException {
        statement.setString(++i, task.idempotencyKey());
        statement.setInt(++i, task.expectedResults());
        statement.setString(++i, task.outputFormat());
        statement.setString(++i, task.fileName());
        statement.setString(++i, task.model());
        statement.setLong(++i, task.recordedAt());
        statement.setBoolean(++i, task.acknowledged());
        statement.setString(++i, task.owner());
        statement.setLong(++i, task.leaseUntil());
        statement.setString(++i, task.waiter());
        statement.setString(++i, list(task.delivered()));
        statement.setString(++i, list(task.received()));
        return i;
    }

    private static List<TaskRecord> readAll(PreparedStatement statement) throws SQLException {
        List<TaskRecord> tasks = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                tasks.add(read(rows));
            }
        }
        return tasks;
    }

    private static TaskRecord read(ResultSet rows) throws SQLException {
        long finishedAt = rows.getLong("finished_at");
        boolean inFlight = rows.wasNull();
        return new TaskRecord(rows.getString("task_uuid"), rows.getString("idempotency_key"),
                rows.getInt("expected_results"), rows.getString("output_format"), rows.getString("file_name"),
                rows.getString("model"), rows.getLong("recorded_at"), rows.getBoolean("acknowledged"),
                rows.getString("lease_owner"), rows.getLong("lease_until"), rows.getString("waiter"),
                TaskRecordJson.strings(rows.getString("delivered")), TaskRecordJson.strings(rows.getString("received")),
                inFlight ? 0 : finishedAt, rows.getLong("row_version"));
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? null : TaskRecordJson.write(values);
    }

    private IllegalStateException failure(String what, SQLException e) {
        return new IllegalStateException("The task store (table " + table + ") could not " + what + ": "
                                         + e.getMessage(),
                e);
    }

    @Override
    public BudgetLedger budgetLedger() {
        return ledger;
    }

    @Override
    public String toString() {
        return "JdbcTaskStore[" + table + "]";
    }
}
