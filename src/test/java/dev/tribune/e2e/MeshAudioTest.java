package dev.tribune.e2e;

import static dev.tribune.e2e.Hearing.hears;
import static dev.tribune.e2e.Hearing.nobodyHears;
import static dev.tribune.e2e.Hearing.stopsHearing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;

import com.microsoft.playwright.Locator;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * "Can people hear each other?", answered by real browsers on the real pages over browser mesh: a host and two
 * listeners join; both listeners hear the host; a listener raised, approved and unmuted is heard by the other within
 * 3 s; demoted, within 3 s they are heard no more; and an AUDIENCE page that forces a publish is heard by no one.
 * The measured times are printed.
 */
// room.counts as in production (the shared test context turns the sweeper off); a context of its own, closed after
@TestPropertySource(properties = "tribune.rooms.counts-interval=1s")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class MeshAudioTest extends BrowserTest {

    @Test
    void aHostAndTwoListenersHearEachOtherAsTheStageChanges() throws Exception {
        Session hostAccount = register("meshhost");
        String room = (String) call(POST, "/api/v1/rooms", hostAccount, Map.of("name", "Mesh audio", "provider", "mesh"), 201).get("id");

        RoomPage host = roomPage(hostAccount, room);
        host.join();
        host.click("unmute");
        RoomPage ann = RoomPage.guest(newPerson(), origin(), room, "Ann");
        RoomPage bob = RoomPage.guest(newPerson(), origin(), room, "Bob");

        long joinStarted = System.nanoTime();
        ann.join();
        hears(ann, host.userId(), Duration.ofSeconds(10));
        long joinToFirstAudio = Duration.ofNanos(System.nanoTime() - joinStarted).toMillis();
        // what the host's page says matches what the room hears: unmuted, with a Mute button
        host.waitFor("mute");
        bob.join();
        hears(bob, host.userId(), Duration.ofSeconds(10));

        // Ann asks to speak, the host approves, Ann unmutes: Bob hears her within 3 s
        ann.click("raise-hand");
        host.click("approve-" + ann.userId());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "SPEAKER".equals(ann.role()));
        long unmuted = System.nanoTime();
        ann.click("unmute");
        hears(bob, ann.userId(), Duration.ofSeconds(3));
        long promotionToAudio = Duration.ofNanos(System.nanoTime() - unmuted).toMillis();
        // the room's chat, through the pages: Bob writes, the host reads it
        bob.page.getByTestId("chat-input").fill("Great point, Ann!");
        bob.click("chat-send");
        host.page.getByTestId("chat-panel").getByText("Great point, Ann!").waitFor();

        // the README's picture of a room: the host's page while Ann speaks, Bob counted in the audience
        host.page.getByTestId("audience-count").filter(new Locator.FilterOptions().setHasText("1"))
                .waitFor();
        Screenshots.save(host.page, "room-host");
        Accessibility.assertNoSeriousViolations(host.page, "the room page (HOST, a speaker on stage)");
        Screenshots.save(bob.page, "room-listener");
        Accessibility.assertNoSeriousViolations(bob.page, "the room page (AUDIENCE)");

        // demoted: within 3 s nothing more of Ann reaches Bob
        call(DELETE, "/api/v1/rooms/" + room + "/speakers/" + ann.userId(), hostAccount, null, 204);
        long demotionToSilence = stopsHearing(bob, ann.userId(), Duration.ofSeconds(3)).toMillis();

        // Bob, in the audience, forces his page to publish: nobody hears him
        bob.forcePublish();
        nobodyHears(bob.userId(), Duration.ofSeconds(3), host, ann);

        System.out.printf("mesh audio: join-to-first-audio %d ms, promotion(unmute)-to-audio %d ms, demotion-to-silence %d ms%n",
                joinToFirstAudio, promotionToAudio, demotionToSilence);
    }
}
