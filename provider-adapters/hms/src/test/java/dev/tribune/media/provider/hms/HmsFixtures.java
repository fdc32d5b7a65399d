package dev.tribune.media.provider.hms;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Obviously fake 100ms settings and the checks every test shares. */
final class HmsFixtures {

    static final String ACCESS_KEY = "test-access-key-0000000000";
    static final String APP_SECRET = "test-app-secret-test-app-secret-0123456789";
    static final String TEMPLATE_ID = "65f0c0ffee0000000000aaaa";
    static final String WEBHOOK_HEADER = "X-Tribune-Webhook-Secret";
    static final String WEBHOOK_SECRET = "test-webhook-secret-test-webhook-secret-0123";
    static final String PUBLIC_URL = "https://tribune.example.test";

    private HmsFixtures() {
    }

    /** The read timeout is well above a loaded CI machine's pauses and well below the slow-answer test's 3 s. */
    static HmsProperties properties(String baseUrl) {
        return new HmsProperties(ACCESS_KEY, APP_SECRET, TEMPLATE_ID, "speaker", "listener", WEBHOOK_HEADER, WEBHOOK_SECRET,
                URI.create(baseUrl), Duration.ofSeconds(1), Duration.ofMillis(1_500));
    }

    /** A template as 100ms' "Retrieve a template" documents it, with the two roles' publish permissions given. */
    static String template(String speakerAllowed, String listenerAllowed) {
        return """
                {
                  "id": "%1$s",
                  "name": "tribune-audio-rooms",
                  "customerId": "627cdddff2e4e30487862ad1",
                  "roles": {
                    "speaker": {
                      "name": "speaker",
                      "publishParams": {"allowed": %2$s, "audio": {"bitRate": 32, "codec": "opus"}},
                      "subscribeParams": {"subscribeToRoles": ["speaker"], "maxSubsBitRate": 3200},
                      "permissions": {"endRoom": false, "removeOthers": false, "mute": false, "unmute": false, "changeRole": false},
                      "priority": 1,
                      "maxPeerCount": 0
                    },
                    "listener": {
                      "name": "listener",
                      "publishParams": {"allowed": %3$s, "audio": {"bitRate": 32, "codec": "opus"}},
                      "subscribeParams": {"subscribeToRoles": ["speaker"], "maxSubsBitRate": 3200},
                      "permissions": {"endRoom": false, "removeOthers": false, "mute": false, "unmute": false, "changeRole": false},
                      "priority": 2,
                      "maxPeerCount": 0
                    }
                  },
                  "settings": {"region": "auto"},
                  "createdAt": "2026-01-12T10:47:18.588Z",
                  "updatedAt": "2026-01-12T10:47:18.588Z"
                }""".formatted(TEMPLATE_ID, speakerAllowed, listenerAllowed);
    }

    static String goodTemplate() {
        return template("[\"audio\"]", "[]");
    }

    /** A room as "Create via API" answers it. */
    static String room(String id, String name, boolean enabled) {
        return """
                {
                  "id": "%s",
                  "name": "%s",
                  "enabled": %s,
                  "description": "",
                  "customer_id": "627cdddff2e4e30487862ad1",
                  "app_id": "62510797903d857ab8ec3ba5",
                  "recording_info": {"enabled": false},
                  "template_id": "%s",
                  "template": "tribune-audio-rooms",
                  "region": "us",
                  "created_at": "2026-11-22T11:41:08.082Z",
                  "updated_at": "2026-11-22T11:41:08.074Z"
                }""".formatted(id, name, enabled, TEMPLATE_ID);
    }

    /** "List peers": one peer of the user, keyed by peer id. */
    static String peers(String peerId, String userId, String role) {
        return """
                {"peers": {"%1$s": {"id": "%1$s", "name": "Someone", "user_id": "%2$s", "metadata": "", "role": "%3$s",
                  "joined_at": "2026-11-22T12:06:34.080990401Z"}}}""".formatted(peerId, userId, role);
    }

    /** The Authorization header of a REST call carries a management token of ours, signed with the app secret. */
    static DecodedJWT assertManagementToken(String authorization) {
        assertThat(authorization).startsWith("Bearer ");
        DecodedJWT token = JWT.require(Algorithm.HMAC256(APP_SECRET))
                .withClaim("access_key", ACCESS_KEY)
                .withClaim("type", "management")
                .withClaim("version", 2)
                .build()
                .verify(authorization.substring("Bearer ".length()));
        assertThat(token.getAlgorithm()).isEqualTo("HS256");
        assertThat(token.getId()).isNotBlank();
        assertThat(token.getClaim("room_id").isMissing()).as("a management token names no room").isTrue();
        return token;
    }

    /** A clock tests move by hand. */
    static final class MovableClock extends Clock {

        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
