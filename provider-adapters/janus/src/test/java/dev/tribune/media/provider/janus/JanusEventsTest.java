package dev.tribune.media.provider.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tribune.TestDatabase;
import dev.tribune.media.spi.ProviderReport;
import dev.tribune.media.spi.ProviderReport.ParticipantConnected;
import dev.tribune.media.spi.ProviderReport.ParticipantDisconnected;
import dev.tribune.media.spi.WebhookCall;
import dev.tribune.media.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * How Janus's event batches become presence, in the shapes Janus 1.1.2's sample event handler posts (src/events.c; the
 * same events JanusPresenceTest gets from a real Janus and a browser), for what one browser cannot show at once: a
 * listener holds one PeerConnection per speaker, and is gone at Janus only when the last one is.
 */
class JanusEventsTest {

    static final String SCHEMA = "janus_events";
    static JdbcClient jdbc;
    static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000);

    final JanusEvents events = new JanusEvents(JanusTestServer.EVENTS_SECRET, () -> new JanusPeers(jdbc), JsonMapper.builder().build());
    final UUID room = UUID.randomUUID();
    final UUID listener = UUID.randomUUID();
    final long session = IDS.incrementAndGet();
    final long firstFeed = IDS.incrementAndGet();
    final long secondFeed = IDS.incrementAndGet();

    @BeforeAll
    static void schema() {
        String url = TestDatabase.jdbcUrl() + "&currentSchema=" + SCHEMA;
        Flyway.configure().dataSource(url, "postgres", "").schemas(SCHEMA).load().migrate();
        jdbc = JdbcClient.create(new DriverManagerDataSource(url, "postgres", ""));
    }

    private List<ProviderReport> post(String user, String password, String batch) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return events.read(new WebhookCall("https://tribune.example.test/api/v1/webhooks/janus",
                Map.of("authorization", List.of("Basic " + credentials)), batch.getBytes(StandardCharsets.UTF_8), Map.of()));
    }

    private List<ProviderReport> post(String batch) {
        return post(JanusEvents.USER, JanusTestServer.EVENTS_SECRET, batch);
    }

    private static String connection(long session, long handle, String state, long micros) {
        return """
                {"emitter":"Tribune","type":16,"subtype":6,"timestamp":%d,"session_id":%d,"handle_id":%d,"opaque_id":"x",\
                "event":{"connection":"%s"}}""".formatted(micros, session, handle, state);
    }

    private static Instant at(long micros) {
        return Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000);
    }

    private void listenerMadeASessionThroughTheRelay() {
        new JanusSessions(jdbc).record(session, listener, room, Instant.now());
    }

    @Test
    void aListenerIsGoneAtJanusOnlyWhenTheirLastPeerConnectionIs() {
        listenerMadeASessionThroughTheRelay();
        long t = 1_796_461_731_663_995L;

        assertThat(post("[" + connection(session, firstFeed, "webrtcup", t) + "," + connection(session, secondFeed, "webrtcup", t + 10) + "]"))
                .containsExactly(new ParticipantConnected(room, listener, at(t)), new ParticipantConnected(room, listener, at(t + 10)));
        // one speaker left: the other still reaches them
        assertThat(post("[" + connection(session, firstFeed, "hangup", t + 20) + "]")).isEmpty();
        assertThat(post("[" + connection(session, secondFeed, "hangup", t + 30) + "]"))
                .containsExactly(new ParticipantDisconnected(room, listener, at(t + 30)));
    }

    @Test
    void aSessionDestroyedOrTimedOutTakesItsPeerConnectionsWithIt() {
        listenerMadeASessionThroughTheRelay();
        long t = 1_796_461_800_000_000L;
        post("[" + connection(session, firstFeed, "webrtcup", t) + "," + connection(session, secondFeed, "webrtcup", t) + "]");

        assertThat(post("""
                [{"type":1,"timestamp":%d,"session_id":%d,"event":{"name":"timeout"}}]""".formatted(t + 5, session)))
                .containsExactly(new ParticipantDisconnected(room, listener, at(t + 5)));
    }

    @Test
    void janusRestartingMeansNothingIsUp() {
        listenerMadeASessionThroughTheRelay();
        long t = 1_796_461_900_000_000L;
        post("[" + connection(session, firstFeed, "webrtcup", t) + "]");

        assertThat(post("""
                [{"emitter":"Tribune","type":256,"subtype":1,"timestamp":%d,"event":{"status":"started"}}]""".formatted(t + 5)))
                .contains(new ParticipantDisconnected(room, listener, at(t + 5)));
    }

    @Test
    void aSessionNotMadeThroughTheRelayIsNobodysPresence() {
        long t = 1_796_461_950_000_000L;
        assertThat(post("[" + connection(session, firstFeed, "webrtcup", t) + "]")).isEmpty();
        assertThat(post("[" + connection(session, firstFeed, "hangup", t + 1) + "]")).isEmpty();
    }

    @Test
    void onlyJanusWithTheSecretIsBelievedAndNothingChangesOtherwise() {
        listenerMadeASessionThroughTheRelay();
        long t = 1_796_462_000_000_000L;
        String up = "[" + connection(session, firstFeed, "webrtcup", t) + "]";

        assertThatThrownBy(() -> post(JanusEvents.USER, JanusTestServer.EVENTS_SECRET + "x", up)).isInstanceOf(WebhookRejected.class);
        assertThatThrownBy(() -> post("tribune", JanusTestServer.EVENTS_SECRET, up)).isInstanceOf(WebhookRejected.class);
        assertThat(jdbc.sql("SELECT count(*) FROM janus_peers WHERE session_id = ?").param(session).query(Long.class).single()).isZero();
        assertThat(post(up)).containsExactly(new ParticipantConnected(room, listener, at(t)));
    }
}
