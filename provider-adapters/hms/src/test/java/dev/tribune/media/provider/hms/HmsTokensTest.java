package dev.tribune.media.provider.hms;

import static dev.tribune.media.provider.hms.HmsFixtures.ACCESS_KEY;
import static dev.tribune.media.provider.hms.HmsFixtures.APP_SECRET;
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
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The tokens follow 100ms' documented format (Authentication and Tokens): HS256 with the app secret, claims
 * access_key, type, version 2, jti, iat, nbf, exp; app tokens add room_id, user_id and role.
 */
class HmsTokensTest {

    private final HmsFixtures.MovableClock clock = new HmsFixtures.MovableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final HmsTokens tokens = new HmsTokens(ACCESS_KEY, APP_SECRET, clock);
    private final HmsRtcProvider provider = new HmsRtcProvider(HmsFixtures.properties("http://127.0.0.1:9/v2"),
            null /* grants never reach the vendor */, tokens, new WebhookUrls(HmsFixtures.PUBLIC_URL));

    private final UUID room = UUID.randomUUID();
    private final UUID user = UUID.randomUUID();

    @Test
    void aSpeakersGrantIsAnAppTokenForTheSpeakerRoleInThe100msRoom() {
        MediaGrant grant = provider.grant(new GrantRequest(room, "6720a1b2c3d4e5f6a7b8c9d0", user, "Ada", true));

        DecodedJWT token = JWT.require(Algorithm.HMAC256(APP_SECRET)).build().verify(grant.token());
        assertThat(token.getHeaderClaim("alg").asString()).isEqualTo("HS256");
        assertThat(token.getHeaderClaim("typ").asString()).isEqualTo("JWT");
        assertThat(token.getClaim("access_key").asString()).isEqualTo(ACCESS_KEY);
        assertThat(token.getClaim("room_id").asString()).isEqualTo("6720a1b2c3d4e5f6a7b8c9d0");
        assertThat(token.getClaim("user_id").asString()).isEqualTo(user.toString());
        assertThat(token.getClaim("role").asString()).isEqualTo("speaker");
        assertThat(token.getClaim("type").asString()).isEqualTo("app");
        assertThat(token.getClaim("version").asInt()).isEqualTo(2);
        assertThat(UUID.fromString(token.getId())).isNotNull();
        assertThat(token.getClaims().keySet())
                .containsExactlyInAnyOrder("access_key", "room_id", "user_id", "role", "type", "version", "jti", "iat", "nbf", "exp");

        assertThat(grant.provider()).isEqualTo("hms");
        assertThat(grant.canPublish()).isTrue();
        assertThat(grant.expiresAt()).isEqualTo(token.getExpiresAtAsInstant());
        assertThat(grant.connection()).isEqualTo(new HmsConnection("6720a1b2c3d4e5f6a7b8c9d0", "speaker",
                "@100mslive/hms-video-store", "Ada"));
    }

    @Test
    void aListenersGrantNeverAllowsPublishing() {
        MediaGrant grant = provider.grant(new GrantRequest(room, "6720a1b2c3d4e5f6a7b8c9d0", user, "Bo", false));

        DecodedJWT token = JWT.require(Algorithm.HMAC256(APP_SECRET)).build().verify(grant.token());
        assertThat(token.getClaim("role").asString()).isEqualTo("listener");
        assertThat(grant.canPublish()).isFalse();
        assertThat(((HmsConnection) grant.connection()).role()).isEqualTo("listener");
    }

    @Test
    void aGrantLivesTenMinutesAtMostAndIsValidFromSlightlyBeforeNow() {
        MediaGrant grant = provider.grant(new GrantRequest(room, "r", user, "Cy", true));
        DecodedJWT token = JWT.decode(grant.token());

        assertThat(Duration.between(token.getIssuedAtAsInstant(), token.getExpiresAtAsInstant())).isLessThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(Duration.between(token.getNotBeforeAsInstant(), token.getExpiresAtAsInstant())).isLessThanOrEqualTo(Duration.ofMinutes(10));
        assertThat(token.getExpiresAtAsInstant()).isAfter(clock.instant().plus(Duration.ofMinutes(9)));
        // a vendor clock a few seconds behind ours must not find it "not yet valid"
        assertThat(token.getNotBeforeAsInstant()).isBefore(clock.instant()).isEqualTo(token.getIssuedAtAsInstant());
    }

    @Test
    void aTokenSignedWithAnotherSecretDoesNotVerify() {
        MediaGrant grant = provider.grant(new GrantRequest(room, "r", user, "Di", true));

        assertThatThrownBy(() -> JWT.require(Algorithm.HMAC256("another-secret-another-secret-0123456789")).build().verify(grant.token()))
                .isInstanceOf(SignatureVerificationException.class);
    }

    @Test
    void theManagementTokenFollowsTheDocumentedFormat() {
        DecodedJWT token = HmsFixtures.assertManagementToken("Bearer " + tokens.management());

        assertThat(token.getClaims().keySet()).containsExactlyInAnyOrder("access_key", "type", "version", "jti", "iat", "nbf", "exp");
        assertThat(Duration.between(token.getNotBeforeAsInstant(), token.getExpiresAtAsInstant())).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void theManagementTokenIsReusedAndRenewedFiveMinutesBeforeItRunsOut() {
        String first = tokens.management();
        clock.advance(Duration.ofMinutes(50));
        assertThat(tokens.management()).as("still 10 minutes left").isEqualTo(first);

        clock.advance(Duration.ofMinutes(5).minusSeconds(10));
        String renewed = tokens.management();
        assertThat(renewed).as("5 minutes left: renewed").isNotEqualTo(first);
        DecodedJWT decoded = JWT.decode(renewed);
        Algorithm.HMAC256(APP_SECRET).verify(decoded);
        assertThat(decoded.getIssuedAtAsInstant()).isEqualTo(clock.instant().minusSeconds(10));
        assertThat(decoded.getId()).isNotEqualTo(JWT.decode(first).getId());
    }

    @Test
    void aRefusedManagementTokenIsReplacedOnce() {
        String first = tokens.management();
        tokens.managementRefused(first);
        String second = tokens.management();
        assertThat(second).isNotEqualTo(first);

        // another caller reporting the old token again does not throw away the new one
        tokens.managementRefused(first);
        assertThat(tokens.management()).isEqualTo(second);
    }
}
