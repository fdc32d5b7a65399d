package dev.tribune.media.provider.livekit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.test.web.servlet.client.RestTestClient;

/** What the {@code providers} health contributor's tests share: LiveKit's ListRooms, readiness, the details. */
final class LiveKitHealthKit {

    private LiveKitHealthKit() {
    }

    static MappingBuilder listRooms() {
        return post(urlEqualTo("/twirp/livekit.RoomService/ListRooms"));
    }

    /** ListRooms as LiveKit documents it: the rooms matching {@code names}, here none. */
    static void answersListRooms(WireMockServer livekit) {
        livekit.resetAll();
        livekit.stubFor(listRooms().willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"rooms\": []}")));
    }

    /** Readiness comes to {@code verdict} within a few seconds (the probe runs every 200 ms in these tests). */
    static void readiness(RestTestClient client, int status, String verdict) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> client.get().uri("/actuator/health/readiness")
                .exchange().expectStatus().isEqualTo(status).expectBody().jsonPath("$.status").isEqualTo(verdict));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> detailsOf(HealthIndicator providers, String provider) {
        return (Map<String, Object>) ((Map<String, Object>) providers.health().getDetails().get("providers")).get(provider);
    }
}
