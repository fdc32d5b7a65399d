package dev.tribune.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tribune.ApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What one user may hold on one instance, with the defaults: at most 8 sockets (the 9th is refused at the upgrade
 * with 429, or closed with 1008 if it slipped through at the same moment), places freed by every kind of close,
 * and an outbox bounded by bytes as well as frames.
 */
class SocketLimitsTest extends ApiTest {

    @Autowired
    RoomEvents roomEvents;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MeterRegistry meters;

    private final List<AutoCloseable> opened = new ArrayList<>();
    private Session host;
    private UUID roomId;

    @BeforeEach
    void aLiveRoom() {
        host = register("caphost");
        roomId = UUID.fromString((String) call(HttpMethod.POST, "/api/v1/rooms", host, Map.of("name", "Capped room"), 201).get("id"));
    }

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable socket : opened) {
            socket.close();
        }
    }

    @Test
    void aUserMayHoldEightSocketsOnAnInstanceAndTheNinthIsRefusedAtTheUpgrade() throws Exception {
        List<SocketClient> eight = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            SocketClient socket = open(host);
            socket.send(subscribe());
            socket.expect("subscribed");
            eight.add(socket);
        }

        HttpResponse<?> refused = refusal(socketUrl(host));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue(HttpHeaders.RETRY_AFTER)).isPresent();

        // the eight keep working
        append("test.capped", Map.of("n", 1));
        for (SocketClient socket : eight) {
            assertThat(socket.expect("event").path("type").asString()).isEqualTo("test.capped");
        }
        // and someone else is not affected
        SocketClient other = open(register("capother"));
        other.send("{\"op\":\"ping\"}");
        other.expect("pong");
    }

    @Test
    void theRefusalIsAProblemSayingWhy() throws Exception {
        for (int i = 0; i < 8; i++) {
            open(host);
        }
        // a plain GET reaches the same check as an upgrade, and shows the body a browser's upgrade cannot
        HttpResponse<String> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(socketUrl(host).replace("ws://", "http://"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(429);
        assertThat(answer.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.headers().firstValue(HttpHeaders.RETRY_AFTER)).isPresent();
        assertThat(answer.body()).contains("/problems/too-many-sockets").contains("\"status\":429").contains("8");
    }

    @Test
    void socketsClosedCleanlyOrDroppedFreeTheirPlaces() throws Exception {
        List<SocketClient> clean = new ArrayList<>();
        List<StalledSocket> dropped = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clean.add(open(host));
        }
        for (int i = 0; i < 4; i++) {
            StalledSocket raw = new StalledSocket(socketUrl(host));
            opened.add(raw);
            dropped.add(raw);
        }
        assertThat(refusal(socketUrl(host)).statusCode()).isEqualTo(429);

        clean.get(0).close(); // a close frame
        clean.get(1).close();
        dropped.get(0).close(); // the connection just ends, no close frame (a phone losing its network)
        dropped.get(1).close();

        // four places again (the first tries may still find an old socket being torn down; they open with the
        // access token, so retrying spends no tickets)
        List<SocketClient> again = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() -> {
            SocketClient socket = SocketClient.connect("ws://localhost:" + port + "/ws?access_token=" + host.accessToken());
            opened.add(socket);
            again.add(socket);
            assertThat(again).hasSize(4);
        });
        for (SocketClient socket : again) {
            socket.send("{\"op\":\"ping\"}");
            socket.expect("pong");
        }
        assertThat(refusal(socketUrl(host)).statusCode()).isEqualTo(429);
    }

    @Test
    void socketsOpenedAllAtOnceStillStopAtEight() throws Exception {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            urls.add(socketUrl(host));
        }
        List<CompletableFuture<SocketClient>> attempts = urls.stream()
                .map(url -> CompletableFuture.supplyAsync(() -> SocketClient.connect(url))).toList();
        List<SocketClient> upgraded = new ArrayList<>();
        int refusedAtUpgrade = 0;
        for (CompletableFuture<SocketClient> attempt : attempts) {
            try {
                SocketClient socket = attempt.get(10, TimeUnit.SECONDS);
                opened.add(socket);
                upgraded.add(socket);
            } catch (ExecutionException e) {
                assertThat(handshakeStatus(e.getCause())).isEqualTo(429);
                refusedAtUpgrade++;
            }
        }
        // those that slipped past the upgrade check together are closed with 1008 straight after
        int closedAfter = 0;
        int working = 0;
        for (SocketClient socket : upgraded) {
            try {
                socket.send("{\"op\":\"ping\"}");
            } catch (CompletionException closedAlready) {
                // the 1008 can arrive before the ping is written: pongOrClose reads it below
            }
            JsonOrClose answer = pongOrClose(socket);
            if (answer == JsonOrClose.CLOSED_1008) {
                closedAfter++;
            } else {
                working++;
            }
        }
        assertThat(working).isEqualTo(8);
        assertThat(refusedAtUpgrade + closedAfter).isEqualTo(8);
    }

    @Test
    void aSocketWhoseOutboxPassesItsByteBoundIsClosedAsTooSlowLongBeforeItsFrameBound() throws Exception {
        double droppedBefore = meters.counter("tribune.ws.dropped", "reason", "too_slow").count();
        String bulk = "x".repeat(16_000);
        try (StalledSocket slow = new StalledSocket(socketUrl(host))) {
            slow.send(subscribe());
            // 600 frames of 16 KB: well under the 2,000 frames an outbox may hold, but 9.6 MB, far over 1 MB plus
            // what the kernel's socket buffers take
            for (int batch = 0; batch < 6; batch++) {
                transactions.executeWithoutResult(status -> {
                    for (int i = 0; i < 100; i++) {
                        roomEvents.append(roomId, new LoggedEvent("test.bulk", Map.of("filler", bulk)), EventAudience.everyone());
                    }
                });
            }
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    meters.counter("tribune.ws.dropped", "reason", "too_slow").count() > droppedBefore);
            int[] closed = slow.readUntilClosed();
            assertThat(closed[0]).as("close code").isIn(4408, -1);
            assertThat(closed[1]).as("frames received before being cut off").isLessThan(600);
        }
    }

    @Test
    void framesUpTo64KBAreReadWholeAndLargerOnesCloseTheSocketWith1009() throws Exception {
        SocketClient socket = open(host);
        socket.send("{\"op\":\"dance\",\"pad\":\"" + "x".repeat(60_000) + "\"}");
        assertThat(socket.expect("error").path("code").asString()).isEqualTo("unknown_op");
        socket.send("{\"op\":\"dance\",\"pad\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(socket.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(1009);
    }

    // -- helpers ------------------------------------------------------------------------------------------------

    private enum JsonOrClose { PONG, CLOSED_1008 }

    private static JsonOrClose pongOrClose(SocketClient socket) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> !socket.frames.isEmpty() || socket.closedWith.isDone());
        if (!socket.frames.isEmpty()) {
            assertThat(socket.expect("pong")).isNotNull();
            return JsonOrClose.PONG;
        }
        assertThat(socket.closedWith.get()).isEqualTo(1008);
        return JsonOrClose.CLOSED_1008;
    }

    private SocketClient open(Session session) throws Exception {
        SocketClient socket = SocketClient.connect(socketUrl(session));
        opened.add(socket);
        return socket;
    }

    private static int handshakeStatus(Throwable failure) {
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        if (cause instanceof WebSocketHandshakeException refused) {
            return refused.getResponse().statusCode();
        }
        throw new AssertionError("not a refused handshake", failure);
    }

    private static HttpResponse<?> refusal(String url) {
        try {
            SocketClient.connect(url).close();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse();
            }
            throw e;
        }
        throw new AssertionError("the handshake was accepted");
    }

    private String socketUrl(Session session) {
        Map<String, Object> ticket = call(HttpMethod.POST, "/api/v1/auth/ws-ticket", session, null, 201);
        return "ws://localhost:" + port + "/ws?ticket=" + ticket.get("ticket");
    }

    private String subscribe() {
        return "{\"op\":\"subscribe\",\"roomId\":\"" + roomId + "\"}";
    }

    private void append(String type, Object data) {
        transactions.executeWithoutResult(status -> roomEvents.append(roomId, new LoggedEvent(type, data), EventAudience.everyone()));
    }
}
