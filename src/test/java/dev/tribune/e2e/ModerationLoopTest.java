package dev.tribune.e2e;

import static dev.tribune.e2e.Hearing.hears;
import static dev.tribune.e2e.Hearing.stopsHearing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.tribune.ApiTest;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Issue 14's moderation loop in real browsers on the real pages: a listener reports a speaker's chat line; the room's
 * HOST sees it live and removes the speaker, whose audio stops within 3 s; a staff member suspends the account from
 * the queue; the suspended sign-in shows why; the person appeals; another staff member overturns; they join again.
 * API calls only set up what the story takes for granted (accounts, the second staff member, the room).
 */
class ModerationLoopTest extends ApiTest {

    static final String PASSWORD = "correct horse";

    static TestNetwork network;
    static Chromium chromium;

    @BeforeAll
    static void browsers() throws Exception {
        E2e.need(TestNetwork.unavailableBecause() == null, String.valueOf(TestNetwork.unavailableBecause()));
        E2e.need(ModerationLoopTest.class.getResource("/static/index.html") != null,
                "the web client is not built (web-client/, built by the Maven build)");
        network = TestNetwork.create();
    }

    @AfterAll
    static void close() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (network != null) {
            network.close();
        }
    }

    private String origin() {
        return "http://" + network.hostAddress() + ":" + port;
    }

    /** The configured staff ADMIN (ApiTest's tribune.moderation.admins): registered by the first test that asks. */
    private Session staffAdmin() {
        var registered = client.post().uri("/api/v1/auth/register").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", STAFF_ADMIN, "password", PASSWORD, "displayName", "Staff admin"))
                .exchange().returnResult(Map.class);
        if (registered.getStatus().value() == 201) {
            return session(registered.getResponseBody(), STAFF_ADMIN);
        }
        return session(client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", STAFF_ADMIN, "password", PASSWORD))
                .exchange().expectStatus().isOk().returnResult(Map.class).getResponseBody(), STAFF_ADMIN);
    }

    @Test
    void aReportedSpeakerIsRemovedSuspendedAppealsAndJoinsAgain() {
        chromium = Chromium.launch(network, origin());
        Session admin = staffAdmin();
        Session moderator = register("modstaff");
        call(PUT, "/api/v1/staff/" + moderator.userId(), admin, Map.of("role", "MODERATOR"), 200);
        Session hostAccount = register("modhost");
        Session speakerAccount = register("speaker");
        Session annAccount = register("ann");
        Session bobAccount = register("bob");
        String room = (String) call(POST, "/api/v1/rooms", hostAccount, Map.of("name", "Moderation loop", "provider", "mesh"), 201).get("id");

        RoomPage host = RoomPage.signIn(chromium.newPerson(), origin(), room, hostAccount.username(), PASSWORD);
        host.join();
        BrowserContext speakerPerson = chromium.newPerson();
        RoomPage speaker = RoomPage.signIn(speakerPerson, origin(), room, speakerAccount.username(), PASSWORD);
        speaker.join();
        RoomPage ann = RoomPage.signIn(chromium.newPerson(), origin(), room, annAccount.username(), PASSWORD);
        ann.join();
        RoomPage bob = RoomPage.signIn(chromium.newPerson(), origin(), room, bobAccount.username(), PASSWORD);
        bob.join();
        // the speaker on stage and heard: setup the story takes for granted
        speaker.click("raise-hand");
        host.click("approve-" + speaker.userId());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> "SPEAKER".equals(speaker.role()));
        speaker.click("unmute");
        hears(ann, speaker.userId(), Duration.ofSeconds(10));

        // the speaker's chat line, reported by both listeners (the second report stays open for the staff's queue)
        String line = "You are all idiots and I know where you live";
        speaker.page.getByTestId("chat-input").fill(line);
        speaker.click("chat-send");
        ModerationPages.reportChatLine(ann, line, "HARASSMENT", "Threatening the audience");
        // the HOST sees it live, quoting the line
        String annReport = ModerationPages.idOf(host.page, "room-report-quote-");
        assertThat(host.page.getByTestId("room-report-quote-" + annReport).textContent()).contains(line);
        ModerationPages.reportChatLine(bob, line, "HARASSMENT", "Same here");
        host.page.locator("[data-testid='reports-badge'][data-count='2']").waitFor();
        String bobReport = host.page.locator("[data-testid^='room-report-quote-']").all().stream()
                .map(quote -> quote.getAttribute("data-testid").substring("room-report-quote-".length()))
                .filter(id -> !id.equals(annReport)).findFirst().orElseThrow();

        // the HOST removes the speaker from the report: within 3 s Ann hears nothing more of them
        host.click("report-action-" + annReport + "-REMOVE_FROM_ROOM");
        long removalToSilence = stopsHearing(ann, speaker.userId(), Duration.ofSeconds(3)).toMillis();

        // a staff member suspends the account from the queue, on Bob's report
        Page staff = ModerationPages.signIn(chromium.newPerson(), origin(), "/moderation", STAFF_ADMIN, PASSWORD);
        ModerationPages.resolveFromQueue(staff, room, bobReport, "SUSPEND_ACCOUNT", "Threats in chat");

        // the suspended person's page (out of the room, so no socket to tell it) learns at its next call: it goes to the
        // sign-in, which says why and takes the appeal
        Page suspended = speaker.page;
        suspended.reload();
        suspended.waitForURL("**/signin**");
        ModerationPages.submitSignIn(suspended, speakerAccount.username(), PASSWORD);
        suspended.getByTestId("suspended").waitFor();
        assertThat(suspended.getByTestId("suspended-reason").textContent()).contains("Threats in chat");
        String auditId = ModerationPages.idOf(suspended, "appeal-text-");
        String appealText = "I was quoting a film; please look again (" + speakerAccount.username() + ")";
        suspended.getByTestId("appeal-text-" + auditId).fill(appealText);
        suspended.getByTestId("appeal-submit-" + auditId).click();
        suspended.getByTestId("appeal-done-" + auditId).waitFor();

        // another staff member (the one who suspended may not decide) overturns it
        Page decider = ModerationPages.signIn(chromium.newPerson(), origin(), "/moderation", moderator.username(), PASSWORD);
        decider.getByTestId("moderation-tab-appeals").click();
        // this appeal, whatever others wait before it
        String appeal = decider.locator("li[data-testid^='appeal-']").filter(new Locator.FilterOptions().setHasText(appealText))
                .getAttribute("data-testid").substring("appeal-".length());
        decider.getByTestId("appeal-note-" + appeal).fill("A quotation, not a threat");
        decider.getByTestId("appeal-overturn-" + appeal).click();
        decider.getByTestId("appeal-" + appeal).getByText("Overturned").waitFor();

        // they sign in as usual and join the room again
        RoomPage back = RoomPage.signIn(chromium.newPerson(), origin(), room, speakerAccount.username(), PASSWORD);
        back.join();
        assertThat(back.role()).isEqualTo("AUDIENCE");

        System.out.printf("moderation loop: removal-to-silence %d ms%n", removalToSilence);
    }
}
