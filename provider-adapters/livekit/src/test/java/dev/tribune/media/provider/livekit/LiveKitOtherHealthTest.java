package dev.tribune.media.provider.livekit;

import static dev.tribune.media.provider.livekit.LiveKitHealthKit.detailsOf;
import static dev.tribune.media.provider.livekit.LiveKitHealthKit.readiness;
import static dev.tribune.media.provider.livekit.LiveKitTestKit.API_KEY;
import static dev.tribune.media.provider.livekit.LiveKitTestKit.API_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** LiveKit is active but not the default, and cannot be reached: it shows, and the instance stays ready. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LiveKitOtherHealthTest extends ApiTest {

    /** Connection refused: nothing listens there. */
    static final int NOTHING_LISTENS = freePort();

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void livekit(DynamicPropertyRegistry registry) {
        registry.add("tribune.rtc.livekit.url", () -> "ws://localhost:" + NOTHING_LISTENS);
        registry.add("tribune.rtc.livekit.api-key", () -> API_KEY);
        registry.add("tribune.rtc.livekit.api-secret", () -> API_SECRET);
        registry.add("tribune.rtc.probe-interval", () -> "200ms");
    }

    @Autowired
    @Qualifier("providers")
    HealthIndicator providers;

    @Test
    void anotherProviderThatCannotBeReachedShowsButLeavesTheInstanceReady() {
        readiness(client, 200, "UP");
        assertThat(providers.health().getStatus()).isEqualTo(Status.UP);
        assertThat(providers.health().getDetails()).containsEntry("default", "mesh");
        assertThat(detailsOf(providers, "mesh")).containsEntry("reachable", true);
        assertThat(detailsOf(providers, "livekit")).containsEntry("reachable", false);
        assertThat((String) detailsOf(providers, "livekit").get("reason")).contains("could not be reached");
    }
}
