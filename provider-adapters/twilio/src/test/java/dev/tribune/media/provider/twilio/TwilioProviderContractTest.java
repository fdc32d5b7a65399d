package dev.tribune.media.provider.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tribune.media.provider.twilio.TwilioFixtures.API_KEY_SECRET;
import static dev.tribune.media.provider.twilio.TwilioFixtures.API_KEY_SID;
import static dev.tribune.media.provider.twilio.TwilioFixtures.PARTICIPANT_SID;
import static dev.tribune.media.provider.twilio.TwilioFixtures.ROOM_SID;
import static dev.tribune.media.provider.twilio.TwilioFixtures.error;
import static dev.tribune.media.provider.twilio.TwilioFixtures.page;
import static dev.tribune.media.provider.twilio.TwilioFixtures.participant;
import static dev.tribune.media.provider.twilio.TwilioFixtures.room;
import static dev.tribune.media.provider.twilio.TwilioFixtures.track;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.RtcProviderContract;
import dev.tribune.media.spi.WebhookCall;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import java.util.HashMap;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** Twilio keeps the contract every provider keeps, its Video REST API played by WireMock as Twilio documents it. */
class TwilioProviderContractTest extends RtcProviderContract {

    static final TwilioSubscribeRulesStandIn rulesStandIn = new TwilioSubscribeRulesStandIn();
    static final WireMockServer twilio = new WireMockServer(options().dynamicPort().extensions(rulesStandIn));
    /** Someone else in the room, listening: whether they may hear the user is what their subscribe rules say. */
    static final String LISTENER_SID = "PAfedcba9876543210fedcba9876543210";

    @BeforeAll
    static void start() {
        twilio.start();
    }

    @AfterAll
    static void stop() {
        twilio.stop();
    }

