package dev.tribune.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tribune.ApiTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

class ChatTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    Session host;
    Session alice;
    Session bob;
    String room;

    @BeforeEach
    void aRoomWithTwoListeners() {
        host = register("chost");
        alice = register("calice");
        bob = register("cbob");
        room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Chatty"), 201).get("id");
        for (Session s : List.of(host, alice, bob)) {
            call(POST, "/api/v1/rooms/" + room + "/join", s, null, 200);
        }
    }

    private Map<String, Object> say(Session who, Object body, int status) {
        return call(POST, "/api/v1/rooms/" + room + "/messages", who, body, status);
    }

    private List<Object> texts(Session who) {
        return ((List<?>) get("/api/v1/rooms/" + room + "/messages?limit=100", who).get("items")).stream()
                .map(m -> ((Map<?, ?>) m).get("text")).map(Object.class::cast).toList();
    }

    @Test
    void messagesAreBroadcastDirectOrToARoleAndEachReaderSeesTheirOwn() {
        Map<String, Object> sent = say(alice, Map.of("text", "  hello all  "), 201);
        assertThat(sent.get("text")).isEqualTo("hello all");
        assertThat(((Map<?, ?>) sent.get("from")).get("id")).isEqualTo(alice.userId().toString());
        assertThat(sent).containsKeys("id", "sentAt", "toUserId", "toRole");
        say(alice, Map.of("text", "psst bob", "toUserId", bob.userId().toString()), 201);
        say(bob, Map.of("text", "to the stage", "toRole", "HOST"), 201);

        assertThat(texts(host)).containsExactly("to the stage", "hello all");
        assertThat(texts(bob)).containsExactly("to the stage", "psst bob", "hello all");
        assertThat(texts(alice)).containsExactly("psst bob", "hello all");
    }

    @Test
    void badMessagesAreRefused() {
        say(alice, Map.of("text", "   "), 400);
        say(alice, Map.of("text", "x".repeat(1001)), 400);
        say(alice, Map.of("text", "bell\u0007"), 400);
        say(alice, Map.of("text", "both", "toUserId", bob.userId().toString(), "toRole", "HOST"), 400);
        say(alice, Map.of("text", "nobody", "toUserId", register("cabsent").userId().toString()), 400);
        say(alice, Map.of("text", "who", "toRole", "JESTER"), 400);
        say(register("coutsider"), Map.of("text", "let me in"), 403);
    }

    @Test
    void theRoomsChatSettingDecidesWhoMayWrite() {
        call(PATCH, "/api/v1/rooms/" + room, host, Map.of("chat", "SPEAKERS"), 200);
        say(alice, Map.of("text", "can I?"), 403);
        say(host, Map.of("text", "speakers only"), 201);
        call(PATCH, "/api/v1/rooms/" + room, host, Map.of("chat", "OFF"), 200);
        say(host, Map.of("text", "quiet"), 403);
    }

    @Test
    void aChatMutedParticipantIsRefusedUntilLifted() {
        call(PUT, "/api/v1/rooms/" + room + "/participants/" + alice.userId() + "/chat-mute", bob, null, 403);
        call(PUT, "/api/v1/rooms/" + room + "/participants/" + alice.userId() + "/chat-mute", host, null, 204);
        // muting again changes nothing and says nothing more
        call(PUT, "/api/v1/rooms/" + room + "/participants/" + alice.userId() + "/chat-mute", host, null, 204);
        say(alice, Map.of("text", "muted?"), 403);
        // she is told, and a page opened now knows it too
        assertThat(jdbc.sql("SELECT count(*) FROM room_events WHERE room_id = ?::uuid AND type = 'participant.chat_muted'")
                .param(room).query(Long.class).single()).isEqualTo(1);
        assertThat((Boolean) ((Map<?, ?>) call(GET, "/api/v1/rooms/" + room, alice, null, 200).get("me")).get("chatMuted")).isTrue();
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + alice.userId() + "/chat-mute", host, null, 204);
        say(alice, Map.of("text", "back"), 201);
    }

    @Test
    void sendersAndStaffDeleteMessagesWhichLeaveTheHistory() {
        String mine = (String) say(alice, Map.of("text", "oops"), 201).get("id");
        String theirs = (String) say(bob, Map.of("text", "rude"), 201).get("id");
        call(DELETE, "/api/v1/rooms/" + room + "/messages/" + theirs, alice, null, 403);
        call(DELETE, "/api/v1/rooms/" + room + "/messages/" + mine, alice, null, 204);
        call(DELETE, "/api/v1/rooms/" + room + "/messages/" + theirs, host, null, 204);
        call(DELETE, "/api/v1/rooms/" + room + "/messages/" + theirs, host, null, 404);
        assertThat(texts(host)).isEmpty();
    }

    @Test
    void sendingFasterThanTheLimitIs429WithRetryAfter() {
        for (int i = 0; i < 5; i++) {
            say(bob, Map.of("text", "spam " + i), 201);
        }
        client.post().uri("/api/v1/rooms/" + room + "/messages").header(HttpHeaders.AUTHORIZATION, bearer(bob))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("text", "one more"))
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/rate-limited");
        // others are not held back by bob's limit
        say(alice, Map.of("text", "I can still talk"), 201);
    }

    @Test
    void slowModeSpacesOutTheAudienceButNotTheStaff() {
        call(PATCH, "/api/v1/rooms/" + room, host, Map.of("slowModeSeconds", 60), 200);
        say(alice, Map.of("text", "first"), 201);
        Map<String, Object> refused = say(alice, Map.of("text", "second"), 429);
        assertThat((String) refused.get("detail")).contains("Slow mode");
        say(host, Map.of("text", "staff 1"), 201);
        say(host, Map.of("text", "staff 2"), 201);
        call(GET, "/api/v1/rooms/" + room + "/messages?limit=0", alice, null, 400);
    }
}
