package dev.tribune.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tribune.ApiTest;
import dev.tribune.TestDatabase;
import dev.tribune.events.SocketClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Trying to exhaust the pool: a room row held locked (a stuck transaction elsewhere) while thirty people raise
 * their hands at once, on a pool of four. Nobody waits for ever: each request ends with a 503 problem once the lock
 * or pool timeout passes, nothing is half-written, health keeps answering (readiness says DOWN while the pool is
 * full), and everything works again once the lock is gone.
 */
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=4", "spring.datasource.hikari.connection-timeout=2000",
        "tribune.db.lock-timeout=2s"})
class PoolExhaustionTest extends ApiTest {

    private record Probe(int status, Duration took) {
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyPooledConnectionCarriesTheSessionLimits() {
        assertThat(jdbc.sql("SHOW lock_timeout").query(String.class).single()).isEqualTo("2s");
        assertThat(jdbc.sql("SHOW statement_timeout").query(String.class).single()).isEqualTo("30s");
        assertThat(jdbc.sql("SHOW idle_in_transaction_session_timeout").query(String.class).single()).isEqualTo("1min");
    }

    @Test
    void requestsPilingUpBehindALockedRoomGet503sAndThePoolRecovers() throws Exception {
        Session host = register("lockhost");
        UUID room = UUID.fromString((String) call(HttpMethod.POST, "/api/v1/rooms", host, Map.of("name", "Locked"), 201).get("id"));
        call(HttpMethod.POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        List<Session> listeners = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Session listener = register("locked");
            call(HttpMethod.POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
            listeners.add(listener);
        }

        List<Probe> probes = new CopyOnWriteArrayList<>();
        AtomicBoolean probing = new AtomicBoolean(true);
        Thread prober = Thread.ofVirtual().start(() -> {
            while (probing.get()) {
                long start = System.nanoTime();
                int status;
                try {
                    status = fetch("/actuator/health/readiness").statusCode();
                } catch (Exception e) {
                    status = -1;
                }
                probes.add(new Probe(status, Duration.ofNanos(System.nanoTime() - start)));
            }
        });
        List<HttpResponse<String>> refused = new ArrayList<>();
        try (Connection stuck = DriverManager.getConnection(TestDatabase.jdbcUrl())) {
            stuck.setAutoCommit(false);
            try (PreparedStatement lock = stuck.prepareStatement("SELECT id FROM rooms WHERE id = ? FOR UPDATE")) {
                lock.setObject(1, room);
                lock.executeQuery().close();
            }
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<HttpResponse<String>>> pending = new ArrayList<>();
                for (Session listener : listeners) {
                    pending.add(threads.submit(() -> raiseHand(room, listener)));
                }
                for (Future<HttpResponse<String>> answer : pending) {
                    refused.add(answer.get(30, TimeUnit.SECONDS));
                }
            }
            stuck.rollback();
        } finally {
            probing.set(false);
            prober.join();
        }

        assertThat(refused).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        });
        assertThat(jdbc.sql("SELECT count(*) FROM participants WHERE room_id = ? AND hand_raised_at IS NOT NULL").param(room)
                .query(Long.class).single()).as("nothing half-written").isZero();
        assertThat(probes).as("readiness said the pool was full").anySatisfy(probe -> assertThat(probe.status()).isEqualTo(503));
        assertThat(probes).as("every health call answered within 2 s").allSatisfy(probe -> assertThat(probe.took()).isLessThan(Duration.ofSeconds(2)));

        Awaitility.await("readiness UP again").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> fetch("/actuator/health/readiness").statusCode() == 200);
        for (Session listener : listeners) {
            assertThat(raiseHand(room, listener).statusCode()).isEqualTo(204);
        }
    }

    @Test
    void aSocketOpenedWhileThePoolIsEmptyIsRefusedWith503AndRetryAfterThenOpensWithTheSameTicket() throws Exception {
        Session listener = register("upgrade");
        String ticket = (String) call(HttpMethod.POST, "/api/v1/auth/ws-ticket", listener, null, 201).get("ticket");
        URI socket = URI.create("ws://localhost:" + port + "/ws?ticket=" + ticket);
        List<Connection> held = new ArrayList<>();
        try {
            // every pooled connection taken (the pool has four): a crowd arriving at once, as the fan-out bench found
            for (int i = 0; i < 4; i++) {
                held.add(dataSource.getConnection());
            }
            assertThatThrownBy(() -> http.newWebSocketBuilder().buildAsync(socket, new WebSocket.Listener() {
            }).get(15, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(WebSocketHandshakeException.class, refused -> {
                HttpResponse<?> answer = refused.getResponse();
                assertThat(answer.statusCode()).isEqualTo(503);
                assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            });
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        // the refused upgrade spent nothing: the same ticket opens the socket once the pool has room
        WebSocket opened = http.newWebSocketBuilder().buildAsync(socket, new WebSocket.Listener() {
        }).get(15, TimeUnit.SECONDS);
        opened.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    @Test
    void aSubscribeWhileThePoolIsEmptyClosesTheSocketWithTryAgainLaterAndASecondSocketSubscribesOnceThereIsRoom() throws Exception {
        Session host = register("subhost");
        UUID room = UUID.fromString((String) call(HttpMethod.POST, "/api/v1/rooms", host, Map.of("name", "Busy"), 201).get("id"));
        Session listener = register("sublistener");
        call(HttpMethod.POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
        String subscribe = "{\"op\":\"subscribe\",\"roomId\":\"" + room + "\"}";
        List<Connection> held = new ArrayList<>();
        try (SocketClient first = SocketClient.connect(socketUrl(listener))) {
            for (int i = 0; i < 4; i++) {
                held.add(dataSource.getConnection());
            }
            first.send(subscribe);
            // 1013 "try again later", which clients treat as any drop (reconnect with backoff, resume with since),
            // not 1011 "server error"
            assertThat(first.closedWith.get(30, TimeUnit.SECONDS)).isEqualTo(1013);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
        try (SocketClient second = SocketClient.connect(socketUrl(listener))) {
            second.send(subscribe);
            assertThat(second.next().path("op").asString()).isEqualTo("subscribed");
        }
    }

    private String socketUrl(Session who) {
        return "ws://localhost:" + port + "/ws?ticket=" + call(HttpMethod.POST, "/api/v1/auth/ws-ticket", who, null, 201).get("ticket");
    }

    private HttpResponse<String> raiseHand(UUID room, Session listener) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/rooms/" + room + "/hand"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", bearer(listener)).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> fetch(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
