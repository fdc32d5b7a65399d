package dev.tribune.media.provider.hms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tribune.media.spi.ProviderUnavailable;
import dev.tribune.media.spi.RtcProvider.ParticipantState;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import dev.tribune.media.spi.WebhookUrls;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the adapter sends to 100ms' REST API (v2), against WireMock stubs that answer as 100ms documents: each call's
 * method, path, management token and JSON body, and how each documented answer is taken. What every provider does
 * (promoted, demoted, gone; ending a room twice) is HmsProviderContractTest's, which checks those calls' shape too.
 */
class HmsRestApiTest {

    static final WireMockServer hms = new WireMockServer(wireMockConfig().dynamicPort());

    static final String HMS_ROOM = "6720a1b2c3d4e5f6a7b8c9d0";
    static final String PEER = "dcd88eb0-83e6-486a-bcae-c3be5e0f2c20";

    HmsRtcProvider provider;
    final UUID room = UUID.randomUUID();
    final UUID user = UUID.randomUUID();

    @BeforeAll
    static void start() {
        hms.start();
    }

    @AfterAll
    static void stop() {
        hms.stop();
    }

    @BeforeEach
    void fresh() {
        hms.resetAll();
        provider = provider(hms.baseUrl() + "/v2");
    }

    @AfterEach
    void closeClient() {
        provider.close();
    }

    static HmsRtcProvider provider(String baseUrl) {
        HmsProperties properties = HmsFixtures.properties(baseUrl);
        HmsTokens tokens = new HmsTokens(properties.accessKey(), properties.appSecret(), Clock.systemUTC());
        return new HmsRtcProvider(properties, new HmsApi(properties, tokens), tokens, new WebhookUrls(HmsFixtures.PUBLIC_URL));
    }

    ProviderRoom providerRoom() {
        return new ProviderRoom(room, HMS_ROOM);
    }

    /** Every request carried our management token, and POSTs a JSON body. */
    static void everyRequestWasAuthenticated() {
        List<LoggedRequest> requests = hms.findAll(anyRequestedFor(anyUrl()));
        assertThat(requests).isNotEmpty();
        for (LoggedRequest request : requests) {
            HmsFixtures.assertManagementToken(request.getHeader("Authorization"));
            if (request.getMethod().getName().equals("POST")) {
                assertThat(request.getHeader("Content-Type")).startsWith("application/json");
            }
        }
    }

    void stubTemplate(String body) {
        hms.stubFor(get("/v2/templates/" + HmsFixtures.TEMPLATE_ID).willReturn(okJson(body)));
    }

    @Test
    void createsA100msRoomNamedAfterTheTribuneRoomWithTheTemplateAndOurWebhookAndReturnsItsId() {
        stubTemplate(HmsFixtures.goodTemplate());
        hms.stubFor(post("/v2/rooms").willReturn(okJson(HmsFixtures.room(HMS_ROOM, room.toString(), true))));

        assertThat(provider.ensureRoom(room)).isEqualTo(HMS_ROOM);

        hms.verify(postRequestedFor(urlEqualTo("/v2/rooms")).withRequestBody(equalToJson("""
                {"name": "%s", "template_id": "%s",
                 "webhook": {"url": "https://tribune.example.test/api/v1/webhooks/hms",
                             "headers": {"X-Tribune-Webhook-Secret": "%s"}}}""".formatted(room, HmsFixtures.TEMPLATE_ID,
                HmsFixtures.WEBHOOK_SECRET))));
        everyRequestWasAuthenticated();
    }

    @Test
    void isIdempotent100msAnswersTheExistingRoomForAKnownNameAndTheTemplateIsCheckedOnce() {
        stubTemplate(HmsFixtures.goodTemplate());
        hms.stubFor(post("/v2/rooms").willReturn(okJson(HmsFixtures.room(HMS_ROOM, room.toString(), true))));

        assertThat(provider.ensureRoom(room)).isEqualTo(HMS_ROOM);
        assertThat(provider.ensureRoom(room)).isEqualTo(HMS_ROOM);

        hms.verify(2, postRequestedFor(urlEqualTo("/v2/rooms")));
        hms.verify(1, getRequestedFor(urlEqualTo("/v2/templates/" + HmsFixtures.TEMPLATE_ID)));
    }

