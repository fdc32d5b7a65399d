package dev.tribune.e2e;

import static dev.tribune.e2e.Hearing.hears;
import static dev.tribune.e2e.Hearing.stopsHearing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's moderation loop in real browsers on the real pages: a listener reports a speaker's chat line; the room's
 * HOST sees it live and removes the speaker, whose audio stops within 3 s; a staff member suspends the account from
 * the queue; the suspended sign-in shows why; the person appeals; another staff member overturns; they join again.
 * API calls only set up what the story takes for granted (accounts, the second staff member, the room).
 */
class ModerationLoopTest extends BrowserTest {

    @Test
    void aReportedSpeakerIsRemovedSuspendedAppealsAndJoinsAgain() {
        Session admin = staffAdmin();
        Session moderator = register("modstaff");
        call(PUT, "/api/v1/staff/" + moderator.userId(), admin, Map.of("role", "MODERATOR"), 200);
        Session hostAccount = register("modhost");
        Session speakerAccount = register("speaker");
        Session annAccount = register("ann");
        Session bobAccount = register("bob");
        String room = (String) call(POST, "/api/v1/rooms", hostAccount, Map.of("name", "Moderation loop", "provider", "mesh"), 201).get("id");

        RoomPage host = roomPage(hostAccount, room);
        host.join();
        RoomPage speaker = roomPage(speakerAccount, room);
        speaker.join();
        RoomPage ann = roomPage(annAccount, room);
        ann.join();
        RoomPage bob = roomPage(bobAccount, room);
        bob.join();
        // the hallway as a signed-in person finds it, with this room live
        Page hallway = signedIn(annAccount, "/");
        hallway.getByTestId("room-link-" + room).waitFor();
        Screenshots.save(hallway, "hallway");
        Accessibility.assertNoSeriousViolations(hallway, "the hallway");
        hallway.context().close();
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
        ModerationPages.reportChatLine(ann, line, "HARASSMENT", "Threatening the audience", dialog -> {
            Screenshots.save(dialog, "report-dialog");
            Accessibility.assertNoSeriousViolations(dialog, "the report dialog");
        });
        // the HOST sees it live, quoting the line
        String annReport = ModerationPages.idOf(host.page, "room-report-quote-");
        assertThat(host.page.getByTestId("room-report-quote-" + annReport).textContent()).contains(line);
        ModerationPages.reportChatLine(bob, line, "HARASSMENT", "Same here");
        host.page.locator("[data-testid='reports-badge'][data-count='2']").waitFor();
        Screenshots.save(host.page, "room-reports");
        Accessibility.assertNoSeriousViolations(host.page, "the room page with its Reports panel (HOST)");
        String bobReport = host.page.locator("[data-testid^='room-report-quote-']").all().stream()
                .map(quote -> quote.getAttribute("data-testid").substring("room-report-quote-".length()))
                .filter(id -> !id.equals(annReport)).findFirst().orElseThrow();

        // the HOST removes the speaker from the report: within 3 s Ann hears nothing more of them
        host.click("report-action-" + annReport + "-REMOVE_FROM_ROOM");
        long removalToSilence = stopsHearing(ann, speaker.userId(), Duration.ofSeconds(3)).toMillis();

        // a staff member suspends the account from the queue, on Bob's report
        Page staff = signedIn(STAFF_ADMIN, "/moderation");
        ModerationPages.resolveFromQueue(staff, room, bobReport, "SUSPEND_ACCOUNT", "Threats in chat");
        Screenshots.save(staff, "moderation-report");
        Accessibility.assertNoSeriousViolations(staff, "the moderation queue with a resolved report");

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
        Screenshots.save(suspended, "signin-suspended");
        Accessibility.assertNoSeriousViolations(suspended, "the suspended sign-in with its appeal");

        // another staff member (the one who suspended may not decide) overturns it
        Page decider = signedIn(moderator, "/moderation");
        decider.getByTestId("moderation-tab-appeals").click();
        // this appeal, whatever others wait before it
        String appeal = decider.locator("li[data-testid^='appeal-']").filter(new Locator.FilterOptions().setHasText(appealText))
                .getAttribute("data-testid").substring("appeal-".length());
        decider.getByTestId("appeal-note-" + appeal).fill("A quotation, not a threat");
        decider.getByTestId("appeal-overturn-" + appeal).click();
        decider.getByTestId("appeal-" + appeal).getByText("Overturned").waitFor();
        Screenshots.save(decider, "moderation-appeals");
        Accessibility.assertNoSeriousViolations(decider, "the moderation area's appeals");

        // they sign in as usual and join the room again
        RoomPage back = roomPage(speakerAccount, room);
        back.join();
        assertThat(back.role()).isEqualTo("AUDIENCE");

        // their notices: the suspension and its reversal
        Page notices = signedIn(speakerAccount, "/notices");
        notices.locator("[data-testid^='notice-item-']").first().waitFor();
        Screenshots.save(notices, "notices");
        Accessibility.assertNoSeriousViolations(notices, "the notices page");

        System.out.printf("moderation loop: removal-to-silence %d ms%n", removalToSilence);
    }
}
