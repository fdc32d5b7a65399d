package dev.tribune.e2e;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;

/**
 * The room page's people as a person (and a screen reader) finds them, by the accessible names of issue 15: the
 * "Stage" and "Audience" lists, a person's name opening their menu ({@code aria-haspopup="menu"}), its items by name
 * ("Invite to speak", "Mute", ...), and the confirmation some of them ask for.
 */
public final class PersonMenus {

    private PersonMenus() {
    }

    public static Locator stage(Page page) {
        return page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Stage"))
                .or(page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Stage"))).first();
    }

    public static Locator audience(Page page) {
        return page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Audience"))
                .or(page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Audience"))).first();
    }

    /** The button with {@code person}'s name in {@code where} that opens their menu. */
    public static Locator personButton(Locator where, String person) {
        return where.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(person))
                .and(where.locator("[aria-haspopup='menu']")).first();
    }

    /** Opens {@code person}'s menu in {@code where}. */
    public static void open(Page page, Locator where, String person) {
        personButton(where, person).click();
        page.getByRole(AriaRole.MENU).first().waitFor();
    }

    /** Opens {@code person}'s menu in {@code where}, chooses {@code action} and confirms it if the page asks. */
    public static void choose(Page page, Locator where, String person, String action) {
        open(page, where, person);
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName(action).setExact(true)).click();
        confirmIfAsked(page, action);
    }

    /**
     * As {@link #choose}, by keyboard alone: Tab-reachable name button, Enter opens the menu on its first item, arrow
     * keys move to {@code action}, Enter chooses it.
     */
    public static void chooseByKeyboard(Page page, Locator where, String person, String action) {
        personButton(where, person).focus();
        page.keyboard().press("Enter");
        page.getByRole(AriaRole.MENU).first().waitFor();
        for (int moves = 0; !action.equals(focusedText(page)); moves++) {
            if (moves > 20) {
                throw new AssertionError("no menu item \"" + action + "\" reached with the arrow keys; focus is on \"" + focusedText(page) + "\"");
            }
            page.keyboard().press("ArrowDown");
        }
        page.keyboard().press("Enter");
        confirmIfAsked(page, action);
    }

    private static String focusedText(Page page) {
        return String.valueOf(page.evaluate("() => (document.activeElement && document.activeElement.textContent || '').trim()"));
    }

    /**
     * When a dialog opens after {@code action} (e.g. "Remove from room", "End room"), answers yes: its button of the
     * same name, else its last button that is not Cancel.
     */
    public static void confirmIfAsked(Page page, String action) {
        Locator dialog = page.getByRole(AriaRole.DIALOG).first();
        try {
            dialog.waitFor(new Locator.WaitForOptions().setTimeout(2_000));
        } catch (PlaywrightException none) {
            return;
        }
        Locator same = dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(action).setExact(true));
        if (same.count() > 0) {
            same.first().click();
        } else {
            dialog.getByRole(AriaRole.BUTTON).filter(new Locator.FilterOptions().setHasNotText("Cancel")).last().click();
        }
        dialog.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
    }
}
