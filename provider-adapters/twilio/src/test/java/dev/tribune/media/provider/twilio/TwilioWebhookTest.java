package dev.tribune.media.provider.twilio;

import static dev.tribune.media.provider.twilio.TwilioFixtures.AUTH_TOKEN;
import static dev.tribune.media.provider.twilio.TwilioFixtures.ROOM_SID;
import static dev.tribune.media.provider.twilio.TwilioFixtures.form;
import static dev.tribune.media.provider.twilio.TwilioFixtures.signature;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tribune.media.spi.ProviderReport;
import dev.tribune.media.spi.WebhookCall;
import dev.tribune.media.spi.WebhookRejected;
import dev.tribune.media.spi.WebhookUrls;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rooms status callbacks as Twilio sends them: form-encoded, signed with the account's auth token over the URL it
 * called plus the sorted parameters (the signature is computed here independently, see
 * {@link TwilioFixtures#signature}).
 */
class TwilioWebhookTest {

    static final String URL = "https://tribune.example.test/api/v1/webhooks/twilio";

    final TwilioRtcProvider provider = new TwilioConfiguration().twilioRtcProvider(TwilioFixtures.settings("http://127.0.0.1:9"),
            new WebhookUrls("https://tribune.example.test"), TwilioFixtures.NOBODY_ELSE);
    final UUID roomId = UUID.randomUUID();
    final UUID userId = UUID.randomUUID();

    Map<String, String> event(String name, String timestamp) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", TwilioFixtures.ACCOUNT_SID);
        params.put("RoomName", roomId.toString());
        params.put("RoomSid", ROOM_SID);
        params.put("RoomStatus", "in-progress");
        params.put("RoomType", "group");
        params.put("StatusCallbackEvent", name);
        params.put("Timestamp", timestamp);
        params.put("SequenceNumber", "3");
        if (name.startsWith("participant-") || name.startsWith("track-")) {
            params.put("ParticipantSid", TwilioFixtures.PARTICIPANT_SID);
            params.put("ParticipantStatus", "participant-disconnected".equals(name) ? "disconnected" : "connected");
            params.put("ParticipantIdentity", userId.toString());
        }
        return params;
    }

    Map<String, String> track(String name, String kind, String timestamp) {
        Map<String, String> params = event(name, timestamp);
        params.put("TrackSid", "MT0123456789abcdef0123456789abcdef");
        params.put("TrackKind", kind);
        return params;
    }

    /** What the core's controller hands over: the raw body and the form parameters parsed from it. */
    static WebhookCall call(String body, String signature) {
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            parsed.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        Map<String, List<String>> headers = signature == null ? Map.of("content-type", List.of("application/x-www-form-urlencoded"))
                : Map.of("content-type", List.of("application/x-www-form-urlencoded"), "x-twilio-signature", List.of(signature));
        return new WebhookCall(URL, headers, body.getBytes(StandardCharsets.UTF_8), parsed);
    }

    List<ProviderReport> signedBy(String token, Map<String, String> params) {
        return provider.webhook(call(form(params), signature(token, URL, params)));
    }

    @Test
    void theTestsOwnSignerReproducesTwiliosPublishedExample() {
        // TwilioDevEd/api-snippets security/signature_validation: auth token 12345, this URL and these parameters
        Map<String, String> params = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675310", "Digits", "1234",
                "From", "+14158675310", "To", "+18005551212");
        assertThat(signature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", params)).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
    }

    @Test
    void aParticipantConnectingIsReportedWithTwiliosOwnTime() {
        assertThat(signedBy(AUTH_TOKEN, event("participant-connected", "2026-11-22T10:15:30.123Z")))
                .containsExactly(new ProviderReport.ParticipantConnected(roomId, userId, Instant.parse("2026-11-22T10:15:30.123Z")));
    }

    @Test
    void aParticipantDisconnectingIsReported() {
        Map<String, String> params = event("participant-disconnected", "2026-11-22T10:20:00Z");
        params.put("ParticipantDuration", "270");
        assertThat(signedBy(AUTH_TOKEN, params))
                .containsExactly(new ProviderReport.ParticipantDisconnected(roomId, userId, Instant.parse("2026-11-22T10:20:00Z")));
    }

    @Test
    void anAudioTrackAddedOrUnpausedIsReportedAsPublished() {
        assertThat(signedBy(AUTH_TOKEN, track("track-added", "audio", "2026-11-22T10:16:00Z")))
                .containsExactly(new ProviderReport.TrackPublished(roomId, userId, "audio", Instant.parse("2026-11-22T10:16:00Z")));
        assertThat(signedBy(AUTH_TOKEN, track("track-enabled", "audio", "2026-11-22T10:17:00Z")))
                .containsExactly(new ProviderReport.TrackPublished(roomId, userId, "audio", Instant.parse("2026-11-22T10:17:00Z")));
        assertThat(signedBy(AUTH_TOKEN, track("track-added", "video", "2026-11-22T10:18:00Z")))
                .as("video is media too: a listener sending it is brought in line the same way")
                .containsExactly(new ProviderReport.TrackPublished(roomId, userId, "video", Instant.parse("2026-11-22T10:18:00Z")));
    }

    @Test
    void theRoomEndingIsReported() {
        Map<String, String> params = event("room-ended", "2026-11-22T11:00:00Z");
        params.put("RoomStatus", "completed");
        params.put("RoomDuration", "3600");
        assertThat(signedBy(AUTH_TOKEN, params)).containsExactly(new ProviderReport.RoomClosed(roomId, Instant.parse("2026-11-22T11:00:00Z")));
    }

    @Test
    void eventsTheCoreDoesNotActOnReportNothing() {
        assertThat(signedBy(AUTH_TOKEN, event("room-created", "2026-11-22T10:00:00Z"))).isEmpty();
        assertThat(signedBy(AUTH_TOKEN, track("track-removed", "audio", "2026-11-22T10:00:00Z"))).isEmpty();
        assertThat(signedBy(AUTH_TOKEN, track("track-disabled", "audio", "2026-11-22T10:00:00Z"))).isEmpty();
        assertThat(signedBy(AUTH_TOKEN, track("track-added", "data", "2026-11-22T10:00:00Z"))).isEmpty();
        assertThat(signedBy(AUTH_TOKEN, event("recording-started", "2026-11-22T10:00:00Z"))).isEmpty();
    }

    @Test
    void roomsAndPeopleThatAreNotTribunesAreIgnored() {
        Map<String, String> otherRoom = event("participant-connected", "2026-11-22T10:00:00Z");
        otherRoom.put("RoomName", "DailyStandup");
        assertThat(signedBy(AUTH_TOKEN, otherRoom)).isEmpty();

        Map<String, String> otherPerson = event("participant-connected", "2026-11-22T10:00:00Z");
        otherPerson.put("ParticipantIdentity", "alice");
        assertThat(signedBy(AUTH_TOKEN, otherPerson)).isEmpty();
    }

    @Test
    void aReplayedCallbackKeepsItsOriginalTimeSoTheCoreSeesItIsStale() {
        Map<String, String> connected = event("participant-connected", "2026-11-22T10:15:00Z");
        Map<String, String> disconnected = event("participant-disconnected", "2026-11-22T10:10:00Z");

        // delivered late and out of order: the reports keep Twilio's Timestamp, never the time of arrival
        List<ProviderReport> first = signedBy(AUTH_TOKEN, connected);
        List<ProviderReport> late = signedBy(AUTH_TOKEN, disconnected);
        List<ProviderReport> replay = signedBy(AUTH_TOKEN, disconnected);

        assertThat(late.getFirst().at()).isBefore(first.getFirst().at());
        assertThat(replay).isEqualTo(late);
    }

    @Test
    void aCallbackSignedWithAnotherSecretIsRejected() {
        assertThatThrownBy(() -> signedBy("some-other-account-auth-token-0123456789", event("participant-connected", "2026-11-22T10:00:00Z")))
                .isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aCallbackWithoutSignatureIsRejected() {
        assertThatThrownBy(() -> provider.webhook(call(form(event("room-ended", "2026-11-22T10:00:00Z")), null)))
                .isInstanceOf(WebhookRejected.class).hasMessageContaining("X-Twilio-Signature");
        assertThatThrownBy(() -> provider.webhook(call(form(event("room-ended", "2026-11-22T10:00:00Z")), "")))
                .isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aBodyChangedAfterSigningIsRejected() {
        Map<String, String> signed = event("participant-disconnected", "2026-11-22T10:00:00Z");
        String signature = signature(AUTH_TOKEN, URL, signed);
        Map<String, String> tampered = new LinkedHashMap<>(signed);
        tampered.put("ParticipantIdentity", UUID.randomUUID().toString());

        assertThatThrownBy(() -> provider.webhook(call(form(tampered), signature))).isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aSignatureForAnotherUrlIsRejected() {
        Map<String, String> params = event("room-ended", "2026-11-22T10:00:00Z");
        String elsewhere = signature(AUTH_TOKEN, "https://attacker.example/api/v1/webhooks/twilio", params);

        assertThatThrownBy(() -> provider.webhook(call(form(params), elsewhere))).isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aBodyThatIsNotAFormIsRejected() {
        String signatureOfNoParams = signature(AUTH_TOKEN, URL, Map.of());
        WebhookCall json = new WebhookCall(URL, Map.of("content-type", List.of("application/json"), "x-twilio-signature", List.of(signatureOfNoParams)),
                "{\"StatusCallbackEvent\":\"room-ended\"}".getBytes(StandardCharsets.UTF_8), Map.of());

        assertThatThrownBy(() -> provider.webhook(json)).isInstanceOf(WebhookRejected.class);
    }
}
