package dev.tribune.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * axe-core (the web client's own copy, web-client/node_modules/axe-core) run on a page as it stands: a page with a
 * critical or serious violation fails, each one listed with the elements it was found on.
 */
public final class Accessibility {

    private static final Path AXE = Path.of("web-client", "node_modules", "axe-core", "axe.min.js");
    private static String axeSource;

    private Accessibility() {
    }

    /** Runs axe on {@code page} and fails listing every critical or serious violation; {@code what} names the page. */
    public static void assertNoSeriousViolations(Page page, String what) {
        if (Boolean.FALSE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.addScriptTag(new Page.AddScriptTagOptions().setContent(axe()));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate("""
                async () => {
                  const result = await window.axe.run(document, { resultTypes: ['violations'] });
                  return result.violations
                    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
                    .map((v) => ({
                      id: v.id,
                      impact: v.impact,
                      help: v.help,
                      nodes: v.nodes.map((n) => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' ')),
                    }));
                }""");
        StringBuilder listing = new StringBuilder();
        for (Map<String, Object> v : violations) {
            listing.append("\n  ").append(v.get("id")).append(" (").append(v.get("impact")).append("): ").append(v.get("help"));
            for (Object node : (List<?>) v.get("nodes")) {
                listing.append("\n    ").append(node);
            }
        }
        if (!violations.isEmpty()) {
            fail("axe on " + what + ": " + violations.size() + " critical or serious violation(s)" + listing);
        }
    }

    private static synchronized String axe() {
        if (axeSource == null) {
            try {
                axeSource = Files.readString(AXE);
            } catch (IOException e) {
                throw new UncheckedIOException("axe-core is installed with the web client (npm ci in web-client/)", e);
            }
        }
        return axeSource;
    }
}
