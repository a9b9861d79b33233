package io.github.camelseedance.seedance.journal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.camelseedance.seedance.SeedanceComponent;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Makes the task store that the component's options describe. */
public final class TaskStores {

    private static final Logger LOG = LoggerFactory.getLogger(TaskStores.class);
    /** Connections of the pool opened for {@code taskStoreJdbcUrl}: a few statements at a time are plenty. */
    private static final int JDBC_POOL_SIZE = 4;

    private TaskStores() {
    }

    /**
     * The store the component's options describe: its taskStore, else a JDBC store on its taskStoreDataSource or
     * taskStoreJdbcUrl, else a file store on its taskStoreFile, else in memory.
     */
    public static TaskStore create(SeedanceComponent component) {
        if (component.getTaskStore() != null) {
            return component.getTaskStore();
        }
        Duration retention = Duration.ofMillis(component.getTaskRetention());
        if (retention.isNegative()) {
            throw new IllegalArgumentException("taskRetention must not be negative, got " + retention);
        }
        Clock clock = Clock.systemUTC();
        DataSource dataSource = component.getTaskStoreDataSource();
        if (dataSource == null && ObjectHelper.isNotEmpty(component.getTaskStoreJdbcUrl())) {
            dataSource = pool(component.getTaskStoreJdbcUrl());
        }
        if (dataSource != null) {
            return new JdbcTaskStore(dataSource, component.getTaskStoreTable(), component.isTaskStoreCreateSchema(),
                    retention, clock);
        }
        if (ObjectHelper.isNotEmpty(component.getTaskStoreFile())) {
            return new FileTaskStore(Path.of(component.getTaskStoreFile()), retention, clock);
        }
        return new MemoryTaskStore(retention, clock);
    }

    /** Closes what {@link #create} opened for the store (the pool of a JDBC URL). */
    public static void closeOwned(TaskStore store, SeedanceComponent component) {
        if (store instanceof JdbcTaskStore jdbc && jdbc.dataSource() instanceof HikariDataSource pool
            && component.getTaskStoreDataSource() == null) {
            pool.close();
        }
    }

    private static DataSource pool(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("SeedanceTaskStore");
        config.setMaximumPoolSize(JDBC_POOL_SIZE);
        config.setMinimumIdle(1);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("taskStoreJdbcUrl: cannot connect to the task store database ("
                                               + e.getMessage() + "); give a JDBC URL whose driver is on the class "
                                               + "path, such as jdbc:postgresql://host:5432/db",
                    e);
        }
    }

    /** The instance name by default: the host name (the pod name in Kubernetes) and the process id. */
    public static String defaultInstanceId() {
        String host = System.getenv("HOSTNAME");
        if (ObjectHelper.isEmpty(host)) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                LOG.debug("No host name: {}", e.getMessage());
                host = "localhost";
            }
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
