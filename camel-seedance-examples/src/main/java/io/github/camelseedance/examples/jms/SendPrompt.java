package io.github.camelseedance.examples.jms;

import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * Sends one prompt to the example's prompt queue and prints the result that comes back, so the JMS example can be
 * tried without a broker distribution:
 * {@code java -cp camel-seedance-studio.jar io.github.camelseedance.examples.jms.SendPrompt tcp://localhost:61616
 * "A paper boat on a river"}. The prompt carries a temporary reply queue ({@code JMSReplyTo}), where the example
 * answers. Exit code 0 when the result is a success, 1 otherwise.
 */
public final class SendPrompt {

    private static final long WAIT_MS = 10 * 60 * 1000L;

    private SendPrompt() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("Usage: SendPrompt BROKER_URL PROMPT [QUEUE]   (QUEUE default seedance.prompts)");
            System.exit(2);
        }
        String queue = args.length > 2 ? args[2] : "seedance.prompts";
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(args[0]);
                Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            TemporaryQueue replies = session.createTemporaryQueue();
            TextMessage prompt = session.createTextMessage(args[1]);
            prompt.setJMSReplyTo(replies);
            session.createProducer(session.createQueue(queue)).send(prompt);
            System.out.println("Sent to " + queue + ": " + args[1] + " (waiting for the result...)");
            MessageConsumer consumer = session.createConsumer(replies);
            Message result = consumer.receive(WAIT_MS);
            if (result == null) {
                System.err.println("No result within " + WAIT_MS / 60000 + " minutes");
                System.exit(1);
            }
            String status = result.getStringProperty("SeedanceStatus");
            System.out.println("Result: " + status);
            System.out.println(result.getBody(String.class));
            System.exit("success".equals(status) ? 0 : 1);
        }
    }
}
