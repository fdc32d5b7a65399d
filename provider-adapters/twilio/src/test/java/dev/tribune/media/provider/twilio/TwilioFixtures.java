package dev.tribune.media.provider.twilio;

import dev.tribune.media.spi.ParticipantStateSource;
import dev.tribune.media.spi.RtcProvider.ParticipantState;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Obviously fake credentials, and Twilio's documented request and response shapes (form parameters in PascalCase,
 * JSON in snake_case; https://www.twilio.com/docs/video/api/rooms, /participants, /publishedtrack; error JSON as
 * twilio-java's RestException reads it), for stubs that stand in for video.twilio.com.
 */
final class TwilioFixtures {

    static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    static final String API_KEY_SID = "SK00000000000000000000000000000002";
    static final String API_KEY_SECRET = "fake-api-key-secret-for-tests-only-0123456789";
    static final String AUTH_TOKEN = "fake-auth-token-for-tests-only-0123456789abcdef";
    static final String ROOM_SID = "RM0123456789abcdef0123456789abcdef";
    static final String PARTICIPANT_SID = "PA0123456789abcdef0123456789abcdef";

    private TwilioFixtures() {
    }

    /** The core's answer for a room in which nobody but the person being reconciled has a seat. */
    static final ParticipantStateSource NOBODY_ELSE = (roomId, userId) -> new ParticipantState(false, false, false);

    static TwilioProperties settings(String baseUrl) {
        return new TwilioProperties(ACCOUNT_SID, API_KEY_SID, API_KEY_SECRET, AUTH_TOKEN, baseUrl, Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    /** A Room resource as GET/POST /v1/Rooms answer it. */
    static String room(String sid, String uniqueName, String status) {
        return """
                {"sid": "%1$s", "status": "%3$s", "date_created": "2026-11-22T10:00:00Z", "date_updated": "2026-11-22T10:00:00Z",
                 "account_sid": "%4$s", "audio_only": false, "duration": null, "empty_room_timeout": 5, "enable_turn": true,
                 "end_time": null, "large_room": false, "max_concurrent_published_tracks": 16, "max_participant_duration": 14400,
                 "max_participants": 50, "media_region": "us1", "record_participants_on_connect": false,
                 "status_callback": "https://tribune.example.test/api/v1/webhooks/twilio", "status_callback_method": "POST",
                 "type": "group", "unique_name": "%2$s", "unused_room_timeout": 5, "video_codecs": ["VP8", "H264"],
                 "url": "https://video.twilio.com/v1/Rooms/%1$s",
                 "links": {"participants": "https://video.twilio.com/v1/Rooms/%1$s/Participants",
                           "recordings": "https://video.twilio.com/v1/Rooms/%1$s/Recordings"}}
                """.formatted(sid, uniqueName, status, ACCOUNT_SID);
    }

    static String participant(String roomSid, String sid, String identity, String status) {
        return """
                {"sid": "%2$s", "room_sid": "%1$s", "account_sid": "%4$s", "status": "%5$s", "identity": "%3$s",
                 "date_created": "2026-11-22T10:00:00Z", "date_updated": "2026-11-22T10:00:00Z", "start_time": "2026-11-22T10:00:00Z",
                 "end_time": null, "duration": null, "url": "https://video.twilio.com/v1/Rooms/%1$s/Participants/%2$s",
                 "links": {"published_tracks": "https://video.twilio.com/v1/Rooms/%1$s/Participants/%2$s/PublishedTracks",
                           "subscribed_tracks": "https://video.twilio.com/v1/Rooms/%1$s/Participants/%2$s/SubscribedTracks",
                           "subscribe_rules": "https://video.twilio.com/v1/Rooms/%1$s/Participants/%2$s/SubscribeRules"}}
                """.formatted(roomSid, sid, identity, ACCOUNT_SID, status);
    }

    static String track(String roomSid, String participantSid, String sid, String kind, boolean enabled) {
        return """
                {"sid": "%3$s", "participant_sid": "%2$s", "room_sid": "%1$s", "name": "%4$s-track", "kind": "%4$s",
                 "enabled": %5$s, "date_created": "2026-11-22T10:00:00Z", "date_updated": "2026-11-22T10:00:00Z",
                 "url": "https://video.twilio.com/v1/Rooms/%1$s/Participants/%2$s/PublishedTracks/%3$s"}
                """.formatted(roomSid, participantSid, sid, kind, enabled);
    }

    /** A list page: the records under their key, and Twilio's {@code meta} block. */
    static String page(String key, String url, String... records) {
        return """
                {"%1$s": [%3$s], "meta": {"page": 0, "page_size": 50, "first_page_url": "%2$s?PageSize=50&Page=0",
                 "previous_page_url": null, "url": "%2$s?PageSize=50&Page=0", "next_page_url": null, "key": "%1$s"}}
                """.formatted(key, url, String.join(", ", records));
    }

    /** Twilio's error body: code, message, more_info, status (the fields twilio-java's RestException reads). */
    static String error(int status, int code, String message) {
        return """
                {"code": %2$d, "message": "%3$s", "more_info": "https://www.twilio.com/docs/errors/%2$d", "status": %1$d}
                """.formatted(status, code, message);
    }

    /**
     * X-Twilio-Signature computed here, not with twilio-java's validator (which the adapter uses), so a wrong
     * validator cannot agree with itself: base64(HMAC-SHA1(auth token, URL + name1 + value1 + name2 + value2 ...)),
     * names sorted (https://www.twilio.com/docs/usage/webhooks/webhooks-security).
     */
    static String signature(String authToken, String url, Map<String, String> params) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body Twilio posts: form-encoded, as the core's controller receives it. */
    static String form(Map<String, String> params) {
        StringBuilder body = new StringBuilder();
        params.forEach((name, value) -> {
            if (!body.isEmpty()) {
                body.append('&');
            }
            body.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return body.toString();
    }
}
