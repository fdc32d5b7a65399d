package dev.tribune.media.provider.twilio;

import static dev.tribune.media.provider.twilio.TwilioFixtures.ACCOUNT_SID;
import static dev.tribune.media.provider.twilio.TwilioFixtures.API_KEY_SECRET;
import static dev.tribune.media.provider.twilio.TwilioFixtures.API_KEY_SID;
import static dev.tribune.media.provider.twilio.TwilioFixtures.ROOM_SID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.SignatureVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.tribune.media.spi.MediaGrant;
import dev.tribune.media.spi.RtcProvider.GrantRequest;
import dev.tribune.media.spi.WebhookUrls;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The access token the browser's twilio-video SDK connects with, checked claim by claim against Twilio's documented
 * format (https://www.twilio.com/docs/iam/access-tokens): HS256 with the API key secret, header
 * {@code cty: twilio-fpa;v=1}, {@code iss} the API key, {@code sub} the account, {@code jti} "key-seconds",
 * {@code grants: {identity, video: {room}}}.
 */
class TwilioTokenTest {

    // nothing listens there: minting a token must not need Twilio
    final TwilioRtcProvider provider = new TwilioConfiguration().twilioRtcProvider(TwilioFixtures.settings("http://127.0.0.1:9"),
            new WebhookUrls("https://tribune.example.test"), TwilioFixtures.NOBODY_ELSE);
    final UUID roomId = UUID.randomUUID();
    final UUID userId = UUID.randomUUID();

    MediaGrant grant(boolean canPublish) {
        return provider.grant(new GrantRequest(roomId, ROOM_SID, userId, "Ada", canPublish));
    }

    DecodedJWT verified(String token) {
        return JWT.require(Algorithm.HMAC256(API_KEY_SECRET)).withIssuer(API_KEY_SID).withSubject(ACCOUNT_SID).build().verify(token);
    }

    @Test
    void theTokenIsSignedWithTheApiKeySecretAndCarriesTwiliosHeader() {
        DecodedJWT token = verified(grant(true).token());

        assertThat(token.getAlgorithm()).isEqualTo("HS256");
        assertThat(token.getType()).isEqualTo("JWT");
        assertThat(token.getContentType()).isEqualTo("twilio-fpa;v=1");
        assertThat(token.getHeaderClaim("twr").isMissing()).as("no region pinned").isTrue();
        assertThatThrownBy(() -> JWT.require(Algorithm.HMAC256("another-secret-of-at-least-32-bytes!!")).build().verify(grant(true).token()))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void theClaimsNameTheKeyTheAccountTheUserAndOnlyThisRoom() {
        Instant before = Instant.now();
        DecodedJWT token = verified(grant(true).token());

        assertThat(token.getIssuer()).isEqualTo(API_KEY_SID);
        assertThat(token.getSubject()).isEqualTo(ACCOUNT_SID);
        assertThat(token.getId()).matches(API_KEY_SID + "-\\d+");
        // twilio-java computes the jti's seconds through a float, which rounds them to a multiple of 128 s
        long jtiSeconds = Long.parseLong(token.getId().substring(API_KEY_SID.length() + 1));
        assertThat(Math.abs(jtiSeconds - before.getEpochSecond())).isLessThanOrEqualTo(130);
        assertThat(token.getClaim("grants").asMap()).isEqualTo(Map.of(
                "identity", userId.toString(),
                "video", Map.of("room", roomId.toString())));
        assertThat(token.getClaims().keySet()).containsExactlyInAnyOrder("iss", "sub", "jti", "exp", "grants");
    }

    @Test
    void theTokenLivesTenMinutesAtMostAndTheGrantSaysWhenItEnds() {
        Instant before = Instant.now().minusSeconds(1);
        MediaGrant grant = grant(true);
        DecodedJWT token = verified(grant.token());

        assertThat(Duration.between(before, token.getExpiresAtAsInstant())).isLessThanOrEqualTo(Duration.ofMinutes(10).plusSeconds(1))
                .isGreaterThan(Duration.ofMinutes(9));
        assertThat(token.getNotBefore()).isNull();
        assertThat(token.getIssuedAt()).as("twilio-java sets no iat; Twilio accepts its own SDK's tokens").isNull();
        assertThat(grant.expiresAt()).isEqualTo(token.getExpiresAtAsInstant());
    }

    @Test
    void aSpeakersGrantMayPublishAndTellsTheClientWhereToConnect() {
        MediaGrant grant = grant(true);

        assertThat(grant.provider()).isEqualTo("twilio");
        assertThat(grant.canPublish()).isTrue();
        assertThat(grant.connection()).isEqualTo(new TwilioConnection("twilio-video", roomId.toString(), ROOM_SID, true, 50));
    }

    @Test
    void aListenersGrantNeverAllowsPublishingAndItsTokenGrantsNothingMore() {
        MediaGrant listener = grant(false);
        DecodedJWT token = verified(listener.token());

        assertThat(listener.canPublish()).isFalse();
        // Twilio's VideoGrant has no publish permission to withhold (only a room): the token grants joining this one
        // room as this identity and nothing else; publishing anyway gets the listener disconnected (TwilioRestApiTest)
        assertThat(token.getClaim("grants").asMap()).containsOnlyKeys("identity", "video");
        assertThat(token.getClaim("grants").asMap().get("video")).isEqualTo(Map.of("room", roomId.toString()));
    }
}
