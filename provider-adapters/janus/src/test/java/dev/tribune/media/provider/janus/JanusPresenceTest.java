package dev.tribune.media.provider.janus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import com.microsoft.playwright.BrowserContext;
import dev.tribune.ApiTest;
import dev.tribune.e2e.Chromium;
import dev.tribune.e2e.E2e;
import dev.tribune.e2e.RoomPage;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Presence in Janus rooms comes from Janus itself: a real Janus (ops/janus, in a network namespace of the test's making)
 * whose sample event handler posts to the service under test, listening on the host side of the namespace's veth, and
 * a real Chromium page of the web client. Whether the participant is connected at the provider is read where the
 * presence sweeper reads it ({@code participants.provider_connected}); the page's event socket stays open throughout,
 * so what changes it is Janus's word alone.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class JanusPresenceTest extends ApiTest {

    /**
     * Every RTCPeerConnection the page makes, so the test can drop them as a lost network would (its socket untouched);
     * while {@code __hold} is set, new offers wait for it, so the test sees the absence before the client republishes.
     */
    private static final String KEEP_PEER_CONNECTIONS = """
            (() => {
              const Native = window.RTCPeerConnection;
              window.__peerConnections = [];
              window.__hold = null;
              window.RTCPeerConnection = class extends Native {
                constructor(...args) { super(...args); window.__peerConnections.push(this); }
                createOffer(...args) {
                  const offer = () => super.createOffer(...args);
                  return window.__hold ? window.__hold.then(offer) : offer();
                }
              };
            })();""";

    private static final String DROP_AND_HOLD = """
            () => {
              window.__hold = new Promise(resolve => { window.__release = resolve; });
              window.__peerConnections.forEach(pc => pc.close());
            }""";

    static JanusTestServer janus;

    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void network() throws Exception {
        E2e.need(JanusPresenceTest.class.getResource("/static/index.html") != null,
                "the web client is not built (web-client/, built by the Maven build)");
        janus = JanusTestServer.prepared();
    }

    @AfterAll
    static void stopJanus() throws Exception {
        if (janus != null) {
            janus.close();
        }
    }

    @DynamicPropertySource
    static void janusSettings(DynamicPropertyRegistry registry) {
        JanusTestServer.serviceSettings(registry, () -> janus);
        registry.add("tribune.rtc.janus.events-secret", () -> JanusTestServer.EVENTS_SECRET);
    }

    /** Janus starts once the service listens: its event handler posts to the service's port. */
    @BeforeEach
    void janusPostingHere() throws Exception {
        if (!janus.running()) {
            janus.launchPostingEventsTo(origin() + "/api/v1/webhooks/janus");
        }
    }

    private String origin() {
        return "http://" + janus.network().hostAddress() + ":" + port;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private int postEvents(Optional<String> authorization) {
        var request = client.post().uri("/api/v1/webhooks/janus").contentType(MediaType.APPLICATION_JSON);
        if (authorization.isPresent()) {
            request = request.header("Authorization", authorization.get());
        }
        return request.body("[]").exchange().returnResult(Void.class).getStatus().value();
    }

    @Test
    void eventsWithoutJanusCredentialsAreRefused() {
        assertThat(postEvents(Optional.empty())).isEqualTo(401);
        assertThat(postEvents(Optional.of(basic(JanusEvents.USER, JanusTestServer.EVENTS_SECRET + "x")))).isEqualTo(401);
        assertThat(postEvents(Optional.of(basic("someone", JanusTestServer.EVENTS_SECRET)))).isEqualTo(401);
        assertThat(postEvents(Optional.of("Bearer " + JanusTestServer.EVENTS_SECRET))).isEqualTo(401);
        assertThat(postEvents(Optional.of(basic(JanusEvents.USER, JanusTestServer.EVENTS_SECRET)))).isEqualTo(200);
    }

    private record AtProvider(boolean connected, Timestamp seenAt, boolean present) {
    }

    private AtProvider atProvider(String room, String user) {
        return jdbc.sql("SELECT provider_connected, provider_seen_at, present FROM participants WHERE room_id = ? AND user_id = ?")
                .params(UUID.fromString(room), UUID.fromString(user))
                .query((rs, n) -> new AtProvider(rs.getBoolean(1), rs.getTimestamp(2), rs.getBoolean(3))).single();
    }

    @Test
    void aSpeakerWhoseConnectionDropsIsAbsentAtJanusAtOnceAndPresentAgainWhenTheyReconnect() {
        try (Chromium chromium = Chromium.launch(janus.network(), origin())) {
            dropAndReconnect(chromium);
        }
    }

    private void dropAndReconnect(Chromium chromium) {
        Session hostAccount = register("janusevh");
        String room = (String) call(POST, "/api/v1/rooms", hostAccount, Map.of("name", "Janus presence", "provider", "janus"), 201).get("id");
        BrowserContext person = chromium.newPerson();
        person.addInitScript(KEEP_PEER_CONNECTIONS);
        RoomPage host = RoomPage.signIn(person, origin(), room, hostAccount.username(), "correct horse");
        host.join();
        String me = host.userId();
        assertThat(atProvider(room, me).connected()).as("nothing connected at Janus before publishing").isFalse();

        host.click("unmute");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> atProvider(room, me).connected());

        // the connection to Janus drops (the page closes its PeerConnection); the event socket stays open
        long dropped = System.nanoTime();
        host.page.evaluate(DROP_AND_HOLD);
        Awaitility.await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> !atProvider(room, me).connected());
        long dropToAbsent = Duration.ofNanos(System.nanoTime() - dropped).toMillis();
        AtProvider absent = atProvider(room, me);
        assertThat(absent.present()).as("still in the room: their socket holds them through the grace").isTrue();

        // the web client publishes again by itself (still unmuted): a new PeerConnection, and Janus says so
        long reconnecting = System.nanoTime();
        host.page.evaluate("() => { window.__hold = null; window.__release(); }");
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> atProvider(room, me).connected());
        long reconnectToPresent = Duration.ofNanos(System.nanoTime() - reconnecting).toMillis();
        assertThat(atProvider(room, me).seenAt()).isAfter(absent.seenAt());

        System.out.printf("janus presence: drop-to-absent-at-provider %d ms, republish-to-present-at-provider %d ms%n",
                dropToAbsent, reconnectToPresent);
    }
}
