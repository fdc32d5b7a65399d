package dev.tribune.media.provider.janus;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.tribune.media.spi.MediaGrant;
import dev.tribune.media.spi.RelayOnlyIceServers;
import dev.tribune.media.spi.RtcProvider.GrantRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The grant's token and connection as janus-contract.md has them; minted locally, checked by the relay. */
class JanusTokensTest {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final JanusTokens tokens = new JanusTokens(JanusTestServer.API_SECRET, Duration.ofMinutes(10), clock);
    final UUID user = UUID.randomUUID();
    final UUID room = UUID.randomUUID();

    @Test
    void theTokenIsAnHs256JwtForTheUserAndRoomSignedWithAKeyDerivedFromTheApiSecret() {
        JanusTokens.Minted minted = tokens.mint(user, room);
        DecodedJWT token = ((JWTVerifier.BaseVerification) JWT.require(
                Algorithm.HMAC256(JanusTokens.key(JanusTestServer.API_SECRET)))).build(clock).verify(minted.token());
        assertThat(token.getAlgorithm()).isEqualTo("HS256");
        assertThat(token.getSubject()).isEqualTo(user.toString());
        assertThat(token.getClaim("room").asString()).isEqualTo(room.toString());
        assertThat(token.getExpiresAtAsInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(10))).isEqualTo(minted.expiresAt());
        // the API secret itself does not verify it: the key is HMAC-SHA256(api-secret, "tribune janus grant")
        assertThat(JanusTokens.key(JanusTestServer.API_SECRET)).isNotEqualTo(JanusTestServer.API_SECRET.getBytes());
    }

    @Test
    void anyInstanceWithTheSameSecretAcceptsItUntilItExpires() {
        String token = tokens.mint(user, room).token();
        JanusTokens another = new JanusTokens(JanusTestServer.API_SECRET, Duration.ofMinutes(10), clock);
        assertThat(another.check(token)).contains(new JanusTokens.Holder(user, room));

        JanusTokens later = new JanusTokens(JanusTestServer.API_SECRET, Duration.ofMinutes(10),
                Clock.fixed(NOW.plus(Duration.ofMinutes(10)).plusSeconds(1), ZoneOffset.UTC));
        assertThat(later.check(token)).isEmpty();
        JanusTokens otherSecret = new JanusTokens("another-secret-another-secret-another-0123", Duration.ofMinutes(10), clock);
        assertThat(otherSecret.check(token)).isEmpty();
        assertThat(tokens.check(token + "x")).isEmpty();
        assertThat(tokens.check(null)).isEmpty();
        assertThat(tokens.check("")).isEmpty();
    }

    @Test
    void aLifetimeOverTenMinutesIsCut() {
        JanusTokens generous = new JanusTokens(JanusTestServer.API_SECRET, Duration.ofHours(1), clock);
        assertThat(generous.mint(user, room).expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void theGrantCarriesTheContractsConnection() {
        JanusProperties properties = JanusRoomsTest.properties("http://10.0.0.2:8088/janus", JanusTestServer.API_SECRET);
        try (JanusGateway gateway = JanusRoomsTest.gateway(properties)) {
            JanusRtcProvider provider = new JanusRtcProvider(properties, gateway, tokens, () -> null, () -> null);
            MediaGrant grant = provider.grant(new GrantRequest(room, room.toString(), user, "Ada", false));
            assertThat(grant.provider()).isEqualTo("janus");
            assertThat(grant.canPublish()).isFalse();
            assertThat(grant.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
            assertThat(grant.connection()).isEqualTo(new JanusConnection("/janus", room.toString(), List.of(), "all"));
            assertThat(tokens.check(grant.token())).contains(new JanusTokens.Holder(user, room));
            assertThat(JsonMapper.builder().build().writeValueAsString(grant.connection())).doesNotContain("10.0.0.2");
        }
    }

    @Test
    void relayOnlyIceServersReachJanusJsWithTheirPolicy() {
        JanusProperties properties = JanusRoomsTest.properties("http://10.0.0.2:8088/janus", JanusTestServer.API_SECRET);
        try (JanusGateway gateway = JanusRoomsTest.gateway(properties)) {
            RelayOnlyIceServers ice = new RelayOnlyIceServers();
            JanusRtcProvider provider = new JanusRtcProvider(properties, gateway, tokens, () -> null, () -> ice);
            MediaGrant grant = provider.grant(new GrantRequest(room, room.toString(), user, "Ada", true));
            assertThat(grant.connection()).isEqualTo(new JanusConnection("/janus", room.toString(), ice.forUser(user), "relay"));
        }
    }
}
