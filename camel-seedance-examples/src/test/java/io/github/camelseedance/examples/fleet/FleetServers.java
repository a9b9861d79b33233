package io.github.camelseedance.examples.fleet;

import java.io.IOException;
import java.net.ServerSocket;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;

import io.github.camelseedance.examples.jms.EmbeddedBroker;
import io.github.camelseedance.examples.s3.EmbeddedS3;
import io.github.camelseedance.seedance.journal.PostgresServer;
import io.github.camelseedance.simulator.RunwareSimulator;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a fleet shares, started in the test's JVM: PostgreSQL (a child process), an Artemis broker on TCP, S3Proxy and
 * the Runware simulator.
 */
final class FleetServers implements AutoCloseable {

    static final String BUCKET = "fleet-videos";
    static final String QUEUE = "seedance.prompts";

    final PostgresServer postgres;
    final EmbeddedBroker.Broker broker;
    final int brokerPort;
    final EmbeddedS3.Server s3;
    final RunwareSimulator simulator;
    final S3Client s3Client;

    FleetServers(Duration renderTime, Duration renderSpread, long videoBytes) throws Exception {
        postgres = PostgresServer.start();
        brokerPort = freePort();
        broker = new EmbeddedBroker.Broker(9000 + brokerPort % 1000, brokerPort);
        broker.start();
        s3 = new EmbeddedS3.Server("", "fleet-access", "fleet-secret");
        s3.start();
        s3Client = s3.newClient();
        s3Client.createBucket(b -> b.bucket(BUCKET));
        simulator = RunwareSimulator.builder().renderTime(renderTime).renderSpread(renderSpread)
                .syntheticVideos(videoBytes).seed(12L).deliveryRetry(5, Duration.ofMillis(500)).build().start();
    }

    /** The properties every instance runs with. */
    Map<String, String> instanceProperties(Duration lease) {
        Map<String, String> properties = new HashMap<>();
        properties.put("camel.component.seedance.configuration.base-url", simulator.baseUrl());
        properties.put("camel.component.seedance.configuration.api-key", simulator.apiKey());
        properties.put("camel.component.seedance.configuration.initial-poll-delay", "500");
        properties.put("camel.component.seedance.configuration.poll-interval", "500");
        properties.put("camel.component.seedance.configuration.max-poll-interval", "1000");
        properties.put("camel.component.seedance.task-store-jdbc-url", postgres.jdbcUrl());
        properties.put("camel.component.seedance.lease-duration", Long.toString(lease.toMillis()));
        properties.put("jms.broker-url", "tcp://127.0.0.1:" + brokerPort + "?consumerWindowSize=0");
        properties.put("fleet.bucket", BUCKET);
        properties.put("fleet.prompts-queue", QUEUE);
        properties.put("camel.component.aws2-s3.override-endpoint", "true");
        properties.put("camel.component.aws2-s3.uri-endpoint-override", s3.endpoint().toString());
        properties.put("camel.component.aws2-s3.force-path-style", "true");
        properties.put("camel.component.aws2-s3.region", "us-east-1");
        properties.put("camel.component.aws2-s3.access-key", s3.accessKey());
        properties.put("camel.component.aws2-s3.secret-key", s3.secretKey());
        return properties;
    }

    /** Puts prompts on the queue, each with its promptId. */
    void sendPrompts(List<String> promptIds) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(broker.vmUrl());
        try (factory;
                Connection connection = factory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            MessageProducer producer = session.createProducer(session.createQueue(QUEUE));
            for (String promptId : promptIds) {
                TextMessage message = session.createTextMessage("A paper lantern drifting over a lake, take "
                                                                + promptId);
                message.setStringProperty(FleetRoutes.PROMPT_ID, promptId);
                producer.send(message);
            }
        }
    }

    /** What the queue and the task store hold now, for a failure message: the rows in flight, and how many finished. */
    String state() {
        StringBuilder state = new StringBuilder();
        try {
            var queue = broker.server().getActiveMQServer().locateQueue(QUEUE);
            state.append("queue: ").append(queue.getMessageCount()).append(" messages, ")
                    .append(queue.getDeliveringCount()).append(" delivering, ").append(queue.getConsumerCount())
                    .append(" consumers; videos: ").append(videos().size()).append("; task store: ")
                    .append(rows("finished_at IS NOT NULL").size()).append(" finished rows, in flight:");
            rows("finished_at IS NULL").forEach(row -> state.append("\n  ").append(row));
        } catch (Exception e) {
            state.append(" (").append(e).append(')');
        }
        return state.toString();
    }

    /** The task store's row of a task, for a failure message ({@code none} when it has none). */
    String row(String taskUUID) throws SQLException {
        List<String> rows = rows("task_uuid = ?", taskUUID);
        return rows.isEmpty() ? "none" : rows.get(0);
    }

    private List<String> rows(String where, String... parameters) throws SQLException {
        List<String> found = new java.util.ArrayList<>();
        try (java.sql.Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                PreparedStatement statement = connection.prepareStatement("SELECT task_uuid, idempotency_key, "
                                                                          + "acknowledged, lease_owner, lease_until, "
                                                                          + "waiter, delivered, received, finished_at "
                                                                          + "FROM seedance_task WHERE " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(rows.getString(1) + ' ' + rows.getString(2) + " acknowledged=" + rows.getBoolean(3)
                              + " owner=" + rows.getString(4) + " leaseUntil=" + rows.getLong(5) + " waiter="
                              + rows.getString(6) + " delivered=" + rows.getString(7) + " received="
                              + (rows.getString(8) != null) + " finishedAt=" + rows.getLong(9));
                }
            }
        }
        return found;
    }

    long queuedPrompts() throws Exception {
        var queue = broker.server().getActiveMQServer().locateQueue(QUEUE);
        return queue == null ? 0 : queue.getMessageCount();
    }

    List<S3Object> videos() {
        return s3Client.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(BUCKET).build()).contents()
                .stream().toList();
    }

    /** How many tasks in flight an instance holds in the task store. */
    int tasksHeldBy(String instance) throws SQLException {
        try (java.sql.Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM seedance_task WHERE lease_owner = ? AND finished_at IS NULL")) {
            statement.setString(1, instance);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /** The tasks in flight an instance holds in the task store. */
    java.util.Set<String> taskUUIDsHeldBy(String instance) throws SQLException {
        java.util.Set<String> held = new java.util.HashSet<>();
        try (java.sql.Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT task_uuid FROM seedance_task WHERE lease_owner = ? AND finished_at IS NULL")) {
            statement.setString(1, instance);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    held.add(rows.getString(1));
                }
            }
        }
        return held;
    }

    /** The tasks in flight in the task store (finished ones stay for the retention). */
    int tasksInStore() throws SQLException {
        try (java.sql.Connection connection = DriverManager.getConnection(postgres.jdbcUrl());
                Statement statement = connection.createStatement();
                ResultSet rows = statement
                        .executeQuery("SELECT COUNT(*) FROM seedance_task WHERE finished_at IS NULL")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    @Override
    public void close() throws Exception {
        simulator.close();
        s3Client.close();
        s3.stop();
        broker.stop();
        postgres.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
