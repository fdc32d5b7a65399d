package dev.tribune.media.provider.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tribune.media.spi.ProviderUnavailable;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The adapter's room administration against a real Janus 1.1.2 run with ops/janus. */
class JanusRoomsTest {

    static JanusTestServer janus;

    @BeforeAll
    static void startJanus() throws Exception {
        janus = JanusTestServer.started();
    }

    @AfterAll
    static void stopJanus() throws Exception {
        if (janus != null) {
            janus.close();
        }
    }

    static JanusProperties properties(String url, String secret) {
        return new JanusProperties(url, secret, 16, 500, Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofMillis(500),
                Duration.ofMinutes(10), null);
    }

    static JanusRtcProvider provider(JanusGateway gateway, JanusProperties properties) {
        return new JanusRtcProvider(properties, gateway, new JanusTokens(properties.apiSecret(), properties.tokenTtl(), Clock.systemUTC()),
                () -> null, () -> null);
    }

    static JanusGateway gateway(JanusProperties properties) {
        return new JanusGateway(properties.base(), properties.apiSecret(), properties.connectTimeout(), properties.readTimeout(),
                properties.keepalive(), JsonMapper.builder().build());
    }

    @Test
    void ensureRoomCreatesTheVideoRoomNamedByTheRoomIdOnceAndEndRoomDestroysIt() {
        JanusProperties properties = properties(janus.url(), JanusTestServer.API_SECRET);
        try (JanusGateway gateway = gateway(properties)) {
            JanusRtcProvider provider = provider(gateway, properties);
            UUID room = UUID.randomUUID();

            assertThat(provider.ensureRoom(room)).isEqualTo(room.toString());
            assertThat(janus.exists(room.toString())).isTrue();
            // again (a second join, another instance, a retried outbox row): the same room, no error (427 is fine)
            assertThat(provider.ensureRoom(room)).isEqualTo(room.toString());
            assertThat(janus.participants(room.toString())).isEmpty();

            provider.endRoom(new ProviderRoom(room, room.toString()));
            assertThat(janus.exists(room.toString())).isFalse();
            // already gone (426): done
            provider.endRoom(new ProviderRoom(room, room.toString()));
        }
    }

    @Test
    void reconcilingSomeoneWhoIsNotPublishingIsDone() {
        JanusProperties properties = properties(janus.url(), JanusTestServer.API_SECRET);
        try (JanusGateway gateway = gateway(properties)) {
            JanusRtcProvider provider = provider(gateway, properties);
            UUID room = UUID.randomUUID();
            provider.ensureRoom(room);
            ProviderRoom providerRoom = new ProviderRoom(room, room.toString());
            // kick and moderate of a feed that is not there: 428, which is what was wanted
            provider.reconcile(providerRoom, UUID.randomUUID(), new RtcProvider.ParticipantState(true, false, false));
            provider.reconcile(providerRoom, UUID.randomUUID(), new RtcProvider.ParticipantState(true, true, true));
            provider.endRoom(providerRoom);
        }
    }

    @Test
    void anUnreachableJanusIsProviderUnavailableAndAWrongSecretIsAConfigurationError() {
        JanusProperties closed = properties("http://127.0.0.1:9/janus", JanusTestServer.API_SECRET);
        try (JanusGateway gateway = gateway(closed)) {
            assertThatThrownBy(() -> provider(gateway, closed).ensureRoom(UUID.randomUUID())).isInstanceOf(ProviderUnavailable.class);
        }
        JanusProperties wrong = properties(janus.url(), "a-wrong-api-secret-a-wrong-api-secret-0123");
        try (JanusGateway gateway = gateway(wrong)) {
            assertThatThrownBy(() -> provider(gateway, wrong).ensureRoom(UUID.randomUUID()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("api-secret");
        }
    }

    @Test
    void afterJanusRestartsTheOpenRoomsAreMadeAgain() throws Exception {
        JanusProperties properties = properties(janus.url(), JanusTestServer.API_SECRET);
        try (JanusGateway gateway = gateway(properties)) {
            JanusRtcProvider provider = provider(gateway, properties);
            UUID room = UUID.randomUUID();
            provider.ensureRoom(room);
            gateway.start(() -> provider.recreate(List.of(new ProviderRoom(room, room.toString()))));

            // a session only this test knows tells a new Janus from the old one; its rooms cannot, since the
            // gateway may already have made them again by the time we look
            long marker = janus.newSession();
            janus.kill();
            janus.launch();
            assertThat(janus.sessionAlive(marker)).as("a new Janus, which knows nothing of the old one").isFalse();

            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> janus.exists(room.toString()));
            provider.endRoom(new ProviderRoom(room, room.toString()));
        }
    }
}
