package dev.tribune.media.provider.livekit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.tribune.media.provider.livekit.LiveKitHealthKit.answersListRooms;
import static dev.tribune.media.provider.livekit.LiveKitHealthKit.detailsOf;
import static dev.tribune.media.provider.livekit.LiveKitHealthKit.listRooms;
import static dev.tribune.media.provider.livekit.LiveKitHealthKit.readiness;
import static dev.tribune.media.provider.livekit.LiveKitTestKit.API_KEY;
import static dev.tribune.media.provider.livekit.LiveKitTestKit.API_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.tribune.ApiTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** LiveKit, played by WireMock, is the default provider: readiness follows whether it can be reached. */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LiveKitDefaultHealthTest extends ApiTest {

    static final WireMockServer LIVEKIT = started();

    static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        answersListRooms(server);
        return server;
    }

    @DynamicPropertySource
    static void livekit(DynamicPropertyRegistry registry) {
        registry.add("tribune.rtc.livekit.url", () -> "ws://localhost:" + LIVEKIT.port());
        registry.add("tribune.rtc.livekit.api-key", () -> API_KEY);
        registry.add("tribune.rtc.livekit.api-secret", () -> API_SECRET);
        registry.add("tribune.rtc.provider", () -> "livekit");
        registry.add("tribune.rtc.probe-interval", () -> "200ms");
    }

    @AfterAll
    static void stopLiveKit() {
        LIVEKIT.stop();
    }

    @Autowired
    @Qualifier("providers")
    HealthIndicator providers;

    @AfterEach
    void liveKitBack() {
        answersListRooms(LIVEKIT);
    }

    @Test
    void readyWhileLiveKitAnswersAndNotWhileItFails() {
        readiness(client, 200, "UP");
        assertThat(detailsOf(providers, "livekit")).containsEntry("reachable", true);

        LIVEKIT.stubFor(listRooms().willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                .withBody("{\"code\": \"internal\", \"msg\": \"internal error\"}")));
        readiness(client, 503, "DOWN");
        assertThat(providers.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(detailsOf(providers, "livekit")).containsEntry("reachable", false);
        assertThat((String) detailsOf(providers, "livekit").get("reason")).contains("ListRooms");

        answersListRooms(LIVEKIT);
        readiness(client, 200, "UP");
    }

    @Test
    void notReadyWhileTheConnectionFails() {
        readiness(client, 200, "UP");
        LIVEKIT.stubFor(listRooms().willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        readiness(client, 503, "DOWN");
        assertThat((String) detailsOf(providers, "livekit").get("reason")).contains("could not be reached");
    }
}
