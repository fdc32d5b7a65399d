package dev.tribune.media.provider.janus;

import static dev.tribune.e2e.Hearing.hears;
import static dev.tribune.e2e.Hearing.nobodyHears;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.e2e.Chromium;
import dev.tribune.e2e.RoomPage;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Live provider failover in real Chromium: a Janus room with a host speaking and two listeners; Janus is killed and
 * not restarted; once it has been unreachable for {@code tribune.rtc.failover-after} the room moves to the mesh, the
 * pages switch without a reload, the listeners hear the host again within 10 s of the move, and a listener in the
 * AUDIENCE who unmutes and forces a publish is still heard by no one. The measured times are printed.
 */
// the failover round on a short clock (production: 15 s, checked every second)
@TestPropertySource(properties = {"tribune.rtc.failover-after=4s", "tribune.rtc.probe-interval=1s",
        "tribune.rtc.failover-check-interval=500ms"})
class JanusFailoverAudioTest extends JanusBrowserTest {

    @Autowired
    JdbcClient jdbc;

    private String providerOf(String room) {
        return jdbc.sql("SELECT provider FROM rooms WHERE id = ?::uuid").param(room).query(String.class).single();
    }

    @Test
    void janusDiesMidRoomAndTheRoomCarriesOnOverTheMeshWithTheAudienceStillSilent() throws Exception {
        chromium = Chromium.launch(janus.network(), origin());
        Session hostAccount = register("fohost");
        String room = (String) call(POST, "/api/v1/rooms", hostAccount, Map.of("name", "Failover", "provider", "janus"), 201).get("id");

        RoomPage host = RoomPage.signIn(chromium.newPerson(), origin(), room, hostAccount.username(), "correct horse");
        host.join();
        host.click("unmute");
        RoomPage ann = RoomPage.guest(chromium.newPerson(), origin(), room, "Ann");
        RoomPage bob = RoomPage.guest(chromium.newPerson(), origin(), room, "Bob");
        ann.join();
        bob.join();
        hears(ann, host.userId(), Duration.ofSeconds(15));
        hears(bob, host.userId(), Duration.ofSeconds(15));

        // a mark on each page that a reload would wipe
        for (RoomPage page : new RoomPage[] {host, ann, bob}) {
            page.page.evaluate("() => { window.__beforeFailover = true; }");
        }
        janus.kill();
        long killed = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> "mesh".equals(providerOf(room)));
        long moved = System.nanoTime();
        long killToMove = Duration.ofNanos(moved - killed).toMillis();

        // each page's media session is the mesh's now (its counters start again from zero)
        for (RoomPage page : new RoomPage[] {host, ann, bob}) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "mesh".equals(page.page.evaluate("() => window.__tribune.media?.provider")));
        }
        hears(ann, host.userId(), Duration.ofSeconds(10));
        long moveToAnn = Duration.ofNanos(System.nanoTime() - moved).toMillis();
        hears(bob, host.userId(), Duration.ofSeconds(10));
        long moveToBoth = Duration.ofNanos(System.nanoTime() - moved).toMillis();
        assertThat(moveToBoth).as("both listeners hear the host within 10 s of the move").isLessThanOrEqualTo(10_000);

        // the pages are the same pages: nothing reloaded, the room LIVE, roles kept
        for (RoomPage page : new RoomPage[] {host, ann, bob}) {
            assertThat(page.page.evaluate("() => window.__beforeFailover === true")).as("no reload").isEqualTo(true);
        }
        assertThat(bob.role()).isEqualTo("AUDIENCE");
        assertThat(jdbc.sql("SELECT status FROM rooms WHERE id = ?::uuid").param(room).query(String.class).single()).isEqualTo("LIVE");

        // Bob, in the audience, unmutes by force and publishes on the mesh: nobody hears him
        bob.page.evaluate("() => window.__tribune.media.setMicrophone(true)");
        bob.forcePublish();
        nobodyHears(bob.userId(), Duration.ofSeconds(5), host, ann);

        System.out.printf("janus failover: kill-to-move %d ms (failover-after 4 s, probes every 1 s), move-to-audio %d ms (first "
                + "listener), %d ms (both)%n", killToMove, moveToAnn, moveToBoth);
    }
}