    @Test
    void reEnablesARoomThatAnEarlierEndLocked() {
        stubTemplate(HmsFixtures.goodTemplate());
        hms.stubFor(post("/v2/rooms").willReturn(okJson(HmsFixtures.room(HMS_ROOM, room.toString(), false))));
        hms.stubFor(post("/v2/rooms/" + HMS_ROOM).willReturn(okJson(HmsFixtures.room(HMS_ROOM, room.toString(), true))));

        assertThat(provider.ensureRoom(room)).isEqualTo(HMS_ROOM);

        hms.verify(postRequestedFor(urlEqualTo("/v2/rooms/" + HMS_ROOM)).withRequestBody(equalToJson("{\"enabled\": true}")));
        everyRequestWasAuthenticated();
    }

    @Test
    void refusesATemplateWhoseListenerRoleMayPublishNamingTheRoleToFix() {
        stubTemplate(HmsFixtures.template("[\"audio\"]", "[\"audio\"]"));

        assertThatThrownBy(() -> provider.ensureRoom(room)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("role 'listener' may publish [audio]").hasMessageContaining("publishParams.allowed = []");
        hms.verify(0, postRequestedFor(urlEqualTo("/v2/rooms")));
    }

    @Test
    void refusesATemplateWhoseSpeakerRoleMayNotPublishAudio() {
        stubTemplate(HmsFixtures.template("[\"video\"]", "[]"));

        assertThatThrownBy(() -> provider.ensureRoom(room)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("role 'speaker' may not publish audio");
    }

    @Test
    void refusesATemplateWithoutTheConfiguredRolesAndChecksAgainOnceItIsFixed() {
        stubTemplate(HmsFixtures.goodTemplate().replace("\"listener\"", "\"audience\""));
        assertThatThrownBy(() -> provider.ensureRoom(room)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no role 'listener' (tribune.rtc.hms.listener-role)");

        stubTemplate(HmsFixtures.goodTemplate());
        hms.stubFor(post("/v2/rooms").willReturn(okJson(HmsFixtures.room(HMS_ROOM, room.toString(), true))));
        assertThat(provider.ensureRoom(room)).isEqualTo(HMS_ROOM);
    }

    @Test
    void anUnknownTemplateIsAMisconfigurationNotAnOutage() {
        hms.stubFor(get("/v2/templates/" + HmsFixtures.TEMPLATE_ID).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":404,\"message\":\"template not found\"}")));

        assertThatThrownBy(() -> provider.ensureRoom(room)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tribune.rtc.hms.template-id");
    }

    @Test
    void aRefusedCreateCarries100msOwnMessage() {
        stubTemplate(HmsFixtures.goodTemplate());
        hms.stubFor(post("/v2/rooms").willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":400,\"message\":\"Error: template not found\",\"details\":[]}")));

        assertThatThrownBy(() -> provider.ensureRoom(room)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("POST /rooms (400): Error: template not found");
    }

    void stubPeers(String role) {
        hms.stubFor(get(urlPathEqualTo("/v2/active-rooms/" + HMS_ROOM + "/peers")).withQueryParam("user_id", equalTo(user.toString()))
                .willReturn(okJson(HmsFixtures.peers(PEER, user.toString(), role))));
    }

    void stubUpdatePeer() {
        hms.stubFor(post("/v2/active-rooms/" + HMS_ROOM + "/peers/" + PEER).willReturn(okJson("""
                {"id": "%s", "name": "Someone", "user_id": "%s", "metadata": "", "role": "speaker",
                 "joined_at": "2026-11-22T12:56:17.759148635Z", "tracks": {}}""".formatted(PEER, user))));
    }

    @Test
    void aForcedMuteMovesASpeakerToTheListenerRoleAndLiftingItMovesThemBack() {
        stubPeers("speaker");
        stubUpdatePeer();
        provider.reconcile(providerRoom(), user, new ParticipantState(true, true, true));
        hms.verify(postRequestedFor(urlEqualTo("/v2/active-rooms/" + HMS_ROOM + "/peers/" + PEER))
                .withRequestBody(equalToJson("{\"role\": \"listener\"}")));

        stubPeers("listener");
        provider.reconcile(providerRoom(), user, new ParticipantState(true, true, false));
        hms.verify(postRequestedFor(urlEqualTo("/v2/active-rooms/" + HMS_ROOM + "/peers/" + PEER))
                .withRequestBody(equalToJson("{\"role\": \"speaker\"}")));
    }

    @Test
    void aPeerAlreadyInTheRightRoleIsLeftAlone() {
        stubPeers("listener");

        provider.reconcile(providerRoom(), user, new ParticipantState(true, false, false));

        hms.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void everyPeerOfTheUserIsBroughtInLineWhenTheyAreConnectedTwice() {
        hms.stubFor(get(urlPathEqualTo("/v2/active-rooms/" + HMS_ROOM + "/peers")).willReturn(okJson("""
                {"peers": {
                  "p-1": {"id": "p-1", "name": "A", "user_id": "%1$s", "metadata": "", "role": "speaker", "joined_at": "2026-11-22T12:06:34Z"},
                  "p-2": {"id": "p-2", "name": "A", "user_id": "%1$s", "metadata": "", "role": "speaker", "joined_at": "2026-11-22T12:07:34Z"}}}"""
                .formatted(user))));
        hms.stubFor(post(urlPathEqualTo("/v2/active-rooms/" + HMS_ROOM + "/remove-peers")).willReturn(okJson("{\"message\":\"peer remove request submitted\"}")));

        provider.reconcile(providerRoom(), user, new ParticipantState(false, false, false));

        hms.verify(postRequestedFor(urlEqualTo("/v2/active-rooms/" + HMS_ROOM + "/remove-peers")).withRequestBody(equalToJson("{\"peer_id\":\"p-1\"}", true, true)));
        hms.verify(postRequestedFor(urlEqualTo("/v2/active-rooms/" + HMS_ROOM + "/remove-peers")).withRequestBody(equalToJson("{\"peer_id\":\"p-2\"}", true, true)));
    }

    @Test
    void noLiveSessionIsNothingToDo() {
        hms.stubFor(get(urlPathEqualTo("/v2/active-rooms/" + HMS_ROOM + "/peers")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":404,\"message\":\"room not active\"}")));

        provider.reconcile(providerRoom(), user, new ParticipantState(false, false, false));

        hms.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void noPeerOfTheUserIsNothingToDo() {
        hms.stubFor(get(urlPathEqualTo("/v2/active-rooms/" + HMS_ROOM + "/peers")).willReturn(okJson("{\"peers\": {}}")));

        provider.reconcile(providerRoom(), user, new ParticipantState(true, true, false));

        hms.verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void aPeerThatLeftMeanwhileIsNotAnError() {
        stubPeers("listener");
        hms.stubFor(post("/v2/active-rooms/" + HMS_ROOM + "/peers/" + PEER).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":404,\"message\":\"peer not found\"}")));

        provider.reconcile(providerRoom(), user, new ParticipantState(true, true, false));
    }

    @Test
    void endsTheLiveSessionAndLocksTheRoom() {
        hms.stubFor(post("/v2/active-rooms/" + HMS_ROOM + "/end-room").willReturn(okJson("{\"message\":\"session is ending\"}")));

        provider.endRoom(providerRoom());

        hms.verify(postRequestedFor(urlEqualTo("/v2/active-rooms/" + HMS_ROOM + "/end-room"))
                .withRequestBody(equalToJson("{\"reason\": \"${json-unit.any-string}\", \"lock\": true}")));
        hms.verify(0, postRequestedFor(urlEqualTo("/v2/rooms/" + HMS_ROOM)));
        everyRequestWasAuthenticated();
    }

    @Test
    void withNoLiveSessionTheRoomIsDisabledSoNoOldTokenCanStartOne() {
        hms.stubFor(post("/v2/active-rooms/" + HMS_ROOM + "/end-room").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":404,\"message\":\"session not found\"}")));
        hms.stubFor(post("/v2/rooms/" + HMS_ROOM).willReturn(okJson(HmsFixtures.room(HMS_ROOM, room.toString(), false))));

