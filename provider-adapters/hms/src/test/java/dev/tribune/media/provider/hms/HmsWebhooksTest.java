package dev.tribune.media.provider.hms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tribune.media.spi.ProviderReport;
import dev.tribune.media.spi.ProviderReport.ParticipantConnected;
import dev.tribune.media.spi.ProviderReport.ParticipantDisconnected;
import dev.tribune.media.spi.ProviderReport.RoomClosed;
import dev.tribune.media.spi.ProviderReport.TrackPublished;
import dev.tribune.media.spi.WebhookCall;
import dev.tribune.media.spi.WebhookRejected;
import dev.tribune.media.spi.WebhookUrls;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * 100ms callbacks as its Webhook Events page documents them, checked by the secret header 100ms sends back as
 * configured on the room, and translated into reports carrying 100ms' own event times.
 */
class HmsWebhooksTest {

    private final HmsRtcProvider provider = new HmsRtcProvider(HmsFixtures.properties("http://127.0.0.1:9/v2"),
            null /* webhooks never reach the vendor */, null, new WebhookUrls(HmsFixtures.PUBLIC_URL));

    private final UUID room = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();
    private final String url = HmsFixtures.PUBLIC_URL + "/api/v1/webhooks/hms";

    static String event(String type, String timestamp, String data) {
        return """
                {"version": "2.0", "id": "%s", "account_id": "60b8e13a6eb86d8101b57354", "app_id": "62510797903d857ab8ec3ba5",
                 "template_id": "%s", "timestamp": "%s", "type": "%s", "data": %s}"""
                .formatted(UUID.randomUUID(), HmsFixtures.TEMPLATE_ID, timestamp, type, data);
    }

    String peerJoined(String joinedAt) {
        return event("peer.join.success", "2026-11-22T12:58:49Z", """
                {"joined_at": %s, "peer_id": "83b869e1-9a4b-4037-84b2-913cf76e4392", "role": "listener",
                 "room_id": "6720a1b2c3d4e5f6a7b8c9d0", "room_name": "%s", "session_id": "610f81ee870dde099a249948",
                 "template_id": "%s", "type": "regular", "user_id": "%s", "user_name": "Ada", "user_data": "",
                 "session_started_at": "2026-11-22T12:50:00.97291247Z"}"""
                .formatted(joinedAt == null ? "null" : "\"" + joinedAt + "\"", room, HmsFixtures.TEMPLATE_ID, user));
    }

    String peerLeft(String leftAt) {
        return event("peer.leave.success", "2026-11-22T12:59:58Z", """
                {"duration": 69, "joined_at": "2026-11-22T12:58:49.97291247Z", "left_at": "%s",
                 "peer_id": "83b869e1-9a4b-4037-84b2-913cf76e4392", "reason": "client request", "message": "",
                 "role": "listener", "room_id": "6720a1b2c3d4e5f6a7b8c9d0", "room_name": "%s",
                 "session_id": "610f81ee870dde099a249948", "template_id": "%s", "type": "regular", "user_id": "%s",
                 "user_name": "Ada", "user_data": "", "session_started_at": "2026-11-22T12:50:00.97291247Z"}"""
                .formatted(leftAt, room, HmsFixtures.TEMPLATE_ID, user));
    }

    String roleChanged(String from, String to) {
        return event("role.change.success", "2026-11-22T13:00:05Z", """
                {"joined_at": "2026-11-22T12:58:49.97291247Z", "peer_id": "83b869e1-9a4b-4037-84b2-913cf76e4392",
                 "role_change_requested_by": "c0bbae7e-fbc0-48c3-89aa-83f85427acbf", "role": "%s", "room_id": "6720a1b2c3d4e5f6a7b8c9d0",
                 "room_name": "%s", "session_id": "610f81ee870dde099a249948", "template_id": "%s", "user_id": "%s",
                 "user_name": "Ada", "user_data": "", "previous_role": "%s",
                 "session_started_at": "2026-11-22T12:50:00.97291247Z", "role_changed_at": "2026-11-22T13:00:04.123456789Z"}"""
                .formatted(to, room, HmsFixtures.TEMPLATE_ID, user, from));
    }

