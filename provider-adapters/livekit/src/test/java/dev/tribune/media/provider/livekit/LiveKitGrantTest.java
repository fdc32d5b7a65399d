package dev.tribune.media.provider.livekit;

import static dev.tribune.media.provider.livekit.LiveKitTestKit.API_KEY;
import static dev.tribune.media.provider.livekit.LiveKitTestKit.CLOCK;
import static dev.tribune.media.provider.livekit.LiveKitTestKit.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.tribune.media.spi.MediaGrant;
import dev.tribune.media.spi.RtcProvider.GrantRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Join tokens in LiveKit's format (protocol auth/accesstoken.go, grants.go): HS256, iss = API key, sub = identity,
 * the permissions in {@code video}. Minted locally: no server is involved (the API URL points nowhere).
 */
class LiveKitGrantTest {

    static final UUID ROOM = UUID.fromString("0196a3b2-7c41-7d2e-9f00-00000000a001");
    static final UUID USER = UUID.fromString("0196a3b2-7c41-7d2e-9f00-00000000b002");

    final LiveKitRtcProvider provider = LiveKitTestKit.provider(
            LiveKitTestKit.properties("wss://livekit.tribune.test", "http://127.0.0.1:9"), CLOCK);

    MediaGrant grant(boolean canPublish) {
        return provider.grant(new GrantRequest(ROOM, ROOM.toString(), USER, "Ada Lovelace", canPublish));
    }

    @Test
    void aSpeakersTokenMayPublishTheMicrophoneOnly() {
        MediaGrant grant = grant(true);
        DecodedJWT token = LiveKitTestKit.verified(grant.token(), CLOCK);

        assertThat(token.getAlgorithm()).isEqualTo("HS256");
        assertThat(token.getType()).isEqualTo("JWT");
        assertThat(token.getIssuer()).isEqualTo(API_KEY);
        assertThat(token.getSubject()).isEqualTo(USER.toString());
        assertThat(token.getClaim("name").asString()).isEqualTo("Ada Lovelace");
        assertThat(token.getClaims()).containsOnlyKeys("iss", "sub", "name", "nbf", "iat", "exp", "video");
        assertThat(token.getClaim("video").asMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "room", ROOM.toString(),
                "roomJoin", true,
                "canSubscribe", true,
                "canPublish", true,
                "canPublishData", false,
                "canPublishSources", List.of("microphone")));
        assertThat(grant.canPublish()).isTrue();
    }

    @Test
    void aListenersTokenSaysItMayNotPublishBecauseLiveKitAllowsWhatIsLeftUnset() {
        MediaGrant grant = grant(false);
        Map<String, Object> video = LiveKitTestKit.verified(grant.token(), CLOCK).getClaim("video").asMap();

        assertThat(video).containsEntry("canPublish", false).containsEntry("canPublishData", false)
                .containsEntry("canSubscribe", true).containsEntry("roomJoin", true).containsEntry("room", ROOM.toString())
                .doesNotContainKey("canPublishSources")
                .doesNotContainKeys("roomAdmin", "roomCreate", "roomList", "roomRecord", "hidden", "recorder", "canUpdateOwnMetadata");
        assertThat(grant.canPublish()).isFalse();
    }

    @Test
    void aTokenLivesTenMinutesFromNowAndSaysSo() {
        MediaGrant grant = grant(true);
        DecodedJWT token = JWT.decode(grant.token());

        assertThat(token.getIssuedAtAsInstant()).isEqualTo(NOW);
        assertThat(token.getNotBeforeAsInstant()).isEqualTo(NOW);
        assertThat(token.getExpiresAtAsInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(Duration.between(token.getIssuedAtAsInstant(), token.getExpiresAtAsInstant())).isLessThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(grant.expiresAt()).isEqualTo(token.getExpiresAtAsInstant());
    }

    @Test
    void theClientIsToldWhereToConnectAndToWhichRoom() {
        MediaGrant grant = grant(false);

        assertThat(grant.provider()).isEqualTo("livekit");
        assertThat(grant.connection()).isEqualTo(new LiveKitConnection("wss://livekit.tribune.test", ROOM.toString(), "livekit-client"));
    }

    @Test
    void onlyTheApiSecretSignsIt() {
        String token = grant(true).token();

        assertThatThrownBy(() -> JWT.require(Algorithm.HMAC256("another-secret-another-secret-0123456789")).build().verify(token))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void aGuestWithoutADisplayNameGetsNoNameClaim() {
        MediaGrant grant = provider.grant(new GrantRequest(ROOM, ROOM.toString(), USER, null, false));

        assertThat(JWT.decode(grant.token()).getClaims()).doesNotContainKey("name");
    }
}
