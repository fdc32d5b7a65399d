package dev.tribune.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tribune.ApiTest;
import dev.tribune.media.spi.ReconcileRequests;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The provider follows the room: every change reaches it after commit, and the latest state is where it ends. */
class ProviderOutboxTest extends ApiTest {

    @Autowired
    RecordingRtcProvider provider;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReconcileRequests reconciles;

    @AfterEach
    void fast() {
        provider.delay = Duration.ZERO;
    }

    private List<RecordingRtcProvider.Call> callsFor(String room, UUID user) {
        return provider.calls.stream().filter(c -> c.roomId().toString().equals(room) && c.userId().equals(user)).toList();
    }

    private void settled(String room) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                jdbc.sql("SELECT count(*) FROM provider_outbox WHERE room_id = ?::uuid").param(room).query(Long.class).single() == 0);
    }

    @Test
    void aPromotionReachesTheProviderAndSoDoesTheEndOfTheRoom() {
        Session host = register("ohost");
        Session listener = register("olistener");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Followed", "provider", "recording"), 201).get("id");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        settled(room);
        assertThat(callsFor(room, listener.userId()).getLast().state().canPublish()).isTrue();

        call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        settled(room);
        assertThat(provider.endedRooms).contains(UUID.fromString(room));
    }

    @Test
    void aSlowPromotionNeverLandsAfterTheDemotionThatFollowedIt() {
        Session host = register("slowhost");
        Session listener = register("slowlistener");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Slow vendor", "provider", "recording"), 201).get("id");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);
        provider.delay = Duration.ofMillis(800);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        // the promotion is on its way to the vendor when the demotion happens
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
                "SELECT claimed_until IS NOT NULL FROM provider_outbox WHERE room_id = ?::uuid AND user_id = ?")
                .params(room, listener.userId()).query(Boolean.class).optional().orElse(false));
        call(DELETE, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        settled(room);
        List<RecordingRtcProvider.Call> calls = callsFor(room, listener.userId());
        assertThat(calls).isNotEmpty();
        assertThat(calls.getLast().state().canPublish()).as("the provider ends where the room is").isFalse();
    }

    @Test
    void aRemovedParticipantIsGoneAtTheProvider() {
        Session host = register("rmhost");
        Session listener = register("rmlistener");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Removal", "provider", "recording"), 201).get("id");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + listener.userId() + "?ban=true", host, null, 204);
        settled(room);
        assertThat(callsFor(room, listener.userId()).getLast().state().present()).isFalse();
    }

    /** What a relaying adapter (Janus) asks through the SPI, outside any transaction, reaches the provider too. */
    @Test
    void anAdaptersRequestOutsideAnyTransactionIsReconciled() {
        Session host = register("askhost");
        Session listener = register("asklistener");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Asked", "provider", "recording"), 201).get("id");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
        settled(room);
        int before = callsFor(room, listener.userId()).size();

        reconciles.reconcileSoon(UUID.fromString(room), listener.userId());

        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> callsFor(room, listener.userId()).size() > before);
        assertThat(callsFor(room, listener.userId()).getLast().state().present()).isTrue();
    }
}
