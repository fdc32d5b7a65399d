package dev.tribune.media.provider.janus;

import dev.tribune.TestDatabase;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import dev.tribune.media.spi.RtcProviderContract;
import dev.tribune.media.spi.WebhookCall;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Janus keeps the contract every provider keeps, against a real Janus 1.1.2 run with ops/janus. Participants are put
 * in the real VideoRoom without a browser (JanusParticipant); the sessions the adapter destroys for someone gone are
 * found, as in the service, in {@code janus_sessions}, here in a schema of this test's own.
 */
class JanusProviderContractTest extends RtcProviderContract {

    static final String SCHEMA = "janus_contract";

    static JanusTestServer janus;
    static JdbcClient jdbc;

    private final List<JanusGateway> gateways = new ArrayList<>();
    private final Map<UUID, JanusParticipant> participants = new HashMap<>();

    @BeforeAll
    static void startJanus() throws Exception {
        janus = JanusTestServer.started();
        String url = TestDatabase.jdbcUrl() + "&currentSchema=" + SCHEMA;
        Flyway.configure().dataSource(url, "postgres", "").schemas(SCHEMA).load().migrate();
        jdbc = JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
    }

    @AfterAll
    static void stopJanus() throws Exception {
        if (janus != null) {
            janus.close();
        }
    }

    @AfterEach
    void closeGateways() {
        gateways.forEach(JanusGateway::close);
    }

    private RtcProvider at(String url) {
        return at(url, JanusTestServer.API_SECRET);
    }

    private RtcProvider at(String url, String apiSecret) {
        JanusProperties properties = JanusRoomsTest.properties(url, apiSecret);
        JanusGateway gateway = JanusRoomsTest.gateway(properties);
        gateways.add(gateway);
        return new JanusRtcProvider(properties, gateway, new JanusTokens(properties.apiSecret(), properties.tokenTtl(), Clock.systemUTC()),
                () -> new JanusSessions(jdbc), () -> null,
                new JanusEvents(JanusTestServer.EVENTS_SECRET, () -> new JanusPeers(jdbc), JsonMapper.builder().build()));
    }

    /** What Janus's event handler posts, with basic auth of the right user and a password that is not ours. */
    @Override
    protected WebhookCall forgedWebhook() {
        String forged = Base64.getEncoder().encodeToString((JanusEvents.USER + ":" + JanusTestServer.EVENTS_SECRET + "x")
                .getBytes(StandardCharsets.UTF_8));
        return new WebhookCall("https://tribune.example.test/api/v1/webhooks/janus",
                Map.of("authorization", List.of("Basic " + forged), "content-type", List.of("application/json")),
                "[{\"type\":256,\"timestamp\":1,\"event\":{\"status\":\"started\"}}]".getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Override
    protected RtcProvider provider() {
        return at(janus.url());
    }

    /** Nothing listens at that port: connection refused. */
    @Override
    protected Optional<RtcProvider> unreachableProvider() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Optional.of(at("http://127.0.0.1:" + socket.getLocalPort() + "/janus"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real Janus, asked with another API secret than its own: it answers error 403. */
    @Override
    protected Optional<RtcProvider> providerWithRefusedCredentials() {
        return Optional.of(at(janus.url(), "not-this-janus-api-secret-not-this-one-0123456789"));
    }

    /** A speaker joins the VideoRoom as a publisher with an audio offer; a listener holds a session and a handle. */
    @Override
    protected void connectAtVendor(ProviderRoom room, UUID user, boolean publishing) {
        JanusSessions sessions = new JanusSessions(jdbc);
        participants.put(user, publishing
                ? JanusParticipant.speaker(janus, sessions, room.providerRoomId(), room.roomId(), user)
                : JanusParticipant.listener(janus, sessions, room.providerRoomId(), room.roomId(), user));
    }

    /**
     * Connected: Janus still has their session. May be heard: nothing at Janus withholds their audio, that is, for a
     * speaker, still a publisher in the room (not kicked) and not moderated muted; for a listener, in session and never
     * kicked or muted. Janus itself keeps no publishing permission: the relay reads the role on each request
     * (JanusApiTest), which is why promotion needs nothing from Janus.
     */
    @Override
    protected AtVendor atVendor(ProviderRoom room, UUID user) {
        JanusParticipant participant = participants.get(user);
        boolean connected = participant.connected();
        boolean heard = connected && (!participant.isPublisher() || participant.publishingUnmuted());
        return new AtVendor(connected, heard);
    }
}
