package io.netrules.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol, with the JDK's own
 * WebSocket client (no driver binary, no browser download). Chromium listens on a port of
 * 127.0.0.1 that it picks itself and writes into the fresh user-data dir; nothing else is
 * reached. Launched with the flags that keep it off the network: no background networking,
 * no component updates, no sync, no first-run.
 */
final class Chromium implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<JsonNode> events = new CopyOnWriteArrayList<>();

    /** The Chromium binary on PATH (Debian names it chromium), if there is one. */
    static Optional<Path> binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
        }
        return Optional.empty();
    }

    static Chromium launch(Path binary, Path userDataDir, Path log) throws IOException, InterruptedException {
        Files.createDirectories(userDataDir);
        List<String> cmd = List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
                "--user-data-dir=" + userDataDir, "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "about:blank");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Path portFile = userDataDir.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!(Files.isRegularFile(portFile) && Files.readAllLines(portFile).size() >= 2)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("chromium did not start (see " + log + "): " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        List<String> lines = Files.readAllLines(portFile);
        URI ws = URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
        return new Chromium(p, ws);
    }

    private Chromium(Process process, URI ws) {
        this.process = process;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(ws, new Listener()).join();
    }

    /** Reassembles text frames into messages: replies complete their command, the rest are events. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                try {
                    JsonNode msg = MAPPER.readTree(buffer.toString());
                    if (msg.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(msg.get("id").asInt());
                        if (f != null) {
                            f.complete(msg);
                        }
                    } else {
                        events.add(msg);
                    }
                } catch (IOException e) {
                    pending.values().forEach(f -> f.completeExceptionally(e));
                }
                buffer.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    /** Sends one command (to a page's session when {@code session} is set) and returns its result. */
    JsonNode send(String session, String method, Map<String, ?> params) {
        int id = ids.incrementAndGet();
        ObjectNode msg = MAPPER.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", MAPPER.valueToTree(params));
        if (session != null) {
            msg.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        socket.sendText(msg.toString(), true).join();
        JsonNode r;
        try {
            r = reply.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(method + ": no reply", e);
        }
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.get("result");
    }

    /** Opens a new tab and attaches to it. */
    Page newPage(int width, int height) {
        String target = send(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").asText();
        String session = send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true))
                .get("sessionId").asText();
        Page page = new Page(session, width);
        send(session, "Page.enable", Map.of());
        send(session, "Network.enable", Map.of());
        send(session, "Emulation.setScrollbarsHidden", Map.of("hidden", true));
        send(session, "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        return page;
    }

    /** One tab. */
    final class Page {
        private final String session;
        private final int width;

        private Page(String session, int width) {
            this.session = session;
            this.width = width;
        }

        /** Loads a URL and waits for its load event (the page's scripts have run by then). */
        void navigate(String url) throws InterruptedException {
            int before = events.size();
            send(session, "Page.navigate", Map.of("url", url));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (int i = before; i < events.size(); i++) {
                    JsonNode e = events.get(i);
                    if ("Page.loadEventFired".equals(e.path("method").asText())
                            && session.equals(e.path("sessionId").asText())) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("no load event for " + url);
        }

        /** Evaluates a JavaScript expression in the page and returns its value (as JSON). */
        JsonNode eval(String expression) {
            JsonNode r = send(session, "Runtime.evaluate",
                    Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
            if (r.has("exceptionDetails")) {
                throw new IllegalStateException(expression + ": " + r.get("exceptionDetails"));
            }
            return r.path("result").path("value");
        }

        /** A real left click, as a mouse would do it, at page coordinates. */
        void click(double x, double y) {
            send(session, "Input.dispatchMouseEvent", Map.of("type", "mouseMoved", "x", x, "y", y));
            for (String type : List.of("mousePressed", "mouseReleased")) {
                send(session, "Input.dispatchMouseEvent",
                        Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
            }
        }

        /** Every URL the page asked the network stack for. */
        List<String> requestedUrls() {
            List<String> urls = new ArrayList<>();
            for (JsonNode e : events) {
                if ("Network.requestWillBeSent".equals(e.path("method").asText())
                        && session.equals(e.path("sessionId").asText())) {
                    urls.add(e.path("params").path("request").path("url").asText());
                }
            }
            return urls;
        }

        /**
         * Makes the viewport as tall as the page, so the whole page is on screen and a
         * screenshot shows it in the same layout the page's coordinates were measured in.
         */
        void fitToContent() {
            int height = eval("document.documentElement.scrollHeight").asInt();
            send(session, "Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        }

        /** A PNG of the viewport (call {@link #fitToContent} first for the whole page). */
        byte[] screenshot() {
            JsonNode r = send(session, "Page.captureScreenshot", Map.of("format", "png"));
            return Base64.getDecoder().decode(r.get("data").asText());
        }
    }

    @Override
    public void close() throws InterruptedException {
        // No waiting for the reply: the browser may close the socket before it sends one.
        socket.sendText("{\"id\":" + ids.incrementAndGet() + ",\"method\":\"Browser.close\"}", true);
        process.waitFor(10, TimeUnit.SECONDS);
        socket.abort();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
