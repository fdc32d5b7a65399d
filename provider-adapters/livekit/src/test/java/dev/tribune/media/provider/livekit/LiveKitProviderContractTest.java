package dev.tribune.media.provider.livekit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.RtcProviderContract;
import dev.tribune.media.spi.WebhookCall;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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

    static MappingBuilder twirp(String method) {
        return post(urlEqualTo("/twirp/livekit.RoomService/" + method));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
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

    /** LiveKit answers Twirp's "unauthenticated" (HTTP 401) to a token signed with another key's secret. */
    @Override
    protected Optional<RtcProvider> providerWithRefusedCredentials() {
        LIVEKIT.stubFor(twirp("ListRooms").willReturn(json(401, "{\"code\": \"unauthenticated\", \"msg\": \"invalid token\"}")));
        return Optional.of(provider());
    }

    private final Map<UUID, Boolean> publishing = new HashMap<>();

    /** GetParticipant answers with the participant's permission and one unmuted microphone track. */
    @Override
    protected void connectAtVendor(ProviderRoom room, UUID user, boolean mayPublish) {
        publishing.put(user, mayPublish);
        LIVEKIT.stubFor(twirp("GetParticipant").withRequestBody(matchingJsonPath("$.identity", equalTo(user.toString())))
                .willReturn(json(200, """
                        {"sid": "PA_1", "identity": "%s", "state": "ACTIVE",
                         "tracks": [{"sid": "TR_mic", "type": "AUDIO", "muted": false, "source": "MICROPHONE"}],
                         "permission": {"can_subscribe": true, "can_publish": %s, "can_publish_data": false,
                           "can_publish_sources": [%s], "hidden": false, "recorder": false, "can_update_metadata": false,
                           "agent": false, "can_subscribe_metrics": false, "can_manage_agent_session": false}}"""
                        .formatted(user, mayPublish, mayPublish ? "\"MICROPHONE\"" : ""))));
        LIVEKIT.stubFor(twirp("UpdateParticipant").willReturn(json(200, "{\"identity\": \"" + user + "\"}")));
        LIVEKIT.stubFor(twirp("RemoveParticipant").willReturn(json(200, "{}")));
    }

    /**
     * Removed when RemoveParticipant named them; may be heard as the last UpdateParticipant (or their start) says.
     * Each call is checked as the RoomService takes it: a token with only room admin for this room, RemoveParticipant
     * revoking the tokens issued before now (and no look-up first), UpdateParticipant with the whole permission set
     * (the microphone alone, or nothing), at most one of each, and never MutePublishedTrack (which the client could
     * undo).
     */
    @Override
    protected AtVendor atVendor(ProviderRoom room, UUID user) {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, Object> roomAdmin = Map.of("roomAdmin", true, "room", room.providerRoomId());
        List<LoggedRequest> removals = LIVEKIT.findAll(postRequestedFor(urlEqualTo("/twirp/livekit.RoomService/RemoveParticipant"))
                .withRequestBody(matchingJsonPath("$.identity", equalTo(user.toString()))));
        assertThat(removals).hasSizeLessThanOrEqualTo(1);
        boolean removed = !removals.isEmpty();
        if (removed) {
            assertThat(json.readTree(removals.getFirst().getBodyAsString())).isEqualTo(json.readTree("""
                    {"room": "%s", "identity": "%s", "revoke_token_ts": %d}""".formatted(room.providerRoomId(), user, now().getEpochSecond())));
            assertThat(LiveKitTestKit.apiGrant(removals.getFirst().getHeader("Authorization"), LiveKitTestKit.CLOCK))
                    .containsExactlyInAnyOrderEntriesOf(roomAdmin);
            assertThat(LIVEKIT.findAll(postRequestedFor(urlEqualTo("/twirp/livekit.RoomService/GetParticipant"))))
                    .as("someone gone is removed without a look-up").isEmpty();
        }
        List<LoggedRequest> updates = LIVEKIT.findAll(postRequestedFor(urlEqualTo("/twirp/livekit.RoomService/UpdateParticipant"))
                .withRequestBody(matchingJsonPath("$.identity", equalTo(user.toString()))));
        assertThat(updates).hasSizeLessThanOrEqualTo(1);
        boolean mayPublish = publishing.getOrDefault(user, false);
        if (!updates.isEmpty()) {
            JsonNode permission = json.readTree(updates.getLast().getBodyAsString()).path("permission");
            mayPublish = permission.path("can_publish").asBoolean(false)
                    && permission.path("can_publish_sources").toString().contains("MICROPHONE");
            assertThat(json.readTree(updates.getLast().getBodyAsString())).isEqualTo(json.readTree("""
                    {"room": "%s", "identity": "%s", "permission": %s}""".formatted(room.providerRoomId(), user,
                    LiveKitRoomServiceTest.permission(mayPublish))));
            assertThat(LiveKitTestKit.apiGrant(updates.getLast().getHeader("Authorization"), LiveKitTestKit.CLOCK))
                    .containsExactlyInAnyOrderEntriesOf(roomAdmin);
        }
        assertThat(LIVEKIT.findAll(postRequestedFor(urlEqualTo("/twirp/livekit.RoomService/MutePublishedTrack")))).isEmpty();
        for (LoggedRequest request : LIVEKIT.findAll(postRequestedFor(urlMatching("/twirp/livekit\\.RoomService/.*")))) {
            assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        }
        return new AtVendor(!removed, !removed && mayPublish);
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
