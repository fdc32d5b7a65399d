package dev.tribune.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import dev.tribune.media.spi.IceServers.IceServer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** TURN credentials in coturn's use-auth-secret scheme (draft-uberti-behave-turn-rest-00). */
class ConfiguredIceServersTest {

    private static final UUID USER = UUID.fromString("01900000-0000-7000-8000-000000000042");

    @Test
    void turnCredentialsAreExpiryColonUserAndTheBase64HmacSha1OfThatUnderTheSharedSecret() {
        // expiry 2026-01-01T00:00:00Z = 1767225600: issued an hour before, with a one-hour lifetime
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1767225600L - 3600), ZoneOffset.UTC);
        ConfiguredIceServers ice = new ConfiguredIceServers(new IceProperties(List.of("stun:stun.example.test:3478"),
                List.of("turn:turn.example.test:3478?transport=udp"), "coturn-static-auth-secret", Duration.ofHours(1), "all"), clock);

        List<IceServer> servers = ice.forUser(USER);

        assertThat(servers).hasSize(2);
        assertThat(servers.get(0).urls()).isEqualTo(List.of("stun:stun.example.test:3478"));
        assertThat(servers.get(1).urls()).isEqualTo(List.of("turn:turn.example.test:3478?transport=udp"));
        assertThat(servers.get(1).username()).isEqualTo("1767225600:" + USER);
        // computed independently: printf '%s' USERNAME | openssl dgst -sha1 -hmac SECRET -binary | base64
        assertThat(servers.get(1).credential()).isEqualTo("MRh8etix7fmxc/FsvXWLS+pwcOo=");
    }

    @Test
    void aStunServerIsOnlyItsUrlsInJsonAndATurnServerCarriesItsCredentials() {
        JsonMapper json = JsonMapper.builder().build();
        assertThat(json.writeValueAsString(IceServer.stun(List.of("stun:stun.example.test:3478"))))
                .isEqualTo("{\"urls\":[\"stun:stun.example.test:3478\"]}");
        assertThat(json.readValue(json.writeValueAsString(new IceServer(List.of("turn:t.test"), "1:u", "c")), Map.class))
                .isEqualTo(Map.of("urls", List.of("turn:t.test"), "username", "1:u", "credential", "c"));
    }

    @Test
    void withoutATurnSecretNoTurnServerIsHandedOut() {
        ConfiguredIceServers ice = new ConfiguredIceServers(new IceProperties(List.of(), List.of("turn:turn.example.test:3478"), null, Duration.ofHours(1), "all"),
                Clock.systemUTC());
        assertThat(ice.forUser(USER)).isEmpty();
    }

    @Test
    void theTransportPolicyIsTheOperatorsSetting() {
        IceProperties relayOnly = new IceProperties(List.of(), List.of("turn:turn.example.test:3478"), "coturn-static-auth-secret",
                Duration.ofHours(1), "relay");
        assertThat(new ConfiguredIceServers(relayOnly, Clock.systemUTC()).transportPolicy()).isEqualTo("relay");
    }
}
