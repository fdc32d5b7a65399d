package dev.tribune.e2e;

import static dev.tribune.e2e.Hearing.hears;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.tribune.ApiTest;
import dev.tribune.media.provider.janus.JanusTestServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Audio through TURN, proven in real browsers: Debian's coturn runs with ops/coturn/turnserver.conf, Tribune runs with
 * {@code tribune.rtc.ice.transport-policy=relay} and the same secret, and real Chromium pages of the web client hear
 * each other in a mesh room and in a Janus room with every selected ICE pair going out through a coturn relay, which
 * coturn's own log confirms; a credential past its expiry, or signed with another secret, gets no relay at all.
 * coturn, Janus and Chromium share one network namespace of the test's making (JanusTestServer's), so nothing touches
 * this machine's own addresses; the config's refusal of private peers is lifted for that namespace's address only.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TurnRelayBrowserTest extends ApiTest {

    /** A fresh secret per run: nothing that could work against a real coturn. */
    static final String TURN_SECRET = "test-turn-secret-" + UUID.randomUUID();

    static JanusTestServer janus;
    static TurnTestServer turn;
    static Chromium chromium;

    @BeforeAll
    static void turnJanusAndNetwork() throws Exception {
        E2e.need(TurnRelayBrowserTest.class.getResource("/static/index.html") != null,
                "the web client is not built (web-client/, built by the Maven build)");
        E2e.need(TestNetwork.unavailableBecause() == null, String.valueOf(TestNetwork.unavailableBecause()));
        E2e.need(TurnTestServer.unavailableBecause() == null, String.valueOf(TurnTestServer.unavailableBecause()));
        janus = JanusTestServer.started();
        turn = TurnTestServer.started(janus.network(), TURN_SECRET);
    }

    @AfterAll
    static void close() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
            if (turn != null) {
                turn.close();
            }
        } finally {
            if (janus != null) {
                janus.close();
            }
        }
    }

    @DynamicPropertySource
    static void relayOnlyThroughTurn(DynamicPropertyRegistry registry) {
        registry.add("tribune.rtc.ice.transport-policy", () -> "relay");
        registry.add("tribune.rtc.ice.turn-urls", TurnRelayBrowserTest::turnUrl);
        registry.add("tribune.rtc.ice.turn-secret", () -> TURN_SECRET);
        registry.add("tribune.rtc.janus.url", () -> janus.url());
        registry.add("tribune.rtc.janus.api-secret", () -> JanusTestServer.API_SECRET);
    }

    private static String turnUrl() {
        return "turn:" + janus.network().guestAddress() + ":" + TurnTestServer.PORT + "?transport=udp";
    }

    private String origin() {
        return "http://" + janus.network().hostAddress() + ":" + port;
    }

    private Chromium chromium() {
        if (chromium == null) {
            chromium = Chromium.launch(janus.network(), origin());
        }
        return chromium;
    }

    @Test
    void aMeshRoomIsHeardThroughTurnOnly() throws Exception {
        heardThroughTurnOnly("mesh");
    }

    @Test
    void aJanusRoomIsHeardThroughTurnOnly() throws Exception {
        heardThroughTurnOnly("janus");
    }

    private void heardThroughTurnOnly(String provider) throws Exception {
        long started = System.nanoTime();
        Session hostAccount = register(provider + "turnhost");
        String room = (String) call(POST, "/api/v1/rooms", hostAccount, Map.of("name", "Relayed " + provider, "provider", provider), 201).get("id");
        Map<String, Object> connection = grantConnection(hostAccount, room);
        assertThat(connection).containsEntry("iceTransportPolicy", "relay");
        assertThat(connection.get("iceServers")).asString().contains(turnUrl());

        RoomPage host = RoomPage.signIn(relayWatched(), origin(), room, hostAccount.username(), "correct horse");
        host.join();
        host.click("unmute");
        RoomPage ann = RoomPage.guest(relayWatched(), origin(), room, "Ann");
        ann.join();
        hears(ann, host.userId(), Duration.ofSeconds(20));

        // every connection that carries the audio went out through a coturn relay, on both ends
        for (RoomPage page : List.of(host, ann)) {
            List<Map<String, Object>> pairs = selectedPairs(page.page);
            assertThat(pairs).as("selected candidate pairs on %s's page", page.userId()).isNotEmpty()
                    .allSatisfy(pair -> assertThat(pair).containsEntry("local", "relay")
                            .containsEntry("localAddress", janus.network().guestAddress()));
            assertThat(localCandidateTypes(page.page)).as("candidates gathered").containsOnly("relay");
        }
        // and coturn says so: allocations for both people, and permissions for their peers
        String log = turn.log();
        assertThat(log).as("coturn log").containsPattern("user <\\d+:" + host.userId() + ">: incoming packet ALLOCATE processed, success")
                .containsPattern("user <\\d+:" + ann.userId() + ">: incoming packet ALLOCATE processed, success")
                .containsPattern("user <\\d+:" + ann.userId() + ">: incoming packet (CREATE_PERMISSION|CHANNEL_BIND) processed, success");
        System.out.printf("turn relay (%s): both ends relayed by coturn; from sign-up to audio heard %d ms%n", provider,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @Test
    void anExpiredCredentialIsRefused() {
        String username = Instant.now().minus(Duration.ofMinutes(5)).getEpochSecond() + ":" + UUID.randomUUID();
        Map<String, Object> gathered = gatherRelayOnly(username, restApiPassword(TURN_SECRET, username));
        assertRefusedWith401(gathered);
    }

    @Test
    void aCredentialSignedWithAnotherSecretIsRefused() {
        String username = Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + ":" + UUID.randomUUID();
        Map<String, Object> gathered = gatherRelayOnly(username, restApiPassword("another-" + TURN_SECRET, username));
        assertRefusedWith401(gathered);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSameSchemeWithTheRightSecretGetsARelay() {
        // the control for the two refusals: the page and the scheme work when the credential is good
        String username = Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + ":" + UUID.randomUUID();
        Map<String, Object> gathered = gatherRelayOnly(username, restApiPassword(TURN_SECRET, username));
        assertThat((List<Object>) gathered.get("types")).contains("relay");
    }

    @SuppressWarnings("unchecked")
    private static void assertRefusedWith401(Map<String, Object> gathered) {
        assertThat((List<?>) gathered.get("types")).as("candidates gathered").isEmpty();
        assertThat((List<Map<String, Object>>) gathered.get("errors")).as("icecandidateerror events")
                .anySatisfy(error -> assertThat(((Number) error.get("errorCode")).intValue()).isEqualTo(401));
    }

    /** coturn's TURN REST API scheme (use-auth-secret), computed here independently of the service's own code. */
    private static String restApiPassword(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A relay-only RTCPeerConnection with this one TURN credential gathers candidates: their types, and its errors. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> gatherRelayOnly(String username, String credential) {
        Page page = chromium().newPerson().newPage();
        page.navigate(origin() + "/");
        return (Map<String, Object>) page.evaluate("""
                async ({ urls, username, credential }) => {
                  const pc = new RTCPeerConnection({ iceServers: [{ urls, username, credential }], iceTransportPolicy: 'relay' });
                  const types = [];
                  const errors = [];
                  pc.onicecandidate = (e) => { if (e.candidate) types.push(e.candidate.type); };
                  pc.onicecandidateerror = (e) => errors.push({ errorCode: e.errorCode, errorText: e.errorText, url: e.url });
                  pc.addTransceiver('audio');
                  await pc.setLocalDescription(await pc.createOffer());
                  await new Promise((done) => {
                    pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') done(); };
                    setTimeout(done, 15000);
                  });
                  pc.close();
                  return { types, errors };
                }""", Map.of("urls", turnUrl(), "username", username, "credential", credential));
    }

    /** A person whose pages keep every RTCPeerConnection they make (for the web client's and janus.js's alike). */
    private BrowserContext relayWatched() {
        var person = chromium().newPerson();
        person.addInitScript("""
                (() => {
                  const Native = window.RTCPeerConnection;
                  const made = [];
                  window.__peerConnections = made;
                  window.RTCPeerConnection = class extends Native {
                    constructor(...args) { super(...args); made.push(this); }
                  };
                })();""");
        return person;
    }

    /** For each connected RTCPeerConnection of the page: the selected candidate pair's local and remote candidates. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> selectedPairs(Page page) {
        return (List<Map<String, Object>>) page.evaluate("""
                async () => {
                  const pairs = [];
                  for (const pc of window.__peerConnections) {
                    if (pc.connectionState !== 'connected') continue;
                    const stats = await pc.getStats();
                    for (const s of stats.values()) {
                      if (s.type !== 'transport' || !s.selectedCandidatePairId) continue;
                      const pair = stats.get(s.selectedCandidatePairId);
                      const local = stats.get(pair.localCandidateId);
                      const remote = stats.get(pair.remoteCandidateId);
                      pairs.push({ local: local.candidateType, localAddress: local.address, relayProtocol: local.relayProtocol ?? null,
                                   remote: remote.candidateType });
                    }
                  }
                  return pairs;
                }""");
    }

    /** The types of every local candidate the page's connections gathered. */
    @SuppressWarnings("unchecked")
    private static List<String> localCandidateTypes(Page page) {
        return (List<String>) page.evaluate("""
                async () => {
                  const types = [];
                  for (const pc of window.__peerConnections) {
                    if (pc.connectionState === 'closed') continue;
                    for (const s of (await pc.getStats()).values()) {
                      if (s.type === 'local-candidate') types.push(s.candidateType);
                    }
                  }
                  return types;
                }""");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> grantConnection(Session account, String room) {
        Map<String, Object> joined = call(POST, "/api/v1/rooms/" + room + "/join", account, null, 200);
        return (Map<String, Object>) ((Map<String, Object>) joined.get("media")).get("connection");
    }
}
