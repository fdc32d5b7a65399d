package dev.tribune.e2e;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Whether real-browser tests must run here. In CI ({@code TRIBUNE_E2E=required}) a missing prerequisite fails the
 * build; on a developer's laptop (no chromium, no right to make network namespaces) the tests are skipped, saying why.
 */
public final class E2e {

    private E2e() {
    }

    public static boolean required() {
        return "required".equalsIgnoreCase(System.getenv("TRIBUNE_E2E"));
    }

    public static void need(boolean available, String what) {
        if (required()) {
            Assertions.assertTrue(available, "TRIBUNE_E2E=required, but " + what);
        } else {
            Assumptions.assumeTrue(available, "skipped: " + what + " (set TRIBUNE_E2E=required to make this a failure)");
        }
    }
}