        provider.endRoom(providerRoom());

        hms.verify(postRequestedFor(urlEqualTo("/v2/rooms/" + HMS_ROOM)).withRequestBody(equalToJson("{\"enabled\": false}")));
    }

    @Test
    void aRoomThatIsGoneAltogetherIsEnded() {
        hms.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(404)));

        provider.endRoom(providerRoom());
    }

    @Test
    void aServerErrorIsAnOutage() {
        hms.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(500).withBody("{\"code\":500,\"message\":\"internal error\"}")));

        assertThatThrownBy(() -> provider.reconcile(providerRoom(), user, new ParticipantState(true, true, false)))
                .isInstanceOf(ProviderUnavailable.class).hasMessageContaining("500");
    }

    @Test
    void aServiceUnavailableIsAnOutage() {
        hms.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(503)));

        assertThatThrownBy(() -> provider.endRoom(providerRoom())).isInstanceOf(ProviderUnavailable.class);
        hms.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void beingRateLimitedIsAnOutageAndIsNotRetriedHere() {
        hms.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

        assertThatThrownBy(() -> provider.ensureRoom(room)).isInstanceOf(ProviderUnavailable.class).hasMessageContaining("429");
        hms.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aRefusedConnectionIsAnOutage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HmsRtcProvider unreachable = provider("http://127.0.0.1:" + closedPort + "/v2");

        try {
            assertThatThrownBy(() -> unreachable.endRoom(providerRoom())).isInstanceOf(ProviderUnavailable.class)
                    .hasMessageContaining("could not be reached");
        } finally {
            unreachable.close();
        }
    }

    @Test
    void anAnswerSlowerThanTheReadTimeoutIsAnOutage() {
        hms.stubFor(post(anyUrl()).willReturn(okJson("{\"message\":\"session is ending\"}").withFixedDelay(3_000)));

        assertThatThrownBy(() -> provider.endRoom(providerRoom())).isInstanceOf(ProviderUnavailable.class);
    }

    @Test
    void anAnswerThatIsNotJsonIsAnOutage() {
        hms.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(200).withBody("<html>gateway</html>")));

        assertThatThrownBy(() -> provider.reconcile(providerRoom(), user, new ParticipantState(true, true, false)))
                .isInstanceOf(ProviderUnavailable.class);
    }

    @Test
    void aForbiddenCallIsAMisconfigurationWithAClearMessage() {
        hms.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":403,\"message\":\"forbidden\"}")));

        assertThatThrownBy(() -> provider.endRoom(providerRoom())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("403").hasMessageContaining("tribune.rtc.hms.access-key");
        hms.verify(1, postRequestedFor(anyUrl()));
    }

    @Test
    void aRefusedManagementTokenIsRenewedAndThatOneCallSentOnceMore() {
        hms.stubFor(post("/v2/active-rooms/" + HMS_ROOM + "/end-room").inScenario("token").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"code\":401,\"message\":\"Token validation error\",\"details\":[\"token expired\"]}"))
                .willSetStateTo("renewed"));
        hms.stubFor(post("/v2/active-rooms/" + HMS_ROOM + "/end-room").inScenario("token").whenScenarioStateIs("renewed")
                .willReturn(okJson("{\"message\":\"session is ending\"}")));

        provider.endRoom(providerRoom());

        List<LoggedRequest> calls = hms.findAll(postRequestedFor(urlEqualTo("/v2/active-rooms/" + HMS_ROOM + "/end-room")));
        assertThat(calls).hasSize(2);
        String first = calls.get(0).getHeader("Authorization").substring(7);
        String second = calls.get(1).getHeader("Authorization").substring(7);
        assertThat(JWT.decode(second).getId()).as("a fresh management token").isNotEqualTo(JWT.decode(first).getId());
        everyRequestWasAuthenticated();
    }

    @Test
    void aManagementTokenRefusedTwiceIsAMisconfigurationAndIsNotTriedAThirdTime() {
        hms.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                .withBody("{\"code\":401,\"message\":\"Token validation error\",\"details\":[\"not found\"]}")));

        assertThatThrownBy(() -> provider.endRoom(providerRoom())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("401").hasMessageContaining("Token validation error")
                .hasMessageContaining("tribune.rtc.hms.app-secret");
        hms.verify(2, postRequestedFor(anyUrl()));
    }
}
