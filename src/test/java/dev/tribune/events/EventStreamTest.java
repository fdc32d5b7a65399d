package dev.tribune.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import dev.tribune.TestDatabase;
import dev.tribune.TribuneApplication;
import dev.tribune.accounts.AccountSuspensions;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The event stream across two instances of the service on one PostgreSQL, with real WebSocket clients: events
 * caused through one instance reach clients of the other in order, a client resumes anywhere with {@code since}
 * missing nothing and getting nothing twice, and each client sees only what its role lets it see.
 */
class EventStreamTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    UUID roomId;
    Member host;
    Member listener;

    record Member(UUID id, String accessToken) {
    }

    static ConfigurableApplicationContext instance(String... extra) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--spring.datasource.username=postgres", "--tribune.auth.jwt-secret=" + ApiTest.TEST_JWT_SECRET,
                "--tribune.auth.rate-limit.permits=100000", "--tribune.events.poll-interval=1s",
                // these tests count every frame: no room.counts in between, no presence sweeps
                "--tribune.rooms.counts-interval=1h", "--tribune.presence.sweep-interval=1h"));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(TribuneApplication.class).run(args.toArray(String[]::new));
    }

    @BeforeAll
    static void twoInstances() {
        a = instance();
        // room for a few batches of fan-out (of 16 KB frames, in the slow-client test), so a reader that keeps up is
        // never mistaken for a slow one
        b = instance("--tribune.events.outbox-frames=1200", "--tribune.ws.max-queued-bytes=24MB");
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    @BeforeEach
    void aRoomWithAHostAndAListener() throws Exception {
        host = register(a, "evhost");
        listener = register(a, "evlistener");
        Map<?, ?> room = post(a, "/api/v1/rooms", host, Map.of("name", "Event room"));
        roomId = UUID.fromString((String) room.get("id"));
        // joining arrives with the stage; a present AUDIENCE row stands in for it here
        jdbc(a).sql("""
                INSERT INTO participants (room_id, user_id, role, present, first_joined_at, joined_at, role_since)
                VALUES (?, ?, 'AUDIENCE', true, now(), now(), now())""").params(roomId, listener.id()).update();
        // a real join makes the room's provider room first; here the outbox does it, soon after the room went LIVE
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc(a)
                .sql("SELECT count(*) FROM provider_rooms WHERE room_id = ?").param(roomId).query(Long.class).single() == 1);
    }

    @Test
    void eventsCausedThroughOneInstanceReachClientsOfTheOtherInOrder() throws Exception {
        try (SocketClient onB = SocketClient.connect(socketUrl(b, host))) {
            onB.send(subscribe(null));
            long start = onB.expect("subscribed").path("seq").asLong();
            // a subscribed socket is presence: the row names the instance that holds it
            assertThat(jdbc(a).sql("SELECT socket_instance_id FROM participants WHERE room_id = ? AND user_id = ?")
                    .params(roomId, host.id()).query(UUID.class).single()).isEqualTo(b.getBean(InstanceLease.class).id());
            for (int i = 1; i <= 25; i++) {
                append(a, "test.counted", Map.of("n", i), EventAudience.everyone());
            }
            List<JsonNode> events = onB.events(25);
            long previous = start;
            for (int i = 0; i < 25; i++) {
                // in order, none missed (the data counts 1..25); seqs may skip what the client does not receive
                assertThat(events.get(i).path("seq").asLong()).isGreaterThan(previous);
                previous = events.get(i).path("seq").asLong();
                assertThat(events.get(i).path("roomId").asString()).isEqualTo(roomId.toString());
                assertThat(events.get(i).path("type").asString()).isEqualTo("test.counted");
                assertThat(events.get(i).path("data").path("n").asInt()).isEqualTo(i + 1);
                assertThat(events.get(i).path("at").asString()).endsWith("Z");
            }
        }
    }

    @Test
    void aClientCutOffMidStreamResumesOnTheOtherInstanceMissingNothingAndGettingNothingTwice() throws Exception {
        long lastSeen;
        try (SocketClient onA = SocketClient.connect(socketUrl(a, listener))) {
            onA.send(subscribe(null));
            onA.expect("subscribed");
            for (int i = 1; i <= 5; i++) {
                append(a, "test.counted", Map.of("n", i), EventAudience.everyone());
            }
            lastSeen = onA.events(5).getLast().path("seq").asLong();
        }
        // the socket is gone: the grace period starts
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> jdbc(a)
                .sql("SELECT socket_instance_id IS NULL AND socket_seen_at IS NOT NULL FROM participants WHERE room_id = ? AND user_id = ?")
                .params(roomId, listener.id()).query(Boolean.class).single());
        // while the client is away, more happens, on both instances
        for (int i = 6; i <= 10; i++) {
            append(i % 2 == 0 ? a : b, "test.counted", Map.of("n", i), EventAudience.everyone());
        }
        try (SocketClient onB = SocketClient.connect(socketUrl(b, listener))) {
            onB.send(subscribe(lastSeen));
            List<JsonNode> missed = onB.events(5);
            assertThat(missed).extracting(e -> e.path("data").path("n").asInt()).containsExactly(6, 7, 8, 9, 10);
            assertThat(onB.expect("subscribed").path("seq").asLong()).isGreaterThanOrEqualTo(lastSeen + 5);
            append(a, "test.counted", Map.of("n", 11), EventAudience.everyone());
            assertThat(onB.expect("event").path("data").path("n").asInt()).isEqualTo(11);
            assertThat(onB.quietFor(1500)).as("nothing twice").isTrue();
        }
    }

    @Test
    void eachClientSeesWhatItsRoleAtDeliveryAllows() throws Exception {
        try (SocketClient hostSocket = SocketClient.connect(socketUrl(a, host));
                SocketClient listenerSocket = SocketClient.connect(socketUrl(b, listener))) {
            hostSocket.send(subscribe(null));
            hostSocket.expect("subscribed");
            listenerSocket.send(subscribe(null));
            listenerSocket.expect("subscribed");

            append(a, "hand.raised", Map.of("who", "someone"), EventAudience.staff());
            append(a, "media.grant", Map.of("for", "listener"), EventAudience.only(listener.id()));
            append(a, "chat.message", Map.of("to", "speakers"), EventAudience.roleAnd("SPEAKER", host.id()));
            append(a, "room.updated", Map.of("all", true), EventAudience.everyone());

            assertThat(hostSocket.events(3)).extracting(e -> e.path("type").asString())
                    .containsExactly("hand.raised", "chat.message", "room.updated");
            assertThat(listenerSocket.events(2)).extracting(e -> e.path("type").asString())
                    .containsExactly("media.grant", "room.updated");

            // made a MODERATOR, the listener now receives what staff receive
            jdbc(a).sql("UPDATE participants SET role = 'MODERATOR' WHERE room_id = ? AND user_id = ?").params(roomId, listener.id()).update();
            append(b, "hand.raised", Map.of("who", "another"), EventAudience.staff());
            assertThat(listenerSocket.expect("event").path("type").asString()).isEqualTo("hand.raised");
            assertThat(hostSocket.expect("event").path("type").asString()).isEqualTo("hand.raised");
        }
    }

    @Test
    void aPromotedListenerGetsAFreshGrantThatMayPublishMadeForThemAlone() throws Exception {
        try (SocketClient listenerSocket = SocketClient.connect(socketUrl(b, listener));
                SocketClient hostSocket = SocketClient.connect(socketUrl(a, host))) {
            listenerSocket.send(subscribe(null));
            listenerSocket.expect("subscribed");
            hostSocket.send(subscribe(null));
            hostSocket.expect("subscribed");
            put(a, "/api/v1/rooms/" + roomId + "/speakers/" + listener.id(), host);
            // the room's event, and the invitee's own notice (issue 17), in whichever order their notifications came
            List<JsonNode> invited = List.of(listenerSocket.next(), listenerSocket.next());
            assertThat(invited).anySatisfy(f -> assertThat(f.path("type").asString()).isEqualTo("speaker.invited"))
                    .anySatisfy(f -> assertThat(f.path("notice").path("kind").asString()).isEqualTo("SPEAKER_INVITE"));
            put(a, "/api/v1/rooms/" + roomId + "/speakers/" + listener.id(), listener);
            JsonNode roleChanged = listenerSocket.expect("event");
            assertThat(roleChanged.path("type").asString()).isEqualTo("role.changed");
            JsonNode grant = listenerSocket.expect("event");
            assertThat(grant.path("type").asString()).isEqualTo("media.grant");
            assertThat(grant.path("data").path("media").path("provider").asString()).isEqualTo("mesh");
            assertThat(grant.path("data").path("media").path("canPublish").asBoolean()).isTrue();
            // the host sees the invitation and the role change, never the listener's grant
            assertThat(hostSocket.events(2)).extracting(e -> e.path("type").asString()).containsExactly("speaker.invited", "role.changed");
            assertThat(hostSocket.quietFor(1000)).isTrue();
        }
        // the log keeps no grant, only that one was due
        assertThat(jdbc(a).sql("SELECT payload::text FROM room_events WHERE room_id = ? AND type = 'media.grant'").param(roomId)
                .query(String.class).single()).doesNotContain("canPublish").doesNotContain("iceServers");
    }

    @Test
    void aClientThatKeepsSendingGarbageIsClosedWith1008() throws Exception {
        try (SocketClient client = SocketClient.connect(socketUrl(a, host))) {
            for (int i = 0; i < 25; i++) {
                client.send("garbage " + i);
            }
            assertThat(client.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(1008);
        }
    }

    @Test
    void replayShowsOnlyWhatTheSubscriberMaySee() throws Exception {
        long before = jdbc(a).sql("SELECT event_seq FROM rooms WHERE id = ?").param(roomId).query(Long.class).single();
        UUID me = listener.id();
        UUID someoneElse = UUID.randomUUID();
        append(a, "hand.raised", Map.of(), EventAudience.staff());
        append(a, "room.updated", Map.of(), EventAudience.everyone());
        append(a, "test.to-me", Map.of(), EventAudience.only(me));
        append(a, "test.to-someone-else", Map.of(), EventAudience.only(someoneElse));
        append(a, "test.staff-and-me", Map.of(), EventAudience.staffAnd(me));
        append(a, "test.staff-but-me", Map.of(), EventAudience.staffExcept(me));
        append(a, "test.to-the-audience", Map.of(), EventAudience.roleAnd("AUDIENCE"));
        append(a, "test.to-speakers", Map.of(), EventAudience.roleAnd("SPEAKER"));
        try (SocketClient onB = SocketClient.connect(socketUrl(b, listener))) {
            onB.send(subscribe(before));
            assertThat(List.of(onB.expect("event"), onB.expect("event"), onB.expect("event"), onB.expect("event")))
                    .extracting(e -> e.path("type").asString())
                    .containsExactly("room.updated", "test.to-me", "test.staff-and-me", "test.to-the-audience");
            assertThat(onB.expect("subscribed").path("seq").asLong()).isGreaterThanOrEqualTo(before + 8);
        }
    }

    @Test
    void aListenerResumingAfterOnlyStaffOrOthersEventsIsSubscribedAtOnceAndMissesNothingAfter() throws Exception {
        long before = jdbc(a).sql("SELECT event_seq FROM rooms WHERE id = ?").param(roomId).query(Long.class).single();
        for (int i = 0; i < 3; i++) {
            append(a, "hand.raised", Map.of(), EventAudience.staff());
        }
        append(a, "test.to-someone-else", Map.of(), EventAudience.only(UUID.randomUUID()));
        append(a, "test.to-speakers", Map.of(), EventAudience.roleAnd("SPEAKER"));
        try (SocketClient onB = SocketClient.connect(socketUrl(b, listener))) {
            onB.send(subscribe(before));
            assertThat(onB.expect("subscribed").path("seq").asLong()).isEqualTo(before + 5);
            append(a, "room.updated", Map.of(), EventAudience.everyone());
            JsonNode live = onB.expect("event");
            assertThat(live.path("type").asString()).isEqualTo("room.updated");
            assertThat(live.path("seq").asLong()).isEqualTo(before + 6);
        }
    }

    @Test
    void anAccountStoppedThroughOneInstanceIsStoppedOnTheOtherAtOnce() throws Exception {
        Member suspended = register(a, "evsuspended");
        Member deleted = register(a, "evdeleted");
        // both just seen active by b, which would otherwise trust that for tribune.auth.standing-cache
        assertThat(status(b, "GET", "/api/v1/me", suspended)).isEqualTo(200);
        assertThat(status(b, "GET", "/api/v1/me", deleted)).isEqualTo(200);
        try (SocketClient socket = SocketClient.connect(socketUrl(b, deleted))) {
            // a suspension as moderation makes it (ReportDesk): the standing and the order to close the sockets, together
            new TransactionTemplate(a.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
                a.getBean(AccountSuspensions.class).suspend(suspended.id(), AccountSuspensions.UNTIL_LIFTED);
                a.getBean(PersonalNotices.class).closeSockets(suspended.id());
            });
            assertThat(status(a, "DELETE", "/api/v1/me", deleted)).isEqualTo(204);

            assertThat(socket.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(4401);
            Awaitility.await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
                assertThat(status(b, "GET", "/api/v1/me", suspended)).isEqualTo(403);
                assertThat(status(b, "GET", "/api/v1/me", deleted)).isEqualTo(401);
            });
        }
    }

    @Test
    void historyThatIsGoneIsSaidSo() throws Exception {
        for (int i = 0; i < 3; i++) {
            append(a, "test.old", Map.of(), EventAudience.everyone());
        }
        jdbc(a).sql("DELETE FROM room_events WHERE room_id = ? AND seq <= 2").param(roomId).update();
        try (SocketClient client = SocketClient.connect(socketUrl(a, host))) {
            client.send(subscribe(0L));
            assertThat(client.expect("error").path("code").asString()).isEqualTo("since_expired");
        }
    }

    @Test
    void theListenConnectionDroppedAndRestoredLosesNothing() throws Exception {
        try (SocketClient onB = SocketClient.connect(socketUrl(b, host))) {
            onB.send(subscribe(null));
            onB.expect("subscribed");
            jdbc(a).sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ?")
                    .param(PostgresNotifyBus.APPLICATION_NAME).query(Object.class).list();
            for (int i = 1; i <= 5; i++) {
                append(a, "test.counted", Map.of("n", i), EventAudience.everyone());
            }
            assertThat(onB.events(5)).extracting(e -> e.path("data").path("n").asInt()).containsExactly(1, 2, 3, 4, 5);
        }
    }

    @Test
    void aClientTooSlowToKeepUpIsClosedWithoutDelayingTheOthers() throws Exception {
        String bulk = "x".repeat(16_000);
        double droppedBefore = b.getBean(MeterRegistry.class)
                .counter("tribune.ws.dropped", "reason", "too_slow").count();
        try (StalledSocket slow = new StalledSocket(socketUrl(b, listener));
                SocketClient fast = SocketClient.connect(socketUrl(b, host))) {
            slow.send(subscribe(null));
            fast.send(subscribe(null));
            fast.expect("subscribed");
            // 3,000 frames of 16 KB: more than the stalled client's outbox and socket buffers can hold
            for (int batch = 0; batch < 30; batch++) {
                new TransactionTemplate(a.getBean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
                    for (int i = 0; i < 100; i++) {
                        a.getBean(RoomEvents.class).append(roomId, new LoggedEvent("test.bulk", Map.of("filler", bulk)), EventAudience.everyone());
                    }
                });
            }
            // the reader gets everything while the stalled client's outbox overflows
            assertThat(fast.events(3000)).hasSize(3000);
            assertThat(b.getBean(MeterRegistry.class).counter("tribune.ws.dropped", "reason", "too_slow").count())
                    .isGreaterThan(droppedBefore);
            int[] closed = slow.readUntilClosed();
            // a close frame (4408) reaches a stalled client only if its connection drains; either way it ends
            assertThat(closed[0]).as("close code").isIn(4408, -1);
            assertThat(closed[1]).as("the slow client was cut off, not fed everything").isLessThan(3000);
        }
    }

    @Test
    void badFramesGetErrorsAndTheSocketStaysOpen() throws Exception {
        Member outsider = register(a, "evoutsider");
        try (SocketClient client = SocketClient.connect(socketUrl(a, outsider))) {
            client.send("{not json");
            assertThat(client.expect("error").path("code").asString()).isEqualTo("bad_json");
            client.send("{\"op\":\"dance\"}");
            assertThat(client.expect("error").path("code").asString()).isEqualTo("unknown_op");
            client.send(subscribe(null));
            assertThat(client.expect("error").path("code").asString()).isEqualTo("not_participant");
            client.send("{\"op\":\"subscribe\",\"roomId\":\"nope\"}");
            assertThat(client.expect("error").path("code").asString()).isEqualTo("bad_request");
            client.send("{\"op\":\"ping\"}");
            client.expect("pong");
        }
    }

    @Test
    void theHandshakeNeedsAValidSingleUseTicketOrToken() throws Exception {
        String port = a.getEnvironment().getProperty("local.server.port");
        assertThat(refusedWith("ws://localhost:" + port + "/ws")).isEqualTo(401);
        assertThat(refusedWith("ws://localhost:" + port + "/ws?access_token=forged")).isEqualTo(401);
        assertThat(refusedWith("ws://localhost:" + port + "/ws?ticket=made-up")).isEqualTo(401);
        String url = socketUrl(a, host);
        SocketClient.connect(url).close();
        assertThat(refusedWith(url)).as("a ticket works once").isEqualTo(401);
        try (SocketClient byToken = SocketClient.connect("ws://localhost:" + port + "/ws?access_token=" + host.accessToken())) {
            byToken.send("{\"op\":\"ping\"}");
            byToken.expect("pong");
        }
    }

    private static int refusedWith(String url) {
        try {
            SocketClient.connect(url).close();
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw e;
        }
        throw new AssertionError("the handshake was accepted");
    }

    // -- helpers ------------------------------------------------------------------------------------------------

    private String subscribe(Long since) {
        return "{\"op\":\"subscribe\",\"roomId\":\"" + roomId + "\"" + (since == null ? "" : ",\"since\":" + since) + "}";
    }

    private void append(ConfigurableApplicationContext instance, String type, Object data, EventAudience audience) {
        new TransactionTemplate(instance.getBean(PlatformTransactionManager.class)).executeWithoutResult(
                status -> instance.getBean(RoomEvents.class).append(roomId, new LoggedEvent(type, data), audience));
    }

    private static JdbcClient jdbc(ConfigurableApplicationContext instance) {
        return instance.getBean(JdbcClient.class);
    }

    private static String base(ConfigurableApplicationContext instance) {
        return "http://localhost:" + instance.getEnvironment().getProperty("local.server.port");
    }

    private static String socketUrl(ConfigurableApplicationContext instance, Member member) throws Exception {
        Map<?, ?> ticket = post(instance, "/api/v1/auth/ws-ticket", member, null);
        return base(instance).replace("http", "ws") + "/ws?ticket=" + ticket.get("ticket");
    }

    private static int status(ConfigurableApplicationContext instance, String method, String path, Member as) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base(instance) + path))
                .header("Authorization", "Bearer " + as.accessToken()).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void put(ConfigurableApplicationContext instance, String path, Member as) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base(instance) + path))
                .header("Authorization", "Bearer " + as.accessToken()).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(204);
    }

    private static Member register(ConfigurableApplicationContext instance, String prefix) throws Exception {
        String username = (prefix + Long.toString(System.nanoTime(), 36)).toLowerCase();
        Map<?, ?> session = post(instance, "/api/v1/auth/register", null,
                Map.of("username", username, "password", "correct horse", "displayName", prefix));
        return new Member(UUID.fromString((String) ((Map<?, ?>) session.get("user")).get("id")), (String) session.get("accessToken"));
    }

    private static Map<?, ?> post(ConfigurableApplicationContext instance, String path, Member as, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base(instance) + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : JSON.writeValueAsString(body)));
        if (as != null) {
            request.header("Authorization", "Bearer " + as.accessToken());
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isBetween(200, 299);
        return JSON.readValue(response.body(), Map.class);
    }
}
