package dev.tribune.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import com.microsoft.playwright.Page;
import dev.tribune.ApiTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The mesh relay's rules tried by a plain WebRTC page that is not Tribune's web client (static/e2e/plain-peer.html,
 * API.md's {@code /ws} protocol only), in real Chromium in the test network: a listener who is promoted adds its
 * microphone to the connection it already has with the host, the relay takes that renegotiation, and the host hears
 * them; before the promotion the same renegotiation is refused, and a listener who answers the host's sendrecv offer
 * with its microphone is refused too, so the host hears neither.
 */
class PlainPeerRenegotiationTest extends ApiTest {

    @Test
    void aPromotedListenerRenegotiatesItsConnectionWithTheHostAndIsHeardWhileTheAudienceIsNot() throws Exception {
        E2e.need(TestNetwork.unavailableBecause() == null, String.valueOf(TestNetwork.unavailableBecause()));
        Session hostAccount = register("plainhost");
        Session annAccount = register("plainann");
        Session bobAccount = register("plainbob");
        String room = (String) call(POST, "/api/v1/rooms", hostAccount, Map.of("name", "Plain peers", "provider", "mesh"), 201).get("id");
        for (Session person : List.of(hostAccount, annAccount, bobAccount)) {
            call(POST, "/api/v1/rooms/" + room + "/join", person, null, 200);
        }
        try (TestNetwork network = TestNetwork.create()) {
            String origin = "http://" + network.hostAddress() + ":" + port;
            try (Chromium chromium = Chromium.launch(network, origin)) {
                PlainPeer host = PlainPeer.open(chromium, origin, room, hostAccount, ticket(hostAccount));
                PlainPeer ann = PlainPeer.open(chromium, origin, room, annAccount, ticket(annAccount));
                PlainPeer bob = PlainPeer.open(chromium, origin, room, bobAccount, ticket(bobAccount));

                // the host calls Ann as a speaker calls a listener: she hears the host
                host.call(ann, "sendonly");
                ann.hears(host, Duration.ofSeconds(10));

                // Ann, still in the audience, adds her microphone to that connection: refused, the host hears nothing
                ann.addMicrophone(host);
                ann.awaitRefusal("signal_refused");
                // Bob, asked with sendrecv, answers with his microphone: refused too
                bob.answerSending();
                host.call(bob, "sendrecv");
                bob.awaitRefusal("signal_refused");
                Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                        .until(() -> host.bytesFrom(ann) == 0 && host.bytesFrom(bob) == 0);

                // promoted, Ann renegotiates the same connection: a section receiving the host, one sending her microphone
                call(PUT, "/api/v1/rooms/" + room + "/hand", annAccount, null, 204);
                call(PUT, "/api/v1/rooms/" + room + "/speakers/" + annAccount.userId(), hostAccount, null, 204);
                ann.addMicrophone(host);
                host.hears(ann, Duration.ofSeconds(10));
                assertThat(ann.localDescription(host)).contains("a=recvonly").contains("a=sendonly");
                // and she still hears the host over it
                ann.hears(host, Duration.ofSeconds(5));
                assertThat(host.refusals()).as("the host's answer to the renegotiation was relayed").isEmpty();
                assertThat(bob.bytesFrom(host)).as("Bob's connection never came up").isZero();
            }
        }
    }

    private String ticket(Session person) {
        return (String) call(POST, "/api/v1/auth/ws-ticket", person, null, 201).get("ticket");
    }

    /** One person's plain page: window.peer of plain-peer.html. */
    private record PlainPeer(Page page, Session account) {

        static PlainPeer open(Chromium chromium, String origin, String room, Session account, String ticket) {
            Page page = chromium.newPerson().newPage();
            page.onConsoleMessage(m -> System.out.println("[" + account.username() + "'s plain page] " + m.type() + ": " + m.text()));
            page.navigate(origin + "/e2e/plain-peer.html");
            page.evaluate("([url, room]) => peer.open(url, room)",
                    List.of(origin.replace("http:", "ws:") + "/ws?ticket=" + ticket, room));
            return new PlainPeer(page, account);
        }

        void call(PlainPeer other, String direction) {
            page.evaluate("([id, direction]) => peer.call(id, direction)", List.of(other.id(), direction));
        }

        void addMicrophone(PlainPeer other) {
            page.evaluate("id => peer.addMicrophone(id)", other.id());
        }

        void answerSending() {
            page.evaluate("() => peer.answerSending()");
        }

        long bytesFrom(PlainPeer other) {
            return ((Number) heard(other).get("bytes")).longValue();
        }

        /** Within {@code within}, audio from {@code other} arrives, then keeps arriving, above silence. */
        void hears(PlainPeer other, Duration within) {
            Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(200)).until(() -> bytesFrom(other) > 0);
            long before = bytesFrom(other);
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).until(() ->
                    bytesFrom(other) > before + 1000 && ((Number) heard(other).get("level")).doubleValue() > 0);
        }

        void awaitRefusal(String code) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> refusals().stream().anyMatch(r -> r.startsWith(code + ":")));
        }

        @SuppressWarnings("unchecked")
        List<String> refusals() {
            return (List<String>) page.evaluate("() => peer.refusals()");
        }

        String localDescription(PlainPeer other) {
            return (String) page.evaluate("id => peer.localDescription(id)", other.id());
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> heard(PlainPeer other) {
            return (Map<String, Object>) page.evaluate("id => peer.heard(id)", other.id());
        }

        private String id() {
            return account.userId().toString();
        }
    }
}
