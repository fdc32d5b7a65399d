package dev.tribune.media.provider.janus;

import dev.tribune.ApiTest;
import dev.tribune.e2e.Chromium;
import dev.tribune.e2e.E2e;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that put real Chromium pages of the web client in a room on a real Janus (ops/janus, in a
 * network namespace of the test's making): the Janus, the service's settings for it, and the origin the pages load.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
abstract class JanusBrowserTest extends ApiTest {

    static JanusTestServer janus;
    static Chromium chromium;

    @BeforeAll
    static void janusAndBrowsers() throws Exception {
        E2e.need(JanusBrowserTest.class.getResource("/static/index.html") != null,
                "the web client is not built (web-client/, built by the Maven build)");
        janus = JanusTestServer.started();
    }

    @AfterAll
    static void close() throws Exception {
        if (chromium != null) {
            chromium.close();
            chromium = null;
        }
        if (janus != null) {
            janus.close();
            janus = null;
        }
    }

    @DynamicPropertySource
    static void janusSettings(DynamicPropertyRegistry registry) {
        JanusTestServer.serviceSettings(registry, () -> janus);
    }

    String origin() {
        return "http://" + janus.network().hostAddress() + ":" + port;
    }
}
