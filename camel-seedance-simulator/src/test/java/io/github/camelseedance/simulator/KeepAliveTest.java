package io.github.camelseedance.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator keeps a burst of keep-alive connections open, as a CDN does: the JDK server's default closes every
 * connection beyond 200 idle ones as soon as it has answered on it, which races a client's next request on it (the
 * official SDK's downloads failed so under a burst).
 */
class KeepAliveTest {

    private static final int CONNECTIONS = 300;

    @RegisterExtension
    static final RunwareSimulatorExtension SIM = RunwareSimulatorExtension.builder().build();

    @Test
    void everyConnectionOfABurstServesASecondRequest() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), SIM.simulator().port());
                sockets.add(socket);
                assertThat(get(socket)).startsWith("HTTP/1.1 404");
            }
            int answered = 0;
            for (Socket socket : sockets) {
                try {
                    if (get(socket).startsWith("HTTP/1.1 404")) {
                        answered++;
                    }
                } catch (IOException closed) {
                    // the server closed the connection after the first answer
                }
            }
            assertThat(answered).as("second answers on %d kept-alive connections", CONNECTIONS)
                    .isEqualTo(CONNECTIONS);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
    }

    /** One keep-alive GET of an unknown media file on the connection: its status line ("" when it was closed). */
    private static String get(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("GET /media/unknown.mp4 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String head = readHead(in);
        int length = contentLength(head);
        if (in.readNBytes(length).length != length) {
            throw new IOException("connection closed inside the body");
        }
        return head;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }
}
