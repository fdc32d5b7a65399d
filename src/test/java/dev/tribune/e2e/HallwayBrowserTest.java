package dev.tribune.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.PUT;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's hallway, from the pages by the names a screen reader hears: a person creates a club ("Create club") and,
 * in it, two rooms for later ("Create room": "Name", "Visibility", "Club", "Start at"): one for the club, which a
 * follower finds under "Upcoming", and a private one, which nobody finds there. The host starts both; a guest opens
 * the private room's invite link ("Copy invite link") and joins, and the QR code beside it encodes that same link.
 * API calls only set up the accounts and the follow.
 */
class HallwayBrowserTest extends BrowserTest {

    @Test
    void aClubsRoomsForLaterAreFoundStartedAndJoinedByInviteLink() {
        Session hostAccount = register("hwhost");
        Session followerAccount = register("hwfollow");
        String clubName = "Night owls " + hostAccount.username();
        String clubRoom = "Owls at dawn " + hostAccount.username();
        String privateRoom = "Owls in private " + hostAccount.username();

        // a club, created from the clubs page
        Page host = signedIn(hostAccount, "/");
        host.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Clubs").setExact(true)).click();
        host.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create club").setExact(true)).click();
        Locator clubForm = host.getByRole(AriaRole.DIALOG).first();
        clubForm.getByLabel("Name", label()).fill(clubName);
        Locator topic = clubForm.getByLabel("Topic", label());
        if (topic.count() > 0) {
            // the API asks for a topic: the first one offered
            topic.locator("option:not([value=''])").first().waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
            topic.selectOption(new SelectOption().setIndex(1));
        }
        Screenshots.save(host, "create-club");
        Accessibility.assertNoSeriousViolations(host, "the create-club dialog");
        clubForm.getByLabel("Name", label()).press("Enter");
        host.waitForURL(url -> url.matches(".*/clubs/[0-9a-fA-F-]+$"));
        String clubId = host.url().substring(host.url().lastIndexOf('/') + 1);
        host.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(clubName)).first().waitFor();
        call(PUT, "/api/v1/clubs/" + clubId + "/follow", followerAccount, null, 204);

        // two rooms for later, made from the club's page: one for the club, one private
        String clubRoomId = createRoomForLater(host, clubRoom, "Club", clubName, true);
        host.navigate(origin() + "/clubs/" + clubId);
        String privateRoomId = createRoomForLater(host, privateRoom, "Private", clubName, false);
        Screenshots.save(host, "room-upcoming");
        Accessibility.assertNoSeriousViolations(host, "an upcoming room's page (its HOST)");

        // the follower finds the club's room under Upcoming, and not the private one
        Page follower = signedIn(followerAccount, "/");
        follower.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName("Upcoming").setExact(true)).click();
        follower.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(clubRoom)).first().waitFor();
        assertThat(follower.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(privateRoom)).count()).isZero();
        Screenshots.save(follower, "hallway-upcoming");
        Accessibility.assertNoSeriousViolations(follower, "the hallway's Upcoming tab");
        follower.navigate(origin() + "/clubs/" + clubId);
        follower.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(clubName)).first().waitFor();
        follower.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(clubRoom)).first().waitFor();
        Screenshots.save(follower, "club");
        Accessibility.assertNoSeriousViolations(follower, "a club's page (a follower)");
        follower.context().close();

        // the host starts both
        host.navigate(origin() + "/rooms/" + clubRoomId);
        startRoom(host, clubRoomId, hostAccount);
        host.navigate(origin() + "/rooms/" + privateRoomId);
        startRoom(host, privateRoomId, hostAccount);

        // the private room's invite link, copied, and its QR code
        host.context().grantPermissions(List.of("clipboard-read", "clipboard-write"),
                new BrowserContext.GrantPermissionsOptions().setOrigin(origin()));
        host.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Copy invite link").setExact(true)).click();
        String link = copiedLink(host);
        assertThat(link).startsWith(origin() + "/rooms/" + privateRoomId);
        Locator qr = host.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName(Pattern.compile("QR"))).first();
        qr.waitFor();
        assertThat(QrCodes.read(qr)).as("the link in the QR code").isEqualTo(link);
        Screenshots.save(host, "room-share");
        Accessibility.assertNoSeriousViolations(host, "a private room's page with its invite link and QR code (HOST)");

        // a guest opens the link and joins
        RoomPage guest = RoomPage.guestFromLink(newPerson(), link, "Gus");
        assertThat(guest.page.url()).contains("/rooms/" + privateRoomId);
        guest.join();
        assertThat(guest.role()).isEqualTo("AUDIENCE");
        Screenshots.save(guest.page, "room-guest");
        Accessibility.assertNoSeriousViolations(guest.page, "a private room joined by invite link (a guest)");
    }

    /** A field by its exact name (the fixed names): the label's words alone, never the chosen option or hint. */
    private static Locator.GetByLabelOptions label() {
        return new Locator.GetByLabelOptions().setExact(true);
    }

    /**
     * On a page with "Create room" (the hallway or a club's page): a room in {@code club} starting in two hours; lands on
     * the room's page and answers its id. {@code look} takes the dialog's picture and runs axe on it first.
     */
    private static String createRoomForLater(Page page, String name, String visibility, String club, boolean look) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create room").setExact(true)).click();
        Locator form = page.getByRole(AriaRole.DIALOG).first();
        form.getByLabel("Name", label()).fill(name);
        form.getByLabel("Visibility", label()).selectOption(new SelectOption().setLabel(visibility));
        Locator clubField = form.getByLabel("Club", label());
        // the club choices come from my profile, read when the dialog opens
        clubField.locator("option").filter(new Locator.FilterOptions().setHasText(club)).first()
                .waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.ATTACHED));
        clubField.selectOption(new SelectOption().setLabel(club));
        // datetime-local is in the browser's own time zone
        String inTwoHours = (String) page.evaluate("() => { const d = new Date(Date.now() + 2 * 3600e3);"
                + " d.setMinutes(d.getMinutes() - d.getTimezoneOffset()); return d.toISOString().slice(0, 16); }");
        form.getByLabel("Start at", label()).fill(inTwoHours);
        if (look) {
            Screenshots.save(page, "create-room");
            Accessibility.assertNoSeriousViolations(page, "the create-room dialog");
        }
        form.getByLabel("Name", label()).press("Enter");
        page.waitForURL(url -> url.matches(".*/rooms/[0-9a-fA-F-]+([?#].*)?$"));
        String path = page.url().replaceAll("[?#].*$", "");
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The HOST starts the upcoming room from its page. */
    private void startRoom(Page host, String roomId, Session hostAccount) {
        host.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(Pattern.compile("^Start( room| now)?$"))).first().click();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> "LIVE".equals(get("/api/v1/rooms/" + roomId, hostAccount).get("status")));
    }

    /** What "Copy invite link" copied: the clipboard, or the field the page shows when the browser refuses to copy. */
    private static String copiedLink(Page page) {
        try {
            Awaitility.await().atMost(Duration.ofSeconds(3))
                    .until(() -> String.valueOf(page.evaluate("() => navigator.clipboard.readText()")).contains("/rooms/"));
            return (String) page.evaluate("() => navigator.clipboard.readText()");
        } catch (PlaywrightException | ConditionTimeoutException refused) {
            return page.getByLabel("Link to copy").inputValue();
        }
    }
}
