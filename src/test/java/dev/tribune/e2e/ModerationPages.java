package dev.tribune.e2e;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.util.function.Consumer;

/**
 * The moderation story's pages besides the room (web-client/README.md's hooks): reporting a chat line, a room's
 * reports panel, the staff queue and appeals, and the suspended sign-in with its appeal.
 */
public final class ModerationPages {

    private ModerationPages() {
    }

    /** The id a test hook ends with, e.g. {@code 42} of {@code room-report-42}, for the first element whose hook starts with {@code prefix}. */
    public static String idOf(Page page, String prefix) {
        Locator first = page.locator("[data-testid^='" + prefix + "']").first();
        first.waitFor();
        return first.getAttribute("data-testid").substring(prefix.length());
    }

    /** From the room page: reports the chat line with {@code text} for {@code reason}, and waits for the thanks. */
    public static void reportChatLine(RoomPage reporter, String text, String reason, String details) {
        reportChatLine(reporter, text, reason, details, filled -> {
        });
    }

    /** As above; {@code filled} looks at the page while the filled-in dialog is open, before it is sent. */
    public static void reportChatLine(RoomPage reporter, String text, String reason, String details, Consumer<Page> filled) {
        Locator line = reporter.page.getByTestId("chat-panel").locator("[data-testid^='chat-message-']")
                .filter(new Locator.FilterOptions().setHasText(text)).first();
        line.waitFor();
        String messageId = line.getAttribute("data-testid").substring("chat-message-".length());
        reporter.click("chat-report-" + messageId);
        reporter.waitFor("report-dialog");
        reporter.click("report-reason-" + reason);
        reporter.page.getByTestId("report-details").fill(details);
        filled.accept(reporter.page);
        reporter.click("report-submit");
        reporter.waitFor("report-done");
        reporter.click("report-close");
    }

    /** Signs in with a password and lands on {@code next} (e.g. {@code /moderation}). */
    public static Page signIn(BrowserContext person, String origin, String next, String username, String password) {
        Page page = person.newPage();
        page.navigate(origin + "/signin?next=" + next);
        submitSignIn(page, username, password);
        page.waitForURL("**" + next);
        return page;
    }

    /** Fills and submits the sign-in form of the page (already on {@code /signin}). */
    public static void submitSignIn(Page page, String username, String password) {
        page.getByTestId("signin-username").fill(username);
        page.getByTestId("signin-password").fill(password);
        page.getByTestId("signin-submit").click();
    }

    /**
     * On {@code /moderation}: finds report {@code reportId} in the queue filtered to its room (other reports may fill the
     * first page), opens it and resolves it with {@code action} and a note.
     */
    public static void resolveFromQueue(Page staff, String roomId, String reportId, String action, String note) {
        staff.getByTestId("queue-room").fill(roomId);
        staff.getByTestId("queue-filter").click();
        staff.getByTestId("queue-open-" + reportId).click();
        staff.getByTestId("report-view").waitFor();
        staff.getByTestId("resolve-" + action).click();
        staff.getByTestId("resolve-note").fill(note);
        staff.getByTestId("resolve-confirm").click();
        staff.getByTestId("report-resolution").waitFor();
    }
}
