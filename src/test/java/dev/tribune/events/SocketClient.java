package dev.tribune.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (the JDK's) that collects the frames it receives, for the event-stream tests. */
public final class SocketClient implements WebSocket.Listener, AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
    final List<Throwable> problems = new CopyOnWriteArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean reading;
    private WebSocket socket;

    private SocketClient(boolean reading) {
        this.reading = reading;
    }

    public static SocketClient connect(String url) {
        return connect(url, true);
    }

    /** A client that stops reading after the first frame, as a phone on a bad network would. */
    static SocketClient stalled(String url) {
        return connect(url, false);
    }

    private static SocketClient connect(String url, boolean reading) {
        SocketClient client = new SocketClient(reading);
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(url), client).join();
        return client;
    }

    /** A stalled client starts reading again: it gets what was already on its way, then whatever the server said. */
    void resume() {
        reading = true;
        socket.request(1);
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    public JsonNode next() throws InterruptedException {
        JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within 10 s" + (problems.isEmpty() ? "" : "; the client failed: " + problems)
                    + (closedWith.isDone() ? "; closed: " + closedWith : ""));
        }
        return frame;
    }

    /** The next frame with this op, skipping none: anything else first is a failure. */
    public JsonNode expect(String op) throws InterruptedException {
        JsonNode frame = next();
        if (!op.equals(frame.path("op").asString())) {
            throw new AssertionError("expected a '" + op + "' frame, got " + frame);
        }
        return frame;
    }

    /** The next frame with this op, letting room events pass (they interleave with signals and errors). */
    public JsonNode expectPastEvents(String op) throws InterruptedException {
        while (true) {
            JsonNode frame = next();
            String got = frame.path("op").asString();
            if (op.equals(got)) {
                return frame;
            }
            if (!"event".equals(got)) {
                throw new AssertionError("expected a '" + op + "' frame, got " + frame);
            }
        }
    }

    /** Within {@code millis}, nothing arrives but room events. */
    boolean onlyEventsFor(long millis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            JsonNode frame = frames.poll(left, TimeUnit.NANOSECONDS);
            if (frame != null && !"event".equals(frame.path("op").asString())) {
                return false;
            }
        }
        return true;
    }

    List<JsonNode> events(int count) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        while (events.size() < count) {
            events.add(expect("event"));
        }
        return events;
    }

    /** No frame arrives within {@code millis}. */
    public boolean quietFor(long millis) throws InterruptedException {
        return frames.poll(millis, TimeUnit.MILLISECONDS) == null;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            try {
                JsonNode frame = JSON.readTree(partial.toString());
                // room.counts arrive on their own schedule, from whichever instance publishes them: not part of any
                // sequence these tests check
                if (!"room.counts".equals(frame.path("type").asString())) {
                    frames.add(frame);
                }
            } catch (RuntimeException e) {
                problems.add(e);
            }
            partial.setLength(0);
        }
        if (reading) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closedWith.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        problems.add(error);
        closedWith.completeExceptionally(error);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }
}
