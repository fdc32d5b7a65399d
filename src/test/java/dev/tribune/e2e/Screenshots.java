package dev.tribune.e2e;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ViewportSize;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Full-page pictures of a page as a phone (360 px wide) and a desktop (1280 px) show it, kept with the build's output in
 * target/screenshots/{@code <name>}-360.png and -1280.png for a person to look at.
 */
public final class Screenshots {

    public static final Path FOLDER = Path.of("target", "screenshots");

    private Screenshots() {
    }

    /** Saves both pictures of {@code page}, then gives the page back the size it had. */
    public static void save(Page page, String name) {
        ViewportSize before = page.viewportSize();
        try {
            Files.createDirectories(FOLDER);
            shoot(page, name, 360, 780);
            shoot(page, name, 1280, 800);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (before != null) {
                page.setViewportSize(before.width, before.height);
            }
        }
    }

    private static void shoot(Page page, String name, int width, int height) {
        page.setViewportSize(width, height);
        // let the layout settle at the new width (fonts, wrapping) before the picture
        page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))");
        page.screenshot(new Page.ScreenshotOptions().setPath(FOLDER.resolve(name + "-" + width + ".png")).setFullPage(true));
    }
}
