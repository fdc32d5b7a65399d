package dev.tribune.media.provider.livekit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tribune.media.RtcProvider;
import dev.tribune.media.RtcProviderContract;
import dev.tribune.media.WebhookCall;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** LiveKit keeps the contract every provider keeps, its RoomService played by WireMock as LiveKit documents it. */
class LiveKitProviderContractTest extends RtcProviderContract {

    static final WireMockServer LIVEKIT = new WireMockServer(wireMockConfig().dynamicPort());

    @BeforeAll
    static void start() {
        LIVEKIT.start();
    }

    @AfterAll
    static void stop() {
        LIVEKIT.stop();
    }

    @BeforeEach
    void liveKitAnswersAsDocumented() {
        LIVEKIT.resetAll();
        LIVEKIT.stubFor(twirp("CreateRoom").willReturn(json(200, """
                {"sid": "RM_contract", "name": "{{jsonPath request.body '$.name'}}", "empty_timeout": 600,
                 "departure_timeout": 30, "max_participants": 3000, "creation_time": "1795341600", "num_participants": 0}""")
                .withTransformers("response-template")));
        LIVEKIT.stubFor(twirp("DeleteRoom").willReturn(json(200, "{}")));
        LIVEKIT.stubFor(twirp("ListRooms").willReturn(json(200, "{\"rooms\": []}")));
    }

    static com.github.tomakehurst.wiremock.client.MappingBuilder twirp(String method) {
        return post(urlEqualTo("/twirp/livekit.RoomService/" + method));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Override
    protected RtcProvider provider() {
        return LiveKitTestKit.provider(LiveKitTestKit.properties("ws://localhost:" + LIVEKIT.port(), null), LiveKitTestKit.CLOCK);
    }

    @Override
    protected Optional<RtcProvider> unreachableProvider() {
        LIVEKIT.stubFor(twirp("ListRooms").willReturn(json(503, "{\"code\": \"unavailable\", \"msg\": \"shutting down\"}")));
        return Optional.of(provider());
    }

    @Override
    protected Instant now() {
        return LiveKitTestKit.NOW;
    }

    /** Signed as LiveKit signs, with a secret that is not ours. */
    @Override
    protected WebhookCall forgedWebhook() {
        return LiveKitTestKit.webhook("{\"event\": \"room_finished\"}", "not-our-secret-not-our-secret-0123456789",
                LiveKitTestKit.API_KEY, LiveKitTestKit.NOW);
    }
}
