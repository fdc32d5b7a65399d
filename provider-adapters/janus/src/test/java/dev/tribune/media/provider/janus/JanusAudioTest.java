package dev.tribune.media.provider.janus;

import static dev.tribune.e2e.Hearing.hears;
import static dev.tribune.e2e.Hearing.hearsAgain;
import static dev.tribune.e2e.Hearing.nobodyHears;
import static dev.tribune.e2e.Hearing.staysSilent;
import static dev.tribune.e2e.Hearing.stopsHearing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.e2e.Chromium;
import dev.tribune.e2e.RoomPage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * People hear each other through the self-hosted SFU: a real Janus (ops/janus, in a network namespace of the test's
 * making) and real Chromium pages of the web client, as the stage changes, when the audience tries to publish, when a
 * speaker is removed, and across a Janus restart. The measured times are printed.
 */
class JanusAudioTest extends JanusBrowserTest {

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }

    @Test
    void aHostAndTwoListenersHearEachOtherThroughJanusAsTheStageChanges() throws Exception {
        chromium = Chromium.launch(janus.network(), origin());
        Session hostAccount = register("janushost");
        String room = (String) call(POST, "/api/v1/rooms", hostAccount, Map.of("name", "Janus audio", "provider", "janus"), 201).get("id");

        RoomPage host = RoomPage.signIn(chromium.newPerson(), origin(), room, hostAccount.username(), "correct horse");
        host.join();
        host.click("unmute");
        RoomPage ann = RoomPage.guest(chromium.newPerson(), origin(), room, "Ann");
        RoomPage bob = RoomPage.guest(chromium.newPerson(), origin(), room, "Bob");

        long joinStarted = System.nanoTime();
        ann.join();
        hears(ann, host.userId(), Duration.ofSeconds(15));
        long joinToFirstAudio = millisSince(joinStarted);
        bob.join();
        hears(bob, host.userId(), Duration.ofSeconds(15));

        // promoted and unmuted: the other listener hears Ann within 3 s
        ann.click("raise-hand");
        host.click("approve-" + ann.userId());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "SPEAKER".equals(ann.role()));
        ann.waitFor("unmute");
        long unmuted = System.nanoTime();
        ann.click("unmute");
        hears(bob, ann.userId(), Duration.ofSeconds(3));
        long promotionToAudio = millisSince(unmuted);

        // demoted: within 3 s Bob hears Ann no more
        call(DELETE, "/api/v1/rooms/" + room + "/speakers/" + ann.userId(), hostAccount, null, 204);
        long demotionToSilence = stopsHearing(bob, ann.userId(), Duration.ofSeconds(3)).toMillis();

        // Bob, in the audience, forces a publish: refused by the relay, heard by no one
        bob.forcePublish();
        nobodyHears(bob.userId(), Duration.ofSeconds(3), host, ann);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) bob.page.evaluate("() => window.__tribune.socketErrors");
        assertThat(errors).anySatisfy(e -> assertThat(String.valueOf(e.get("code"))).contains("433"));

        // Ann back on the stage, then removed (banned): within 3 s nobody hears her
        ann.click("raise-hand");
        host.click("approve-" + ann.userId());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "SPEAKER".equals(ann.role()));
        ann.waitFor("unmute");
        ann.click("unmute");
        hears(bob, ann.userId(), Duration.ofSeconds(5));

        // force-muted by the host (VideoRoom moderate at Janus): silent within 3 s, even if her page keeps sending
        call(HttpMethod.PUT, "/api/v1/rooms/" + room + "/participants/" + ann.userId() + "/mute",
                hostAccount, null, 204);
        // a page that ignores the mute and keeps sending, as a tampered client would: Janus drops it all the same
        ann.waitFor("unmute");
        ann.page.evaluate("() => window.__tribune.media.setMicrophone(true)");
        long forcedMuteToSilence = stopsHearing(bob, ann.userId(), Duration.ofSeconds(3)).toMillis();
        staysSilent(bob, ann.userId(), Duration.ofSeconds(2)); // while her page still sends
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + ann.userId() + "/mute", hostAccount, null, 204);
        ann.waitFor("unmute");
        ann.click("unmute");
        hearsAgain(bob, ann.userId(), Duration.ofSeconds(5));

        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + ann.userId() + "?ban=true", hostAccount, null, 204);
        long removalToSilence = stopsHearing(bob, ann.userId(), Duration.ofSeconds(3)).toMillis();

        // Janus killed and restarted mid-room: the pages reconnect by themselves and Bob hears the host again
        janus.kill();
        long restarted = System.nanoTime();
        janus.launch();
        hearsAgain(bob, host.userId(), Duration.ofSeconds(45));
        long restartToAudio = millisSince(restarted);

        System.out.printf("janus audio: join-to-first-audio %d ms, promotion(unmute)-to-audio %d ms, demotion-to-silence %d ms, "
                + "forced-mute-to-silence %d ms, removal-to-silence %d ms, janus-restart-to-audio %d ms%n",
                joinToFirstAudio, promotionToAudio, demotionToSilence, forcedMuteToSilence, removalToSilence, restartToAudio);
    }
}
