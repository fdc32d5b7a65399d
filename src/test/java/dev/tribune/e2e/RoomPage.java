package dev.tribune.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One person's browser on the real web client, driven through the hooks web-client/README.md promises
 * ({@code data-testid}s and {@code window.__tribune}).
 */
public final class RoomPage {

    public final Page page;

    private RoomPage(Page page, String who) {
        this.page = page;
        // the page's own account of what went wrong, in the test output beside the assertion that failed
        page.onConsoleMessage(message -> {
            if (!"debug".equals(message.type())) {
                System.out.println("[" + who + "'s page] " + message.type() + ": " + message.text());
            }
        });
    }

    /** Signs in with a password and lands on the room page. */
    public static RoomPage signIn(BrowserContext person, String origin, String roomId, String username, String password) {
        Page page = person.newPage();
        page.navigate(origin + "/signin?next=/rooms/" + roomId);
        page.getByTestId("signin-username").fill(username);
        page.getByTestId("signin-password").fill(password);
        page.getByTestId("signin-submit").click();
        page.waitForURL("**/rooms/" + roomId);
        return new RoomPage(page, username);
    }

    /** Continues as a guest and lands on the room page, as someone following a room link would. */
    public static RoomPage guest(BrowserContext person, String origin, String roomId, String name) {
        Page page = person.newPage();
        page.navigate(origin + "/signin?next=/rooms/" + roomId);
        page.getByTestId("guest-name").fill(name);
        page.getByTestId("guest-submit").click();
        page.waitForURL("**/rooms/" + roomId);
        return new RoomPage(page, name);
    }

    /**
     * Opens {@code link} (a room's invite link) signed out, continues as a guest named {@code name} from the sign-in it
     * leads to, and lands back on the room page the link names.
     */
    public static RoomPage guestFromLink(BrowserContext person, String link, String name) {
        Page page = person.newPage();
        page.navigate(link);
        page.waitForURL("**/signin**");
        page.getByTestId("guest-name").fill(name);
        page.getByTestId("guest-submit").click();
        page.waitForURL(url -> url.contains("/rooms/"));
        return new RoomPage(page, name);
    }

    public void join() {
        page.getByTestId("join").click();
        page.waitForFunction("() => window.__tribune && window.__tribune.me && window.__tribune.me.role");
    }

    public void click(String testId) {
        page.getByTestId(testId).click();
    }

    public void waitFor(String testId) {
        page.getByTestId(testId).waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE));
    }

    public String userId() {
        return (String) page.evaluate("() => window.__tribune.me.userId");
    }

    public String role() {
        return (String) page.evaluate("() => window.__tribune.me.role");
    }

    public record Inbound(String userId, long bytesReceived, double audioLevel) {
    }

    /** What arrives from {@code userId} right now, if anything. */
    public Optional<Inbound> from(String userId) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> stats = (List<Map<String, Object>>) page.evaluate("() => window.__tribune.stats()");
        return stats.stream().filter(s -> userId.equals(s.get("userId")))
                .map(s -> new Inbound(userId, ((Number) s.getOrDefault("bytesReceived", 0)).longValue(),
                        ((Number) s.getOrDefault("audioLevel", 0)).doubleValue()))
                .findFirst();
    }

    public long bytesFrom(String userId) {
        return from(userId).map(Inbound::bytesReceived).orElse(0L);
    }

    public void forcePublish() {
        page.evaluate("() => window.__tribune.forcePublish()");
    }
}
