package dev.tribune.e2e;

import static dev.tribune.e2e.PersonMenus.audience;
import static dev.tribune.e2e.PersonMenus.choose;
import static dev.tribune.e2e.PersonMenus.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's room, run from the page by the names a screen reader hears: the HOST invites a listener from the Audience
 * list ("Invite to speak", "Accept"), makes them moderator (by keyboard alone); the moderator brings another listener
 * up, force-mutes ("Mute") and removes ("Remove from room") them; the HOST hands the room over ("Make host") and the
 * new HOST ends it ("End room") while every page still in the room shows "This room has ended". API calls only set up
 * the accounts and the room, and read what the pages cannot show of someone else (a forced mute, a removal).
 */
class RoomControlsBrowserTest extends BrowserTest {

    @Test
    void aHostRaisesAModeratorWhoMutesAndRemovesSomeoneAndTheNewHostEndsTheRoom() {
        Session hostAccount = register("rchost");
        Session annAccount = register("rcann");
        Session bobAccount = register("rcbob");
        Session cidAccount = register("rccid");
        String ann = "Test rcann";
        String bob = "Test rcbob";
        String room = (String) call(POST, "/api/v1/rooms", hostAccount, Map.of("name", "Room controls", "provider", "mesh"), 201).get("id");

        RoomPage host = roomPage(hostAccount, room);
        host.join();
        RoomPage annPage = roomPage(annAccount, room);
        annPage.join();
        RoomPage bobPage = roomPage(bobAccount, room);
        bobPage.join();
        RoomPage cidPage = roomPage(cidAccount, room);
        cidPage.join();

        // the HOST finds Ann in the Audience list; her menu, open, is what a keyboard or screen reader meets
        PersonMenus.open(host.page, audience(host.page), ann);
        Screenshots.save(host.page, "room-person-menu");
        Accessibility.assertNoSeriousViolations(host.page, "the room page with a person's menu open (HOST)");
        host.page.keyboard().press("Escape");
        assertThat(host.page.getByRole(AriaRole.MENU).count()).as("Escape closes the menu").isZero();

        // invited to speak, Ann accepts
        choose(host.page, audience(host.page), ann, "Invite to speak");
        annPage.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept").setExact(true)).click();
        awaitRole(annPage, "SPEAKER");
        // the host's page tells a screen reader what became of Ann (a polite live region)
        host.page.locator("[aria-live='polite']").filter(new Locator.FilterOptions().setHasText(ann)).first()
                .waitFor(new Locator.WaitForOptions().setTimeout(5_000));

        // made moderator from the Stage, by keyboard alone
        PersonMenus.chooseByKeyboard(host.page, stage(host.page), ann, "Make moderator");
        awaitRole(annPage, "MODERATOR");
        Screenshots.save(annPage.page, "room-moderator");
        Accessibility.assertNoSeriousViolations(annPage.page, "the room page (MODERATOR, with the Audience list)");

        // the moderator brings Bob up, force-mutes him, then removes him from the room
        choose(annPage.page, audience(annPage.page), bob, "Invite to speak");
        bobPage.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept").setExact(true)).click();
        awaitRole(bobPage, "SPEAKER");
        choose(annPage.page, stage(annPage.page), bob, "Mute");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Boolean.TRUE.equals(myPlace(room, bobAccount).get("forcedMute")));
        choose(annPage.page, stage(annPage.page), bob, "Remove from room");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> get("/api/v1/rooms/" + room, bobAccount).get("me") == null);
        PersonMenus.personButton(stage(annPage.page), bob).waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));

        // the HOST hands the room to Ann, who ends it
        choose(host.page, stage(host.page), ann, "Make host");
        awaitRole(annPage, "HOST");
        annPage.page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("End room").setExact(true)).click();
        PersonMenus.confirmIfAsked(annPage.page, "End room");

        for (RoomPage inTheRoom : List.of(annPage, host, cidPage)) {
            inTheRoom.page.getByText("This room has ended").first().waitFor();
        }
        assertThat(get("/api/v1/rooms/" + room, hostAccount).get("status")).isEqualTo("ENDED");
        Screenshots.save(cidPage.page, "room-ended");
        Accessibility.assertNoSeriousViolations(cidPage.page, "an ended room (a listener's page)");
    }

    private static void awaitRole(RoomPage page, String role) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> role.equals(page.role()));
    }

    /** My place in the room as the API tells me ({@code me} of the detail). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> myPlace(String room, Session account) {
        Object me = get("/api/v1/rooms/" + room, account).get("me");
        return me == null ? Map.of() : (Map<String, Object>) me;
    }
}
