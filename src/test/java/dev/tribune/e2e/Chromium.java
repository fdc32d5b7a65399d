package dev.tribune.e2e;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.util.List;
import java.util.Map;

/**
 * Debian's headless Chromium, run inside a {@link TestNetwork} through its wrapper, with a fake microphone that plays
 * a beep (MACHINE.md's flags). Playwright never downloads a browser of its own here.
 */
public final class Chromium implements AutoCloseable {

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** @param origin the plain-http origin the pages come from, treated as secure so they may use the microphone */
    public static Chromium launch(TestNetwork network, String origin) {
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(network.chromiumWrapper())
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--use-fake-device-for-media-stream",
                            "--use-fake-ui-for-media-stream", "--disable-background-networking", "--disable-component-update",
                            "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required",
                            "--allow-loopback-in-peer-connection", "--unsafely-treat-insecure-origin-as-secure=" + origin)));
            return new Chromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /** A new browser profile: each person in a test gets their own, as separate people on separate machines would. */
    public BrowserContext newPerson() {
        return browser.newContext(new Browser.NewContextOptions().setPermissions(List.of("microphone")));
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
        }
    }
}
