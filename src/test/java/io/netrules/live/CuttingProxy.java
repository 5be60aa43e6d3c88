package io.netrules.live;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * An HTTP proxy on 127.0.0.1 in front of the mock API server that closes the connection in the
 * middle of the responses to some paths: the headers and half the body go out, then the socket
 * is closed, as when an API server (or a load balancer before it) dies mid-response. Every
 * other response is passed on whole. One request per connection ({@code Connection: close}).
 */
final class CuttingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int upstreamPort;
    private final Predicate<String> cut;
    private final List<String> cutPaths = new ArrayList<>();
    private final Thread acceptor;

    /** @param cut which request paths (with their query) get a cut response */
    CuttingProxy(int upstreamPort, Predicate<String> cut) throws IOException {
        this.server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        this.upstreamPort = upstreamPort;
        this.cut = cut;
        this.acceptor = new Thread(this::accept, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** The paths whose responses were cut. */
    synchronized List<String> cutPaths() {
        return List.copyOf(cutPaths);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread t = new Thread(() -> serve(client), "cutting-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket upstream = new Socket(InetAddress.getByName("127.0.0.1"), upstreamPort)) {
            String head = readHead(client.getInputStream());
            if (head == null) {
                return;
            }
            String path = head.lines().findFirst().orElse("").split(" ")[1];
            OutputStream up = upstream.getOutputStream();
            up.write(withConnectionClose(head).getBytes(StandardCharsets.ISO_8859_1));
            up.flush();
            byte[] response = upstream.getInputStream().readAllBytes();
            String text = new String(response, StandardCharsets.ISO_8859_1);
            int bodyStart = text.indexOf("\r\n\r\n") + 4;
            String responseHead = withConnectionClose(text.substring(0, bodyStart));
            OutputStream down = client.getOutputStream();
            down.write(responseHead.getBytes(StandardCharsets.ISO_8859_1));
            if (cut.test(path)) {
                synchronized (this) {
                    cutPaths.add(path);
                }
                int half = (response.length - bodyStart) / 2;
                down.write(response, bodyStart, half);
                down.flush();
                return; // closed with the body half sent
            }
            down.write(response, bodyStart, response.length - bodyStart);
            down.flush();
        } catch (IOException | RuntimeException e) {
            // the client went away: nothing to pass on
        }
    }

    /** The request or response head, with any Connection header replaced by "close". */
    private static String withConnectionClose(String head) {
        StringBuilder out = new StringBuilder();
        for (String line : head.split("\r\n")) {
            if (line.isEmpty() || line.toLowerCase().startsWith("connection:") || line.toLowerCase().startsWith("keep-alive:")) {
                continue;
            }
            out.append(line).append("\r\n");
        }
        return out.append("Connection: close\r\n\r\n").toString();
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