    static WebhookCall call(String url, Map<String, String> headers, String body) {
        Map<String, List<String>> lowerCase = new HashMap<>();
        headers.forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), List.of(value)));
        lowerCase.put("content-type", List.of("application/json"));
        return new WebhookCall(url, lowerCase, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    List<ProviderReport> deliver(String body) {
        return provider.webhook(call(url, Map.of(HmsFixtures.WEBHOOK_HEADER, HmsFixtures.WEBHOOK_SECRET), body));
    }

    @Test
    void aPeerJoiningIsAParticipantConnectedAtItsJoinTime() {
        assertThat(deliver(peerJoined("2026-11-22T12:58:49.97291247Z")))
                .containsExactly(new ParticipantConnected(room, user, Instant.parse("2026-11-22T12:58:49.97291247Z")));
    }

    @Test
    void withoutAJoinTimeTheEnvelopesTimestampIsUsed() {
        assertThat(deliver(peerJoined(null)))
                .containsExactly(new ParticipantConnected(room, user, Instant.parse("2026-11-22T12:58:49Z")));
        // 100ms writes the zero time for "none"
        assertThat(deliver(peerJoined("0001-01-01T00:00:00Z")))
                .containsExactly(new ParticipantConnected(room, user, Instant.parse("2026-11-22T12:58:49Z")));
    }

    @Test
    void aPeerLeavingIsAParticipantDisconnectedAtItsLeaveTime() {
        assertThat(deliver(peerLeft("2026-11-22T12:59:58.500451704Z")))
                .containsExactly(new ParticipantDisconnected(room, user, Instant.parse("2026-11-22T12:59:58.500451704Z")));
    }

    @Test
    void aPeerMovedIntoTheSpeakerRoleIsReportedAsPublishingSoTheCoreChecksTheirRight() {
        assertThat(deliver(roleChanged("listener", "speaker")))
                .containsExactly(new TrackPublished(room, user, "audio", Instant.parse("2026-11-22T13:00:04.123456789Z")));
    }

    @Test
    void aPeerMovedOutOfTheSpeakerRoleIsNoReport() {
        assertThat(deliver(roleChanged("speaker", "listener"))).isEmpty();
    }

    String roomEnded(boolean locked) {
        return event("room.end.success", "2026-11-22T14:00:02Z", """
                {"peer_id": "", "role": "", "room_id": "6720a1b2c3d4e5f6a7b8c9d0", "room_name": "%s",
                 "session_id": "610f81ee870dde099a249948", "template_id": "%s", "user_id": "", "user_name": "",
                 "lock_room": %s, "reason": "The room has ended.", "source": "api",
                 "session_started_at": "2026-11-22T13:50:00.97291247Z"}""".formatted(room, HmsFixtures.TEMPLATE_ID, locked));
    }

    @Test
    void aRoomEndedAndLockedIsARoomClosed() {
        assertThat(deliver(roomEnded(true))).containsExactly(new RoomClosed(room, Instant.parse("2026-11-22T14:00:02Z")));
    }

    @Test
    void aSessionClosingOrARoomEndedWithoutALockIsNoReportSinceThe100msRoomLivesOn() {
        // anyone holding a grant can open a new session at once; "closed" would make the core stop reconciling the room
        String closed = event("session.close.success", "2026-11-22T14:00:01Z", """
                {"room_id": "6720a1b2c3d4e5f6a7b8c9d0", "room_name": "%s", "session_id": "610f81ee870dde099a249948",
                 "template_id": "%s", "session_duration": 600, "session_started_at": "2026-11-22T13:50:00.97291247Z",
                 "session_stopped_at": "2026-11-22T14:00:00.97291247Z"}""".formatted(room, HmsFixtures.TEMPLATE_ID));
        assertThat(deliver(closed)).isEmpty();
        assertThat(deliver(roomEnded(false))).isEmpty();
    }

    @Test
    void eventsTribuneDoesNotUseAreNoReport() {
        String opened = event("session.open.success", "2026-11-22T12:50:00Z", """
                {"room_id": "6720a1b2c3d4e5f6a7b8c9d0", "room_name": "%s", "session_id": "610f81ee870dde099a249948",
                 "template_id": "%s", "session_started_at": "2026-11-22T12:50:00.97291247Z"}""".formatted(room, HmsFixtures.TEMPLATE_ID));
        assertThat(deliver(opened)).isEmpty();
        assertThat(deliver(peerJoined("2026-11-22T12:58:49Z").replace("peer.join.success", "peer.join.failure"))).isEmpty();
        assertThat(deliver(event("recording.success", "2026-11-22T12:50:00Z", "{\"room_name\": \"" + room + "\"}"))).isEmpty();
    }

    @Test
    void roomsAndPeopleThatAreNotTribunesAreLeftOut() {
        assertThat(deliver(peerJoined("2026-11-22T12:58:49Z").replace(room.toString(), "new-room-1662723668"))).isEmpty();
        // a recorder or SIP bot has no Tribune user id
        assertThat(deliver(peerJoined("2026-11-22T12:58:49Z").replace(user.toString(), "beam-recorder"))).isEmpty();
    }

    @Test
    void aRetriedCallbackIsReportedAgainWithTheSameVendorTime() {
        String once = peerJoined("2026-11-22T12:58:49.97291247Z");
        assertThat(deliver(once)).isEqualTo(deliver(once));
    }

    @Test
    void callbacksArrivingOutOfOrderKeepTheirOwnTimesSoTheCoreCanOrderThem() {
        List<ProviderReport> left = deliver(peerLeft("2026-11-22T12:59:58Z"));
        List<ProviderReport> joinedEarlier = deliver(peerJoined("2026-11-22T12:58:49Z"));

        assertThat(joinedEarlier.getFirst().at()).isBefore(left.getFirst().at());
    }

    @Test
    void aCallbackWithAWrongSecretIsRejected() {
        WebhookCall forged = call(url, Map.of(HmsFixtures.WEBHOOK_HEADER, "not-the-secret-not-the-secret-not-the-secret"),
                peerJoined("2026-11-22T12:58:49Z"));
        assertThatThrownBy(() -> provider.webhook(forged)).isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aCallbackWithoutTheSecretHeaderIsRejected() {
        assertThatThrownBy(() -> provider.webhook(call(url, Map.of(), peerJoined("2026-11-22T12:58:49Z"))))
                .isInstanceOf(WebhookRejected.class);
        // the right secret under another header name is not the configured header
        assertThatThrownBy(() -> provider.webhook(call(url, Map.of("Authorization", HmsFixtures.WEBHOOK_SECRET), peerJoined("2026-11-22T12:58:49Z"))))
                .isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aSecretThatOnlyStartsOrEndsLikeOursIsRejected() {
        for (String almost : List.of(HmsFixtures.WEBHOOK_SECRET + "x", HmsFixtures.WEBHOOK_SECRET.substring(1), " " + HmsFixtures.WEBHOOK_SECRET,
                HmsFixtures.WEBHOOK_SECRET.toUpperCase(), "")) {
            WebhookCall call = call(url, Map.of(HmsFixtures.WEBHOOK_HEADER, almost), peerJoined("2026-11-22T12:58:49Z"));
            assertThatThrownBy(() -> provider.webhook(call)).as(almost).isInstanceOf(WebhookRejected.class);
        }
    }

    @Test
    void aForgedOrTamperedBodyIsRejectedWhenItLacksTheSecretWhateverItSays() {
        // 100ms signs no body: the secret header is the whole authentication (TLS keeps the body intact in transit), so
        // a changed body is caught only when whoever changed it does not hold the secret
        String tampered = peerLeft("2026-11-22T12:59:58Z").replace("client request", "peer kicked");
        assertThatThrownBy(() -> provider.webhook(call(url, Map.of("X-Other", "x"), tampered))).isInstanceOf(WebhookRejected.class);
    }

    @Test
    void anAuthenticatedBodyThatIsNotJsonIsNoReport() {
        assertThat(deliver("this is not json")).isEmpty();
        assertThat(deliver("")).isEmpty();
    }
}
