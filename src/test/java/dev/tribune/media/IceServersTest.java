package dev.tribune.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** TURN credentials in coturn's use-auth-secret scheme (draft-uberti-behave-turn-rest-00). */
class IceServersTest {

    private static final UUID USER = UUID.fromString("01900000-0000-7000-8000-000000000042");

    @Test
    void turnCredentialsAreExpiryColonUserAndTheBase64HmacSha1OfThatUnderTheSharedSecret() {
        // expiry 2026-01-01T00:00:00Z = 1767225600: issued an hour before, with a one-hour lifetime
        Clock clock = Clock.fixed(Instant.ofEpochSecond(1767225600L - 3600), ZoneOffset.UTC);
        IceServers ice = new IceServers(new IceProperties(List.of("stun:stun.example.test:3478"),
                List.of("turn:turn.example.test:3478?transport=udp"), "coturn-static-auth-secret", Duration.ofHours(1)), clock);

        List<Map<String, Object>> servers = ice.forUser(USER);

        assertThat(servers).hasSize(2);
        assertThat(servers.get(0)).containsEntry("urls", List.of("stun:stun.example.test:3478"));
        assertThat(servers.get(1))
                .containsEntry("username", "1767225600:" + USER)
                // computed independently: printf '%s' USERNAME | openssl dgst -sha1 -hmac SECRET -binary | base64
                .containsEntry("credential", "MRh8etix7fmxc/FsvXWLS+pwcOo=");
    }

    @Test
    void withoutATurnSecretNoTurnServerIsHandedOut() {
        IceServers ice = new IceServers(new IceProperties(List.of(), List.of("turn:turn.example.test:3478"), null, Duration.ofHours(1)),
                Clock.systemUTC());
        assertThat(ice.forUser(USER)).isEmpty();
    }
}
