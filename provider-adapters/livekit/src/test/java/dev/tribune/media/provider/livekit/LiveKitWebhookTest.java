package dev.tribune.media.provider.livekit;

import static dev.tribune.media.provider.livekit.LiveKitTestKit.API_KEY;
import static dev.tribune.media.provider.livekit.LiveKitTestKit.API_SECRET;
import static dev.tribune.media.provider.livekit.LiveKitTestKit.CLOCK;
import static dev.tribune.media.provider.livekit.LiveKitTestKit.NOW;
import static dev.tribune.media.provider.livekit.LiveKitTestKit.webhook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.tribune.media.spi.ProviderReport;
import dev.tribune.media.spi.ProviderReport.ParticipantConnected;
import dev.tribune.media.spi.ProviderReport.ParticipantDisconnected;
import dev.tribune.media.spi.ProviderReport.RoomClosed;
import dev.tribune.media.spi.ProviderReport.TrackPublished;
import dev.tribune.media.spi.WebhookCall;
import dev.tribune.media.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LiveKit's webhooks: a {@code WebhookEvent} in protojson (lowerCamelCase names, zero values left out, int64 as
 * strings), signed by a bare JWT in {@code Authorization} whose {@code sha256} claim is the body's hash
 * (protocol webhook/url_notifier.go). Checked before anything is read, then translated with LiveKit's own times.
 */
class LiveKitWebhookTest {

    static final UUID ROOM = UUID.fromString("0196a3b2-7c41-7d2e-9f00-00000000a001");
    static final UUID USER = UUID.fromString("0196a3b2-7c41-7d2e-9f00-00000000b002");
    static final long T = NOW.getEpochSecond();

    final LiveKitRtcProvider provider = LiveKitTestKit.provider(
            LiveKitTestKit.properties("wss://livekit.tribune.test", "http://127.0.0.1:9"), CLOCK);

    static String room(String name) {
        return """
                {"sid": "RM_hJ3cF9", "name": "%s", "emptyTimeout": 600, "departureTimeout": 30, "maxParticipants": 3000,
                 "creationTime": "%d", "creationTimeMs": "%d123", "numParticipants": 2}""".formatted(name, T - 60, T - 60);
    }

    static String participantEvent(String event, String roomName, String identity, long createdAt) {
        return """
                {"event": "%s", "room": %s,
                 "participant": {"sid": "PA_8kQ2", "identity": "%s", "state": "ACTIVE", "joinedAt": "%d", "joinedAtMs": "%d456",
                   "name": "Ada", "version": 2, "permission": {"canSubscribe": true, "canPublish": true,
                   "canPublishSources": ["MICROPHONE"]}, "isPublisher": true},
                 "id": "EV_Zx81", "createdAt": "%d"}""".formatted(event, room(roomName), identity, createdAt, createdAt, createdAt);
    }

    static String participantEvent(String event, long createdAt) {
        return participantEvent(event, ROOM.toString(), USER.toString(), createdAt);
    }

    /** track_published as LiveKit sends it: only sid and identity for the participant; AUDIO (0) is left out. */
    static String trackPublished(String typeField, long createdAt) {
        return """
                {"event": "track_published", "room": %s, "participant": {"sid": "PA_8kQ2", "identity": "%s"},
                 "track": {"sid": "TR_AMkx", %s"source": "MICROPHONE", "mimeType": "audio/red", "mid": "0",
                   "audioFeatures": ["TF_NO_AUTO_GAIN_CONTROL"]},
                 "id": "EV_Tr01", "createdAt": "%d"}""".formatted(room(ROOM.toString()), USER, typeField, createdAt);
    }

    List<ProviderReport> receive(WebhookCall call) {
        return provider.webhook(call);
    }

    // --- translation ---

