package dev.tribune.media.provider.hms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.RtcProviderContract;
import dev.tribune.media.spi.WebhookCall;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** 100ms keeps the contract every provider keeps, its REST API (v2) played by WireMock as 100ms documents it. */
class HmsProviderContractTest extends RtcProviderContract {

    static final WireMockServer hms = new WireMockServer(wireMockConfig().dynamicPort());
    static final String HMS_ROOM = "6720a1b2c3d4e5f6a7b8c9d0";

    @BeforeAll
    static void start() {
        hms.start();
    }

    @AfterAll
    static void stop() {
        hms.stop();
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @BeforeEach
    void hmsAnswersAsDocumented() {
        hms.resetAll();
        hms.stubFor(get(urlPathEqualTo("/v2/templates/" + HmsFixtures.TEMPLATE_ID)).willReturn(json(200, HmsFixtures.goodTemplate())));
        // "Create via API": an existing name answers with that room
        hms.stubFor(post(urlPathEqualTo("/v2/rooms")).willReturn(json(200, HmsFixtures.room(HMS_ROOM, "tribune-room", true))));
        // "End active room": the session ends the first time; with none left, 404
        hms.stubFor(post(urlPathEqualTo("/v2/active-rooms/" + HMS_ROOM + "/end-room"))
                .inScenario("end").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("ended")
                .willReturn(json(200, "{\"message\": \"session termination is in progress\"}")));
        hms.stubFor(post(urlPathEqualTo("/v2/active-rooms/" + HMS_ROOM + "/end-room"))
                .inScenario("end").whenScenarioStateIs("ended")
                .willReturn(json(404, "{\"code\": 404, \"message\": \"active room not found\"}")));
        hms.stubFor(post(urlPathEqualTo("/v2/rooms/" + HMS_ROOM)).willReturn(json(200, HmsFixtures.room(HMS_ROOM, "tribune-room", false))));
    }

    @Override
    protected RtcProvider provider() {
        return HmsRestApiTest.provider(hms.baseUrl() + "/v2");
    }

    @Override
    protected Optional<RtcProvider> unreachableProvider() {
        hms.stubFor(get(urlPathEqualTo("/v2/templates/" + HmsFixtures.TEMPLATE_ID))
                .willReturn(json(502, "{\"code\": 502, \"message\": \"bad gateway\"}")));
        return Optional.of(provider());
    }

    /** 100ms refuses the management token on every call (an app secret from another app, say). */
    @Override
    protected Optional<RtcProvider> providerWithRefusedCredentials() {
        hms.stubFor(any(anyUrl()).atPriority(1)
                .willReturn(json(401, "{\"code\": 401, \"message\": \"Token validation error\", \"details\": [\"signature is invalid\"]}")));
        return Optional.of(provider());
    }

    static final String PEER = "dcd88eb0-83e6-486a-bcae-c3be5e0f2c20";

    private final Map<UUID, String> roles = new HashMap<>();

    /** "List peers" of the user answers with one peer in the speaker or listener role. */
    @Override
    protected void connectAtVendor(ProviderRoom room, UUID user, boolean publishing) {
        String role = publishing ? "speaker" : "listener";
        roles.put(user, role);
        hms.stubFor(get(urlPathEqualTo("/v2/active-rooms/" + room.providerRoomId() + "/peers")).withQueryParam("user_id", equalTo(user.toString()))
                .willReturn(json(200, HmsFixtures.peers(PEER, user.toString(), role))));
        hms.stubFor(post(urlPathEqualTo("/v2/active-rooms/" + room.providerRoomId() + "/remove-peers"))
                .willReturn(json(200, "{\"message\": \"peer removal in progress\"}")));
        hms.stubFor(post(urlPathEqualTo("/v2/active-rooms/" + room.providerRoomId() + "/peers/" + PEER))
                .willReturn(json(200, "{\"message\": \"role change in progress\"}")));
    }

    /**
     * Removed when "Remove peers" named the peer; heard when its role (after the last "Update peer") is the speaker's.
     * Each call is checked as 100ms documents it: the management token on every request, JSON bodies, "Update peer"
     * with nothing but the role, "Remove peers" with the peer and a reason.
     */
    @Override
    protected AtVendor atVendor(ProviderRoom room, UUID user) {
        for (LoggedRequest request : hms.findAll(anyRequestedFor(anyUrl()))) {
            HmsFixtures.assertManagementToken(request.getHeader("Authorization"));
            if (request.getMethod().getName().equals("POST")) {
                assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            }
        }
        String removePeers = "/v2/active-rooms/" + room.providerRoomId() + "/remove-peers";
        List<LoggedRequest> removals = hms.findAll(postRequestedFor(urlPathEqualTo(removePeers)));
        hms.verify(removals.size(), postRequestedFor(urlPathEqualTo(removePeers))
                .withRequestBody(equalToJson("{\"peer_id\": \"%s\", \"reason\": \"${json-unit.any-string}\"}".formatted(PEER))));
        boolean removed = !removals.isEmpty();
        String updatePeer = "/v2/active-rooms/" + room.providerRoomId() + "/peers/" + PEER;
        List<LoggedRequest> updates = hms.findAll(postRequestedFor(urlPathEqualTo(updatePeer)));
        String role = roles.get(user);
        if (!updates.isEmpty()) {
            String body = updates.getLast().getBodyAsString();
            role = body.contains("\"speaker\"") ? "speaker" : body.contains("\"listener\"") ? "listener" : role;
            hms.verify(updates.size(), postRequestedFor(urlPathEqualTo(updatePeer)).withRequestBody(
                    equalToJson("{\"role\": \"speaker\"}").or(equalToJson("{\"role\": \"listener\"}"))));
        }
        return new AtVendor(!removed, !removed && "speaker".equals(role));
    }

    /** 100ms' webhook carries our secret header; here it carries another value. */
    @Override
    protected WebhookCall forgedWebhook() {
        return HmsWebhooksTest.call(HmsFixtures.PUBLIC_URL + "/api/v1/webhooks/hms",
                Map.of(HmsFixtures.WEBHOOK_HEADER, "not-our-webhook-secret-not-our-webhook-secret"),
                "{\"version\": \"2.0\", \"id\": \"e1\", \"type\": \"session.close.success\", \"timestamp\": \"2026-11-22T12:58:49Z\", \"data\": {}}");
    }
}
