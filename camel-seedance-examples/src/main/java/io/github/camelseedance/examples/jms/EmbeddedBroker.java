package io.github.camelseedance.examples.jms;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.jms.ConnectionFactory;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.FileUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * Gives the jms component its connection factory: to an embedded ActiveMQ Artemis broker started in this process
 * (in-VM acceptor, plus a TCP acceptor when {@code jms.embedded.tcp-port} is set, no persistence) unless
 * {@code jms.embedded=false}, in which case to the broker at {@code jms.broker-url} with {@code jms.user} and
 * {@code jms.password} (any Artemis or ActiveMQ Classic broker with OpenWire/Core: the Artemis client speaks Core).
 *
 * <p>The broker is bound in the registry as {@value #BEAN} and stopped with the Camel context.
 */
public class EmbeddedBroker implements CamelConfiguration {

    /** Registry name of the embedded broker, when one was started. */
    public static final String BEAN = "embeddedBroker";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final AtomicInteger VM_IDS = new AtomicInteger();

    @PropertyInject(value = "jms.embedded", defaultValue = "true")
    private boolean embedded;
    @PropertyInject(value = "jms.embedded.tcp-port", defaultValue = "0")
    private int tcpPort;
    @PropertyInject(value = "jms.broker-url", defaultValue = "tcp://localhost:61616")
    private String brokerUrl;
    @PropertyInject(value = "jms.user", defaultValue = "")
    private String user;
    @PropertyInject(value = "jms.password", defaultValue = "")
    private String password;

    @Override
    public void configure(CamelContext context) throws Exception {
        String url = brokerUrl;
        if (embedded) {
            Broker broker = new Broker(VM_IDS.getAndIncrement(), tcpPort);
            broker.start();
            context.addService(broker, true, true);
            context.getRegistry().bind(BEAN, broker);
            url = broker.vmUrl();
            LOG.info("Embedded Artemis broker at {}{}", url, tcpPort > 0 ? " and tcp://127.0.0.1:" + tcpPort : "");
        } else {
            LOG.info("jms.embedded=false: using the broker at {}", url);
        }
        ActiveMQConnectionFactory artemis = user.isBlank()
                ? new ActiveMQConnectionFactory(url)
                : new ActiveMQConnectionFactory(url, user, password);
        // one shared connection, sessions and producers cached: sending a reply does not open a connection each time.
        // Consumers are not cached: an idle cached consumer would keep (prefetch) messages nobody asks it for.
        CachingConnectionFactory caching = new CachingConnectionFactory(artemis);
        caching.setSessionCacheSize(10);
        caching.setCacheConsumers(false);
        context.getComponent("jms", JmsComponent.class).setConnectionFactory(caching);
        context.getRegistry().bind("connectionFactory", ConnectionFactory.class, caching);
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                caching.destroy();
                artemis.close();
            }
        }, true, true);
    }

    /** An embedded, non-persistent Artemis broker. */
    public static final class Broker extends ServiceSupport {
        private final int vmId;
        private final int tcpPort;
        private EmbeddedActiveMQ server;
        private Path dataDir;

        public Broker(int vmId, int tcpPort) {
            this.vmId = vmId;
            this.tcpPort = tcpPort;
        }

        @Override
        protected void doStart() throws Exception {
            if (server != null) {
                return;
            }
            dataDir = Files.createTempDirectory("seedance-artemis");
            Configuration config = new ConfigurationImpl();
            config.setName("seedance-example-broker");
            config.setPersistenceEnabled(false);
            config.setSecurityEnabled(false);
            config.setJMXManagementEnabled(false);
            config.setBrokerInstance(dataDir.toFile());
            config.setJournalDirectory(dataDir.resolve("journal").toString());
            config.setBindingsDirectory(dataDir.resolve("bindings").toString());
            config.setPagingDirectory(dataDir.resolve("paging").toString());
            config.setLargeMessagesDirectory(dataDir.resolve("large-messages").toString());
            config.addAcceptorConfiguration("in-vm", vmUrl());
            if (tcpPort > 0) {
                config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + tcpPort);
            }
            server = new EmbeddedActiveMQ().setConfiguration(config);
            server.start();
        }

        @Override
        protected void doStop() throws Exception {
            if (server != null) {
                server.stop();
                server = null;
            }
            if (dataDir != null) {
                // non-persistent, but Artemis still makes its folders: nothing of them is needed after the stop
                FileUtil.removeDir(dataDir.toFile());
                dataDir = null;
            }
        }

        /** The in-VM URL of this broker, for clients in the same JVM. */
        public String vmUrl() {
            return "vm://" + vmId;
        }

        public EmbeddedActiveMQ server() {
            return server;
        }
    }
}