    @Test
    void aParticipantJoiningIsConnectedAtLiveKitsTime() {
        assertThat(receive(webhook(participantEvent("participant_joined", T))))
                .containsExactly(new ParticipantConnected(ROOM, USER, Instant.ofEpochSecond(T)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"participant_left", "participant_connection_aborted"})
    void aParticipantLeavingOrNeverGettingThroughIsDisconnected(String event) {
        assertThat(receive(webhook(participantEvent(event, T + 7))))
                .containsExactly(new ParticipantDisconnected(ROOM, USER, Instant.ofEpochSecond(T + 7)));
    }

    @Test
    void anAudioTrackPublishedIsReportedThoughProtojsonLeavesItsTypeOut() {
        assertThat(receive(webhook(trackPublished("", T + 3))))
                .containsExactly(new TrackPublished(ROOM, USER, "audio", Instant.ofEpochSecond(T + 3)));
        assertThat(receive(webhook(trackPublished("\"type\": \"AUDIO\", ", T + 3))))
                .containsExactly(new TrackPublished(ROOM, USER, "audio", Instant.ofEpochSecond(T + 3)));
    }

    @Test
    void aVideoTrackPublishedIsReportedAsVideo() {
        assertThat(receive(webhook(trackPublished("\"type\": \"VIDEO\", ", T + 3))))
                .containsExactly(new TrackPublished(ROOM, USER, "video", Instant.ofEpochSecond(T + 3)));
    }

    @Test
    void aRoomFinishedIsClosed() {
        String body = """
                {"event": "room_finished", "room": %s, "id": "EV_Rf01", "createdAt": "%d"}""".formatted(room(ROOM.toString()), T + 90);

        assertThat(receive(webhook(body))).containsExactly(new RoomClosed(ROOM, Instant.ofEpochSecond(T + 90)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"room_started", "track_unpublished", "egress_started", "egress_ended", "ingress_started",
            "agent_job_started", "something_new"})
    void otherEventsSayNothing(String event) {
        assertThat(receive(webhook(participantEvent(event, T)))).isEmpty();
    }

    @Test
    void roomsAndPeopleTribuneDidNotNameSayNothing() {
        assertThat(receive(webhook(participantEvent("participant_joined", "standup-room", USER.toString(), T)))).isEmpty();
        assertThat(receive(webhook(participantEvent("participant_joined", ROOM.toString(), "egress-recorder", T)))).isEmpty();
        assertThat(receive(webhook(participantEvent("participant_joined", ROOM.toString(), "1-2-3-4-5", T)))).isEmpty();
    }

    @Test
    void snakeCaseAndNumericTimesAreReadToo() {
        String body = """
                {"event": "participant_joined", "room": {"name": "%s"}, "participant": {"identity": "%s"}, "created_at": %d}"""
                .formatted(ROOM, USER, T);

        assertThat(receive(webhook(body))).containsExactly(new ParticipantConnected(ROOM, USER, Instant.ofEpochSecond(T)));
    }

    // --- replays and reordering: reported as LiveKit stamped them, for the core to order ---

    @Test
    void aReplayedCallbackIsReportedWithItsOriginalTime() {
        WebhookCall call = webhook(participantEvent("participant_joined", T));

        assertThat(receive(call)).containsExactly(new ParticipantConnected(ROOM, USER, Instant.ofEpochSecond(T)));
        assertThat(receive(call)).containsExactly(new ParticipantConnected(ROOM, USER, Instant.ofEpochSecond(T)));
    }

    @Test
    void callbacksArrivingOutOfOrderKeepTheirOwnTimes() {
        List<ProviderReport> later = receive(webhook(participantEvent("participant_left", T + 20)));
        List<ProviderReport> earlier = receive(webhook(participantEvent("participant_joined", T)));

        assertThat(later.getFirst().at()).isAfter(earlier.getFirst().at());
        assertThat(earlier).containsExactly(new ParticipantConnected(ROOM, USER, Instant.ofEpochSecond(T)));
    }

    // --- signature ---

    @Test
    void aCallbackSignedWithAnotherSecretIsRejected() {
        WebhookCall forged = webhook(participantEvent("participant_joined", T), "forged-secret-forged-secret-forged-0123", API_KEY, NOW);

        assertThatThrownBy(() -> receive(forged)).isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aCallbackSignedForAnotherApiKeyIsRejected() {
        WebhookCall other = webhook(participantEvent("participant_joined", T), API_SECRET, "APIsomeoneelse", NOW);

        assertThatThrownBy(() -> receive(other)).isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aCallbackWithoutASignatureIsRejected() {
        byte[] body = participantEvent("participant_joined", T).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> receive(new WebhookCall("https://tribune.test/api/v1/webhooks/livekit", Map.of(), body, Map.of())))
                .isInstanceOf(WebhookRejected.class);
        assertThatThrownBy(() -> receive(new WebhookCall("https://tribune.test/api/v1/webhooks/livekit",
                Map.of("authorization", List.of("")), body, Map.of()))).isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aBodyChangedAfterSigningIsRejected() {
        WebhookCall signed = webhook(participantEvent("participant_joined", T));
        byte[] tampered = participantEvent("participant_joined", ROOM.toString(), UUID.randomUUID().toString(), T)
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> receive(new WebhookCall(signed.url(), signed.headers(), tampered, Map.of())))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("hash");
    }

    @Test
    void aSignatureTooOldIsRejected() {
        // LiveKit's tokens last 5 minutes; one more minute is allowed for clocks apart
        WebhookCall old = webhook(participantEvent("participant_joined", T), API_SECRET, API_KEY, NOW.minus(Duration.ofMinutes(7)));
        WebhookCall recent = webhook(participantEvent("participant_joined", T), API_SECRET, API_KEY, NOW.minus(Duration.ofMinutes(5)));

        assertThatThrownBy(() -> receive(old)).isInstanceOf(WebhookRejected.class);
        assertThat(receive(recent)).hasSize(1);
    }

    @Test
    void aSignatureWithoutTheBodyHashIsRejected() {
        String body = participantEvent("participant_joined", T);
        String token = JWT.create().withIssuer(API_KEY).withNotBefore(NOW).withExpiresAt(NOW.plusSeconds(300))
                .sign(Algorithm.HMAC256(API_SECRET));

        assertThatThrownBy(() -> receive(call(body, token))).isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aSignatureWithoutExpiryIsRejected() throws Exception {
        String body = participantEvent("participant_joined", T);
        String sha = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        String token = JWT.create().withIssuer(API_KEY).withClaim("sha256", sha).sign(Algorithm.HMAC256(API_SECRET));

        assertThatThrownBy(() -> receive(call(body, token))).isInstanceOf(WebhookRejected.class);
    }

    @Test
    void anUnsignedTokenIsRejected() {
        String body = participantEvent("participant_joined", T);
        String signed = LiveKitTestKit.signature(body.getBytes(StandardCharsets.UTF_8), API_SECRET, API_KEY, NOW);
        String[] parts = signed.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + parts[1] + ".";

        assertThatThrownBy(() -> receive(call(body, none))).isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aBearerPrefixIsNotWhatLiveKitSends() {
        String body = participantEvent("participant_joined", T);
        String token = LiveKitTestKit.signature(body.getBytes(StandardCharsets.UTF_8), API_SECRET, API_KEY, NOW);

        assertThatThrownBy(() -> receive(call(body, "Bearer " + token))).isInstanceOf(WebhookRejected.class);
    }

    static WebhookCall call(String body, String authorization) {
        return new WebhookCall("https://tribune.test/api/v1/webhooks/livekit", Map.of("authorization", List.of(authorization)),
                body.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
