package dev.tribune.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tribune.ApiTest;
import dev.tribune.media.spi.RtcProvider;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * POST /api/v1/webhooks/{provider}: only a correctly signed callback is believed, and what it says moves presence in
 * the vendor's own order, however late or often it arrives. (The vendors' own signatures are tested with each adapter.)
 */
class ProviderWebhookTest extends ApiTest {

    @Autowired
    RecordingRtcProvider provider;

    @Autowired
    JdbcClient jdbc;

    Session host;
    Session listener;
    String room;

    @BeforeEach
    void aRoomOnTheRecordingProvider() {
        host = register("whost");
        listener = register("wlistener");
        room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Webhooks", "provider", "recording"), 201).get("id");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
        settled();
    }

    private void settled() {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() ->
                jdbc.sql("SELECT count(*) FROM provider_outbox WHERE room_id = ?::uuid").param(room).query(Long.class).single() == 0);
    }

    private int deliver(String body, String signature) {
        var request = client.post().uri("/api/v1/webhooks/recording").contentType(MediaType.TEXT_PLAIN);
        if (signature != null) {
            request = request.header("X-Recording-Signature", signature);
        }
        return request.body(body).exchange().returnResult(String.class).getStatus().value();
    }

    private int deliverSigned(String body) {
        return deliver(body, RecordingRtcProvider.sign(body));
    }

    private static String line(String kind, Object room, Object user, Instant at) {
        return kind + " " + room + " " + user + " " + at.toEpochMilli() + "\n";
    }

    private Map<String, Object> providerSide(Session who) {
        return jdbc.sql("SELECT provider_connected, provider_seen_at FROM participants WHERE room_id = ?::uuid AND user_id = ?")
                .params(room, who.userId()).query().singleRow();
    }

    private List<RecordingRtcProvider.Call> callsFor(Session who) {
        return provider.calls.stream().filter(c -> c.roomId().toString().equals(room) && c.userId().equals(who.userId())).toList();
    }

    @Test
    void aSignedConnectionReportCountsTheParticipantAsConnectedAtTheProvider() {
        Instant at = Instant.parse("2026-11-22T10:00:00Z");
        assertThat(deliverSigned(line("connected", room, listener.userId(), at))).isEqualTo(200);
        assertThat(providerSide(listener)).containsEntry("provider_connected", true);
        assertThat(((Timestamp) providerSide(listener).get("provider_seen_at")).toInstant()).isEqualTo(at);
    }

    @Test
    void aForgedOrUnsignedCallbackIs401AndChangesNothing() {
        String body = line("connected", room, listener.userId(), Instant.now());
        assertThat(deliver(body, RecordingRtcProvider.sign("something else"))).isEqualTo(401);
        assertThat(deliver(body, null)).isEqualTo(401);
        client.post().uri("/api/v1/webhooks/recording").contentType(MediaType.TEXT_PLAIN).body(body).exchange()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthorized");
        assertThat(providerSide(listener)).containsEntry("provider_connected", false);
    }

    @Test
    void lateAndRepeatedCallbacksAreAppliedInTheVendorsOrder() {
        Instant t1 = Instant.parse("2026-11-22T10:00:01Z");
        Instant t2 = t1.plusSeconds(1);
        Instant t3 = t2.plusSeconds(1);
        deliverSigned(line("connected", room, listener.userId(), t2));
        // a disconnect from before the connection arrives late: it changes nothing
        deliverSigned(line("disconnected", room, listener.userId(), t1));
        assertThat(providerSide(listener)).containsEntry("provider_connected", true);
        deliverSigned(line("disconnected", room, listener.userId(), t3));
        assertThat(providerSide(listener)).containsEntry("provider_connected", false);
        // the vendor retries the old connection report: still disconnected
        deliverSigned(line("connected", room, listener.userId(), t2));
        assertThat(providerSide(listener)).containsEntry("provider_connected", false);
    }

    @Test
    void onEqualTimesTheDisconnectWins() {
        Instant t = Instant.parse("2026-11-22T10:00:05Z");
        deliverSigned(line("connected", room, listener.userId(), t) + line("disconnected", room, listener.userId(), t));
        assertThat(providerSide(listener)).containsEntry("provider_connected", false);
    }

    @Test
    void everyReconnectionReappliesTheParticipantsCurrentRoleAtTheProvider() {
        int before = callsFor(listener).size();
        deliverSigned(line("connected", room, listener.userId(), Instant.now()));
        settled();
        assertThat(callsFor(listener)).hasSize(before + 1);
        assertThat(callsFor(listener).getLast().state()).isEqualTo(new RtcProvider.ParticipantState(true, false, false));
    }

    @Test
    void someoneRemovedWhoConnectsWithAnOldTokenIsPutOutAgain() {
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + listener.userId() + "?ban=true", host, null, 204);
        settled();
        int before = callsFor(listener).size();
        deliverSigned(line("connected", room, listener.userId(), Instant.now()));
        settled();
        assertThat(callsFor(listener)).hasSize(before + 1);
        assertThat(callsFor(listener).getLast().state().present()).isFalse();
    }

    @Test
    void aListenerWhoPublishesIsBroughtBackInLineButASpeakerIsLeftAlone() {
        int before = callsFor(listener).size();
        deliverSigned(line("audio", room, listener.userId(), Instant.now()));
        settled();
        assertThat(callsFor(listener)).hasSize(before + 1);
        assertThat(callsFor(listener).getLast().state().canPublish()).isFalse();

        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        settled();
        int promoted = callsFor(listener).size();
        deliverSigned(line("audio", room, listener.userId(), Instant.now()));
        settled();
        assertThat(callsFor(listener)).hasSize(promoted);
    }

    @Test
    void aProviderCannotSpeakForRoomsOnAnotherProvider() {
        String meshRoom = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Mesh", "provider", "mesh"), 201).get("id");
        call(POST, "/api/v1/rooms/" + meshRoom + "/join", listener, null, 200);
        assertThat(deliverSigned(line("connected", meshRoom, listener.userId(), Instant.now()))).isEqualTo(200);
        assertThat(jdbc.sql("SELECT provider_connected FROM participants WHERE room_id = ?::uuid AND user_id = ?")
                .params(meshRoom, listener.userId()).query(Boolean.class).single()).isFalse();
    }

    @Test
    void callbacksForAProviderThatIsNotActiveAre404AndMeshTakesNone() {
        client.post().uri("/api/v1/webhooks/nosuchvendor").contentType(MediaType.TEXT_PLAIN).body("x").exchange()
                .expectStatus().isNotFound();
        // mesh is active but sends no callbacks: its webhook route does not exist either (issue 12, item 8)
        client.post().uri("/api/v1/webhooks/mesh").contentType(MediaType.TEXT_PLAIN).body("x").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void aRoomTheVendorClosedIsMadeAgainAtTheNextJoin() {
        UUID roomId = UUID.fromString(room);
        long ensuredBefore = provider.ensuredRooms.stream().filter(roomId::equals).count();
        deliverSigned(line("connected", room, listener.userId(), Instant.now().minusSeconds(5)));
        deliverSigned("closed " + room + " - " + Instant.now().toEpochMilli() + "\n");
        assertThat(providerSide(listener)).containsEntry("provider_connected", false);
        call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
        assertThat(provider.ensuredRooms.stream().filter(roomId::equals).count()).isEqualTo(ensuredBefore + 1);
    }
}
