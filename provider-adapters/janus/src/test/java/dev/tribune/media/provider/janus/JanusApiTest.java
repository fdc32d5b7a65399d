package dev.tribune.media.provider.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.tribune.ApiTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The whole service with rooms on a real Janus 1.1.2 (ops/janus, in a test namespace): rooms made and ended through
 * the outbox, grants, the relay at /janus speaking Janus's own protocol with its checks, the server-side
 * enforcement of role changes, and a Janus restart. No browser: a publisher join without media is enough to be a
 * VideoRoom participant.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JanusApiTest extends ApiTest {

    static JanusTestServer janus;

    @BeforeAll
    static void startJanus() throws Exception {
        janus = JanusTestServer.started();
    }

    @AfterAll
    static void stopJanus() throws Exception {
        if (janus != null) {
            janus.close();
        }
    }

    @DynamicPropertySource
    static void janusSettings(DynamicPropertyRegistry registry) {
        JanusTestServer.serviceSettings(registry, () -> janus);
    }

    @Autowired
    JdbcClient jdbc;

    final JsonMapper json = JsonMapper.builder().build();
    final HttpClient http = HttpClient.newHttpClient();

    // --- the relay, as janus.js would call it

    JsonNode relay(String path, String token, ObjectNode body) {
        body.put("transaction", "tx" + System.nanoTime());
        if (token != null) {
            body.put("token", token);
        }
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/janus" + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build());
    }

    JsonNode poll(long session, String token) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/janus/" + session + "?maxev=10&token=" + token))
                .GET().build());
    }

    private JsonNode send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    ObjectNode verb(String janus) {
        return json.createObjectNode().put("janus", janus);
    }

    long createSession(String token) {
        JsonNode answer = relay("", token, verb("create"));
        assertThat(answer.path("janus").asString()).as(answer.toString()).isEqualTo("success");
        return answer.path("data").path("id").asLong();
    }

    long attach(long session, String token) {
        JsonNode answer = relay("/" + session, token, verb("attach").put("plugin", "janus.plugin.videoroom"));
        assertThat(answer.path("janus").asString()).as(answer.toString()).isEqualTo("success");
        return answer.path("data").path("id").asLong();
    }

    JsonNode message(long session, long handle, String token, String body) {
        ObjectNode message = verb("message");
        message.set("body", json.readTree(body));
        return relay("/" + session + "/" + handle, token, message);
    }

    static void refusedWith(JsonNode answer, int code) {
        assertThat(answer.path("janus").asString()).as(answer.toString()).isEqualTo("error");
        assertThat(answer.path("error").path("code").asInt()).as(answer.toString()).isEqualTo(code);
    }

    // --- the service

    private void settled(String room) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("SELECT count(*) FROM provider_outbox WHERE room_id = ?::uuid").param(room).query(Long.class).single() == 0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> media(Map<String, Object> joined) {
        return (Map<String, Object>) joined.get("media");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aJanusRoomFollowsTheStageAndTheRelayEnforcesIt() {
        Session host = register("jhost");
        Session listener = register("jlistener");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "On Janus", "provider", "janus"), 201).get("id");
        settled(room);
        assertThat(janus.exists(room)).as("the VideoRoom is made when the room goes live").isTrue();

        // grants: the contract's media, host may publish, listener may not
        Map<String, Object> hostMedia = media(call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200));
        Map<String, Object> listenerMedia = media(call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200));
        assertThat(hostMedia).containsEntry("provider", "janus").containsEntry("canPublish", true);
        assertThat(listenerMedia).containsEntry("provider", "janus").containsEntry("canPublish", false);
        assertThat((Map<String, Object>) listenerMedia.get("connection"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("server", "/janus", "room", room, "iceServers", List.of(), "iceTransportPolicy", "all"));
        String hostToken = (String) hostMedia.get("token");
        String listenerToken = (String) listenerMedia.get("token");
        DecodedJWT decoded = JWT.decode(listenerToken);
        assertThat(decoded.getAlgorithm()).isEqualTo("HS256");
        assertThat(decoded.getSubject()).isEqualTo(listener.userId().toString());
        assertThat(decoded.getClaim("room").asString()).isEqualTo(room);
        assertThat(Duration.between(Instant.now(), decoded.getExpiresAtAsInstant())).isLessThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(janus.exists(room)).isTrue();

        // a listener: session, attach, subscriber join; a publisher join is refused with 433 and never reaches Janus
        long listenerSession = createSession(listenerToken);
        refusedWith(relay("/" + listenerSession, listenerToken, verb("attach").put("plugin", "janus.plugin.echotest")), 403);
        long listenerHandle = attach(listenerSession, listenerToken);
        refusedWith(message(listenerSession, listenerHandle, listenerToken,
                "{\"request\": \"join\", \"ptype\": \"publisher\", \"room\": \"%s\", \"id\": \"%s\"}".formatted(room, listener.userId())), 433);
        refusedWith(message(listenerSession, listenerHandle, listenerToken,
                "{\"request\": \"joinandconfigure\", \"ptype\": \"publisher\", \"room\": \"%s\"}".formatted(room)), 433);
        refusedWith(message(listenerSession, listenerHandle, listenerToken, "{\"request\": \"publish\"}"), 433);
        refusedWith(message(listenerSession, listenerHandle, listenerToken, "{\"request\": \"kick\", \"room\": \"%s\", \"id\": \"%s\"}"
                .formatted(room, host.userId())), 433);
        refusedWith(message(listenerSession, listenerHandle, listenerToken, "{\"request\": \"destroy\", \"room\": \"%s\"}".formatted(room)), 433);
        assertThat(janus.participants(room)).doesNotContain(listener.userId().toString());
        assertThat(janus.exists(room)).isTrue();

        // the host's publisher join passes, with the room and id forced to theirs
        long hostSession = createSession(hostToken);
        long hostHandle = attach(hostSession, hostToken);
        JsonNode joined = message(hostSession, hostHandle, hostToken,
                "{\"request\": \"join\", \"ptype\": \"publisher\", \"room\": \"elsewhere\", \"id\": \"someone-else\", \"display\": \"Host\"}");
        assertThat(joined.path("janus").asString()).as(joined.toString()).isEqualTo("ack");
        assertThat(janus.participants(room)).containsExactly(host.userId().toString());
        JsonNode events = poll(hostSession, hostToken);
        assertThat(events.toString()).contains("\"videoroom\":\"joined\"").contains("\"id\":\"" + host.userId() + "\"");

        // the listener subscribes to the host's feed (room forced) and may list participants
        JsonNode subscribed = message(listenerSession, listenerHandle, listenerToken,
                "{\"request\": \"join\", \"ptype\": \"subscriber\", \"room\": \"elsewhere\", \"streams\": [{\"feed\": \"%s\"}]}"
                        .formatted(host.userId()));
        assertThat(subscribed.path("janus").asString()).as(subscribed.toString()).isEqualTo("ack");
        JsonNode listed = message(listenerSession, attach(listenerSession, listenerToken), listenerToken, "{\"request\": \"listparticipants\"}");
        assertThat(listed.toString()).contains(host.userId().toString());

        // tokens: a forged, an expired or a missing one is refused; a session is only its owner's
        JsonNode forgedAnswer = relay("", "not-a-token", verb("create").put("transaction", "mine"));
        refusedWith(forgedAnswer, 403);
        assertThat(forgedAnswer.path("transaction").asString()).as("Janus's error shape, with the request's transaction").isNotBlank();
        refusedWith(relay("", null, verb("create")), 403);
        JanusTokens expired = new JanusTokens(JanusTestServer.API_SECRET, Duration.ofMinutes(10),
                Clock.fixed(Instant.now().minus(Duration.ofMinutes(11)), ZoneOffset.UTC));
        refusedWith(relay("", expired.mint(listener.userId(), UUID.fromString(room)).token(), verb("create")), 403);
        JanusTokens forged = new JanusTokens("another-secret-another-secret-another-0123", Duration.ofMinutes(10), Clock.systemUTC());
        refusedWith(relay("", forged.mint(listener.userId(), UUID.fromString(room)).token(), verb("create")), 403);
        refusedWith(relay("/" + hostSession, listenerToken, verb("keepalive")), 403);
        refusedWith(relay("/" + hostSession + "/" + hostHandle, listenerToken, verb("hangup")), 403);
        refusedWith(poll(hostSession, listenerToken), 403);
        refusedWith(relay("/" + hostSession, "", verb("keepalive")), 403);
        assertThat(relay("/" + hostSession, hostToken, verb("keepalive")).path("janus").asString()).isEqualTo("ack");

        // promoted: the listener may publish now (same token: the relay reads the role at each request)
        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        settled(room);
        long speakerHandle = attach(listenerSession, listenerToken);
        JsonNode published = message(listenerSession, speakerHandle, listenerToken, "{\"request\": \"join\", \"ptype\": \"publisher\"}");
        assertThat(published.path("janus").asString()).as(published.toString()).isEqualTo("ack");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> janus.participants(room).contains(listener.userId().toString()));

        // demoted: kicked from the VideoRoom by reconcile, and a new publisher join is refused
        call(DELETE, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        settled(room);
        assertThat(janus.participants(room)).containsExactly(host.userId().toString());
        refusedWith(message(listenerSession, attach(listenerSession, listenerToken), listenerToken,
                "{\"request\": \"join\", \"ptype\": \"publisher\"}"), 433);

        // removed: every Janus session of theirs is destroyed (a second backend sees it gone)
        assertThat(janus.sessionAlive(listenerSession)).isTrue();
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + listener.userId(), host, null, 204);
        settled(room);
        assertThat(janus.sessionAlive(listenerSession)).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM janus_sessions WHERE session_id = ?").param(listenerSession).query(Long.class).single())
                .isZero();
        // and their token no longer makes a session
        refusedWith(relay("", listenerToken, verb("create")), 403);

        // the owner destroys their own session through the relay
        assertThat(relay("/" + hostSession, hostToken, verb("destroy")).path("janus").asString()).isEqualTo("success");
        assertThat(janus.sessionAlive(hostSession)).isFalse();

        // ended: the VideoRoom is destroyed
        call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        settled(room);
        assertThat(janus.exists(room)).isFalse();
    }

    @Test
    void whenJanusRestartsTheOpenRoomsAreMadeAgain() throws Exception {
        Session host = register("jrestart");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Survives a restart", "provider", "janus"), 201).get("id");
        settled(room);
        assertThat(janus.exists(room)).isTrue();

        // a session only this test knows tells a new Janus from the old one; the room cannot, since the service
        // may already have made it again by the time we look
        long marker = janus.newSession();
        janus.kill();
        janus.launch();
        assertThat(janus.sessionAlive(marker)).as("a new Janus, which knows nothing of the old one").isFalse();

        // the backend session is gone (458 on the next keepalive): a new one is made and the room with it
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> janus.exists(room));

        call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        settled(room);
        assertThat(janus.exists(room)).isFalse();
    }
}