    static MappingBuilder authed(MappingBuilder request) {
        return request.withBasicAuth(API_KEY_SID, API_KEY_SECRET);
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @BeforeEach
    void twilioAnswersAsDocumented() {
        twilio.resetAll();
        rulesStandIn.forget();
        // GET /v1/Rooms/{UniqueName}: the room is in progress
        twilio.stubFor(authed(get(urlPathMatching("/v1/Rooms/[0-9a-f-]{36}")))
                .willReturn(json(200, room(ROOM_SID, "{{request.pathSegments.[2]}}", "in-progress")).withTransformers("response-template")));
        // completing it: done the first time, "not in progress" after
        twilio.stubFor(authed(post(urlPathEqualTo("/v1/Rooms/" + ROOM_SID))).withFormParam("Status", equalTo("completed"))
                .inScenario("end").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("completed")
                .willReturn(json(200, room(ROOM_SID, "r", "completed"))));
        twilio.stubFor(authed(post(urlPathEqualTo("/v1/Rooms/" + ROOM_SID))).withFormParam("Status", equalTo("completed"))
                .inScenario("end").whenScenarioStateIs("completed")
                .willReturn(json(400, error(400, TwilioRtcProvider.ROOM_NOT_IN_PROGRESS, "Room is not in-progress"))));
        twilio.stubFor(authed(get(urlPathEqualTo("/v1/Rooms"))).withQueryParam("PageSize", equalTo("1"))
                .willReturn(json(200, page("rooms", "https://video.twilio.com/v1/Rooms"))));
    }

    @Override
    protected RtcProvider provider() {
        return TwilioRestApiTest.provider(TwilioFixtures.settings(twilio.baseUrl()));
    }

    @Override
    protected Optional<RtcProvider> unreachableProvider() {
        twilio.stubFor(authed(get(urlPathEqualTo("/v1/Rooms"))).willReturn(json(503, error(503, 20500, "Service unavailable"))));
        return Optional.of(provider());
    }

    /** Twilio answers 401, error 20003 "Authenticate", to a key it does not know (or its wrong secret). */
    @Override
    protected Optional<RtcProvider> providerWithRefusedCredentials() {
        twilio.stubFor(any(anyUrl()).atPriority(1).willReturn(json(401, error(401, 20003, "Authenticate"))));
        return Optional.of(provider());
    }

    private final Map<UUID, Boolean> publishing = new HashMap<>();

    /**
     * The user is a connected participant (the room's list of connected participants, with a listener who joined
     * before); a speaker publishes an enabled audio track, a listener nothing. Subscribe rules are the stand-in's.
     */
    @Override
    protected void connectAtVendor(ProviderRoom room, UUID user, boolean sending) {
        publishing.put(user, sending);
        String participants = "/v1/Rooms/" + room.providerRoomId() + "/Participants";
        String tracks = participants + "/" + PARTICIPANT_SID + "/PublishedTracks";
        twilio.stubFor(authed(get(urlPathEqualTo(participants))).withQueryParam("Status", equalTo("connected"))
                .willReturn(json(200, page("participants", "https://video.twilio.com" + participants,
                        participant(room.providerRoomId(), LISTENER_SID, UUID.randomUUID().toString(), "connected"),
                        participant(room.providerRoomId(), PARTICIPANT_SID, user.toString(), "connected")))));
        twilio.stubFor(authed(get(urlPathEqualTo(tracks))).willReturn(json(200, sending
                ? page("published_tracks", "https://video.twilio.com" + tracks,
                        track(room.providerRoomId(), PARTICIPANT_SID, "MT0123456789abcdef0123456789abcdef", "audio", true))
                : page("published_tracks", "https://video.twilio.com" + tracks))));
        twilio.stubFor(authed(post(urlPathEqualTo(participants + "/" + PARTICIPANT_SID))).withFormParam("Status", equalTo("disconnected"))
                .willReturn(json(200, participant(room.providerRoomId(), PARTICIPANT_SID, user.toString(), "disconnected"))));
        twilio.stubFor(authed(any(urlPathMatching(participants + "/PA[0-9a-f]{32}/SubscribeRules")))
                .willReturn(aResponse().withTransformers(TwilioSubscribeRulesStandIn.NAME)));
    }

    /**
     * Twilio cannot withdraw publishing: a connected user who sends is heard by whoever subscribes to their audio,
     * here the listener, as the last rules written for them say. A disconnect is checked as Twilio documents it: one
     * POST to the participant, Basic auth with the API key, the form parameter {@code Status=disconnected}, and never
     * more than one; who is connected read once.
     */
    @Override
    protected AtVendor atVendor(ProviderRoom room, UUID user) {
        String participantUrl = "/v1/Rooms/" + room.providerRoomId() + "/Participants/" + PARTICIPANT_SID;
        int disconnects = twilio.findAll(postRequestedFor(urlPathEqualTo(participantUrl))).size();
        twilio.verify(disconnects, postRequestedFor(urlPathEqualTo(participantUrl))
                .withBasicAuth(new BasicCredentials(API_KEY_SID, API_KEY_SECRET))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withFormParam("Status", equalTo("disconnected")));
        assertThat(disconnects).as("disconnected once, not again").isLessThanOrEqualTo(1);
        assertThat(twilio.findAll(getRequestedFor(urlPathEqualTo("/v1/Rooms/" + room.providerRoomId() + "/Participants"))))
                .as("one read of who is connected").hasSizeLessThanOrEqualTo(1);
        List<LoggedRequest> listenersRules = twilio.findAll(postRequestedFor(
                urlPathEqualTo("/v1/Rooms/" + room.providerRoomId() + "/Participants/" + LISTENER_SID + "/SubscribeRules")));
        boolean subscribed = listenersRules.isEmpty() // Twilio's default: everything
                || listenersRules.getLast().formParameters().get("Rules").firstValue()
                        .contains("{\"type\":\"include\",\"publisher\":\"" + user + "\",\"kind\":\"audio\"}");
        boolean disconnected = disconnects > 0;
        return new AtVendor(!disconnected, !disconnected && publishing.getOrDefault(user, false) && subscribed);
    }

    /** Signed as Twilio signs (X-Twilio-Signature), with an auth token that is not ours. */
    @Override
    protected WebhookCall forgedWebhook() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("StatusCallbackEvent", "room-ended");
        params.put("RoomName", "00000000-0000-0000-0000-000000000001");
        params.put("Timestamp", "2026-11-22T10:00:00.000Z");
        return TwilioWebhookTest.call(TwilioFixtures.form(params),
                TwilioFixtures.signature("not-our-auth-token-0123456789abcdef", TwilioWebhookTest.URL, params));
    }
}
