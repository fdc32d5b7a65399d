package dev.tribune.media.provider.livekit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.tribune.media.provider.livekit.LiveKitTestKit.CLOCK;
import static dev.tribune.media.provider.livekit.LiveKitTestKit.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tribune.media.spi.ProviderUnavailable;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.RtcProvider.ParticipantState;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The requests the adapter sends to LiveKit's RoomService (protobufs/livekit_room.proto, Twirp JSON), each with a
 * Bearer token holding only the grant the server checks for that method (livekit/livekit pkg/service/roomservice.go:
 * EnsureCreatePermission for CreateRoom/DeleteRoom, EnsureAdminPermission with the room for participant calls),
 * and what it makes of the answers. Answers are shaped as the Twirp server writes them: proto field names, every
 * field present, enums by name, int64 as strings; errors as {@code {"code", "msg"}} with Twirp's HTTP statuses.
 * What every provider does (removal with older tokens revoked, promotion, demotion and forced mute as permission
 * updates, ending twice) is LiveKitProviderContractTest's, which checks those requests' bodies and tokens too.
 */
class LiveKitRoomServiceTest {

    @RegisterExtension
    static WireMockExtension livekit = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    static final UUID ROOM_ID = UUID.fromString("0196a3b2-7c41-7d2e-9f00-00000000a001");
    static final String ROOM = ROOM_ID.toString();
    static final UUID USER = UUID.fromString("0196a3b2-7c41-7d2e-9f00-00000000b002");
    static final String IDENTITY = USER.toString();
    static final ProviderRoom PROVIDER_ROOM = new ProviderRoom(ROOM_ID, ROOM);

    static final ParticipantState LISTENER = new ParticipantState(true, false, false);
    static final ParticipantState SPEAKER = new ParticipantState(true, true, false);
    static final ParticipantState FORCE_MUTED_SPEAKER = new ParticipantState(true, true, true);
    static final ParticipantState GONE = new ParticipantState(false, false, false);

    LiveKitRtcProvider provider() {
        // url is what browsers use; the API is reached at api-url
        return LiveKitTestKit.provider(LiveKitTestKit.properties("wss://livekit.tribune.test", livekit.baseUrl()), CLOCK);
    }

    static String path(String method) {
        return "/twirp/livekit.RoomService/" + method;
    }

    static void answer(String method, int status, String body) {
        livekit.stubFor(post(urlEqualTo(path(method)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
    }

    static LoggedRequest only(String method) {
        List<LoggedRequest> requests = livekit.findAll(postRequestedFor(urlEqualTo(path(method))));
        assertThat(requests).as(method + " requests").hasSize(1);
        LoggedRequest request = requests.getFirst();
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        return request;
    }

    static Map<String, Object> grantOf(LoggedRequest request) {
        return LiveKitTestKit.apiGrant(request.getHeader("Authorization"), CLOCK);
    }

    /** A ParticipantInfo as GetParticipant / UpdateParticipant answer it. */
    static String participant(boolean canPublish, String tracks) {
        return """
                {"sid": "PA_x1", "identity": "%s", "state": "ACTIVE", "tracks": [%s], "metadata": "", "joined_at": "1795341600",
                 "joined_at_ms": "1795341600123", "name": "Ada", "version": 3,
                 "permission": {"can_subscribe": true, "can_publish": %s, "can_publish_data": false,
                   "can_publish_sources": [%s], "hidden": false, "recorder": false, "can_update_metadata": false,
                   "agent": false, "can_subscribe_metrics": false, "can_manage_agent_session": false},
                 "region": "", "is_publisher": %s, "kind": "STANDARD", "attributes": {}, "disconnect_reason": "UNKNOWN_REASON"}
                """.formatted(IDENTITY, tracks, canPublish, canPublish ? "\"MICROPHONE\"" : "", canPublish);
    }

    static String audioTrack(String sid, boolean muted) {
        return """
                {"sid": "%s", "type": "AUDIO", "name": "microphone", "muted": %s, "width": 0, "height": 0,
                 "simulcast": false, "disable_dtx": false, "source": "MICROPHONE", "layers": [], "mime_type": "audio/red",
                 "mid": "0", "codecs": [], "stereo": false, "disable_red": false, "encryption": "NONE", "stream": ""}
                """.formatted(sid, muted);
    }

    static String permission(boolean canPublish) {
        return """
                {"can_subscribe": true, "can_publish": %s, "can_publish_data": false, "can_publish_sources": [%s],
                 "hidden": false, "recorder": false, "can_update_metadata": false, "agent": false,
                 "can_subscribe_metrics": false, "can_manage_agent_session": false}
                """.formatted(canPublish, canPublish ? "\"MICROPHONE\"" : "");
    }

    static final String NOT_FOUND_PARTICIPANT = "{\"code\":\"not_found\",\"msg\":\"participant does not exist\"}";
    static final String NOT_FOUND_ROOM = "{\"code\":\"not_found\",\"msg\":\"requested room does not exist\"}";

    // --- ensureRoom: CreateRoom ---

    @Test
    void ensuringARoomCreatesItNamedByTheTribuneRoomIdWithTimeoutsAndTheCap() {
        answer("CreateRoom", 200, """
                {"sid": "RM_abc", "name": "%s", "empty_timeout": 600, "departure_timeout": 30, "max_participants": 3000,
                 "creation_time": "1795341600", "creation_time_ms": "1795341600000", "turn_password": "", "enabled_codecs": [],
                 "metadata": "", "num_participants": 0, "num_publishers": 0, "active_recording": false, "version": null}
                """.formatted(ROOM));

        assertThat(provider().ensureRoom(ROOM_ID)).isEqualTo(ROOM);

        LoggedRequest request = only("CreateRoom");
        livekit.verify(postRequestedFor(urlEqualTo(path("CreateRoom")))
                .withHeader("Content-Type", matching("application/json.*"))
                .withRequestBody(equalToJson("""
                        {"name": "%s", "empty_timeout": 600, "departure_timeout": 30, "max_participants": 3000}
                        """.formatted(ROOM))));
        assertThat(grantOf(request)).containsExactly(Map.entry("roomCreate", true));
    }

    @Test
    void ensuringAnExistingRoomGetsTheSameRoomBack() {
        // LiveKit's CreateRoom loads and updates a room of that name (pkg/service/roomallocator.go)
        answer("CreateRoom", 200, "{\"sid\": \"RM_abc\", \"name\": \"%s\", \"num_participants\": 4}".formatted(ROOM));

        assertThat(provider().ensureRoom(ROOM_ID)).isEqualTo(ROOM);
        assertThat(provider().ensureRoom(ROOM_ID)).isEqualTo(ROOM);
    }

    @Test
    void aCreateRoomAnsweredNotFoundIsABugNotSuccess() {
        answer("CreateRoom", 404, NOT_FOUND_ROOM);

        assertThatThrownBy(() -> provider().ensureRoom(ROOM_ID)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not_found");
    }

    // --- grant: local ---

    @Test
    void aGrantIsMintedWithoutCallingLiveKit() {
        provider().grant(new RtcProvider.GrantRequest(ROOM_ID, ROOM, USER, "Ada", true));

        assertThat(livekit.getAllServeEvents()).isEmpty();
    }

    // --- reconcile: removal ---

    @Test
    void removingSomeoneNotConnectedIsDone() {
        answer("RemoveParticipant", 404, NOT_FOUND_PARTICIPANT);

        assertThatCode(() -> provider().reconcile(PROVIDER_ROOM, USER, GONE)).doesNotThrowAnyException();
    }

    @Test
    void removingSomeoneFromARoomLiveKitAlreadyClosedIsDone() {
        answer("RemoveParticipant", 404, NOT_FOUND_ROOM);

        assertThatCode(() -> provider().reconcile(PROVIDER_ROOM, USER, GONE)).doesNotThrowAnyException();
    }

    // --- reconcile: permissions ---

    @Test
    void aParticipantNotConnectedNeedsNothingMore() {
        answer("GetParticipant", 404, NOT_FOUND_PARTICIPANT);

        provider().reconcile(PROVIDER_ROOM, USER, SPEAKER);

        LoggedRequest request = only("GetParticipant");
        livekit.verify(postRequestedFor(urlEqualTo(path("GetParticipant")))
                .withRequestBody(equalToJson("{\"room\": \"%s\", \"identity\": \"%s\"}".formatted(ROOM, IDENTITY))));
        assertThat(grantOf(request)).containsExactlyInAnyOrderEntriesOf(Map.of("roomAdmin", true, "room", ROOM));
        assertThat(livekit.getAllServeEvents()).hasSize(1);
    }

    @Test
    void permissionsAlreadyRightAreLeftAlone() {
        answer("GetParticipant", 200, participant(true, audioTrack("TR_mic", false)));

        provider().reconcile(PROVIDER_ROOM, USER, SPEAKER);

        assertThat(livekit.findAll(postRequestedFor(urlEqualTo(path("UpdateParticipant"))))).isEmpty();
    }

    @Test
    void anyExtraPermissionLiveKitReportsIsTakenAway() {
        // e.g. a token minted elsewhere with the default "everything allowed"
        answer("GetParticipant", 200, participant(true, "").replace("\"can_publish_data\": false", "\"can_publish_data\": true")
                .replace("\"MICROPHONE\"", "\"MICROPHONE\", \"CAMERA\""));
        answer("UpdateParticipant", 200, participant(true, ""));

        provider().reconcile(PROVIDER_ROOM, USER, SPEAKER);

        livekit.verify(postRequestedFor(urlEqualTo(path("UpdateParticipant"))).withRequestBody(equalToJson("""
                {"room": "%s", "identity": "%s", "permission": %s}
                """.formatted(ROOM, IDENTITY, permission(true)))));
    }

    @Test
    void camelCaseAnswersAreReadToo() {
        answer("GetParticipant", 200, """
                {"identity": "%s", "permission": {"canSubscribe": true, "canPublish": true, "canPublishSources": ["MICROPHONE"]}}
                """.formatted(IDENTITY));

        provider().reconcile(PROVIDER_ROOM, USER, SPEAKER);

        assertThat(livekit.findAll(postRequestedFor(urlEqualTo(path("UpdateParticipant"))))).isEmpty();
    }

    @Test
    void someoneWhoLeftBetweenTheTwoCallsIsDone() {
        answer("GetParticipant", 200, participant(false, ""));
        answer("UpdateParticipant", 404, NOT_FOUND_PARTICIPANT);

        assertThatCode(() -> provider().reconcile(PROVIDER_ROOM, USER, FORCE_MUTED_SPEAKER)).doesNotThrowAnyException();
        assertThat(livekit.findAll(postRequestedFor(urlEqualTo(path("MutePublishedTrack"))))).isEmpty();
    }

    // --- reconcile: forced mute ---

    @Test
    void aForcedMuteAlreadyInForceCallsNothingMore() {
        answer("GetParticipant", 200, participant(false, ""));

        provider().reconcile(PROVIDER_ROOM, USER, FORCE_MUTED_SPEAKER);

        assertThat(livekit.getAllServeEvents()).hasSize(1);
    }

    @Test
    void liftingAForcedMuteGivesPublishingBack() {
        answer("GetParticipant", 200, participant(false, ""));
        answer("UpdateParticipant", 200, participant(true, ""));

        provider().reconcile(PROVIDER_ROOM, USER, SPEAKER);

        livekit.verify(postRequestedFor(urlEqualTo(path("UpdateParticipant"))).withRequestBody(equalToJson("""
                {"room": "%s", "identity": "%s", "permission": %s}
                """.formatted(ROOM, IDENTITY, permission(true)))));
    }

    // --- endRoom: DeleteRoom ---

    @Test
    void endingARoomDeletesIt() {
        answer("DeleteRoom", 200, "{}");

        provider().endRoom(PROVIDER_ROOM);

        LoggedRequest request = only("DeleteRoom");
        livekit.verify(postRequestedFor(urlEqualTo(path("DeleteRoom"))).withRequestBody(equalToJson("{\"room\": \"%s\"}".formatted(ROOM))));
        assertThat(grantOf(request)).containsExactly(Map.entry("roomCreate", true));
    }

    @Test
    void endingARoomLiveKitAlreadyClosedIsDone() {
        answer("DeleteRoom", 404, NOT_FOUND_ROOM);

        assertThatCode(() -> provider().endRoom(PROVIDER_ROOM)).doesNotThrowAnyException();
    }

    // --- errors ---

    static Stream<Arguments> notNow() {
        return Stream.of(
                Arguments.of(503, "{\"code\":\"unavailable\",\"msg\":\"no nodes available\"}"),
                Arguments.of(500, "{\"code\":\"internal\",\"msg\":\"could not lock room\"}"),
                Arguments.of(500, "{\"code\":\"unknown\",\"msg\":\"psrpc: request timed out\"}"),
                Arguments.of(408, "{\"code\":\"deadline_exceeded\",\"msg\":\"context deadline exceeded\"}"),
                Arguments.of(429, "{\"code\":\"resource_exhausted\",\"msg\":\"node limit reached\"}"),
                Arguments.of(502, "<html><body>Bad Gateway</body></html>"),
                Arguments.of(504, ""),
                Arguments.of(429, "Too Many Requests"));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @MethodSource("notNow")
    void aVendorThatCannotAnswerNowIsUnavailable(int status, String body) {
        livekit.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(status).withBody(body)));

        assertThatThrownBy(() -> provider().ensureRoom(ROOM_ID)).isInstanceOf(ProviderUnavailable.class);
        assertThatThrownBy(() -> provider().reconcile(PROVIDER_ROOM, USER, SPEAKER)).isInstanceOf(ProviderUnavailable.class);
        assertThatThrownBy(() -> provider().reconcile(PROVIDER_ROOM, USER, GONE)).isInstanceOf(ProviderUnavailable.class);
        assertThatThrownBy(() -> provider().endRoom(PROVIDER_ROOM)).isInstanceOf(ProviderUnavailable.class);
    }

    @Test
    void aVendorNobodyAnswersForIsUnavailable() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        LiveKitRtcProvider provider = LiveKitTestKit.provider(
                LiveKitTestKit.properties("ws://127.0.0.1:" + closed, null), CLOCK);

        assertThatThrownBy(() -> provider.ensureRoom(ROOM_ID)).isInstanceOf(ProviderUnavailable.class)
                .hasMessageContaining("could not be reached");
    }

    @Test
    void aVendorTooSlowToAnswerIsUnavailable() {
        livekit.stubFor(post(urlEqualTo(path("GetParticipant")))
                .willReturn(aResponse().withStatus(200).withBody(participant(true, "")).withFixedDelay(1_500)));
        LiveKitRtcProvider impatient = LiveKitTestKit.provider(
                LiveKitTestKit.properties("wss://livekit.tribune.test", livekit.baseUrl(), Duration.ofMillis(300)), CLOCK);

        assertThatThrownBy(() -> impatient.reconcile(PROVIDER_ROOM, USER, SPEAKER)).isInstanceOf(ProviderUnavailable.class);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                // RoomService's own check: a token without the grant (pkg/service/auth.go twirpAuthError)
                Arguments.of(401, "{\"code\":\"unauthenticated\",\"msg\":\"permissions denied\"}"),
                // the API-key middleware, before Twirp: plain text
                Arguments.of(401, "invalid authorization token: token signature is invalid"),
                Arguments.of(401, "invalid API key"),
                Arguments.of(403, "{\"code\":\"permission_denied\",\"msg\":\"permissions denied\"}"));
    }

    @ParameterizedTest(name = "HTTP {0} {1}")
    @MethodSource("refused")
    void refusedCredentialsAreAConfigurationProblemSaidPlainly(int status, String body) {
        livekit.stubFor(post(anyUrl()).willReturn(aResponse().withStatus(status).withBody(body)));

        assertThatThrownBy(() -> provider().reconcile(PROVIDER_ROOM, USER, SPEAKER)).isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(ProviderUnavailable.class)
                .hasMessageContaining("refused Tribune's credentials")
                .hasMessageContaining("tribune.rtc.livekit.api-key");
        assertThatThrownBy(() -> provider().endRoom(PROVIDER_ROOM)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRequestLiveKitCallsInvalidIsABugCarryingLiveKitsWords() {
        answer("UpdateParticipant", 400, "{\"code\":\"invalid_argument\",\"msg\":\"name length exceeds limits\",\"meta\":{\"argument\":\"64\"}}");
        answer("GetParticipant", 200, participant(false, ""));

        assertThatThrownBy(() -> provider().reconcile(PROVIDER_ROOM, USER, SPEAKER)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("UpdateParticipant").hasMessageContaining("invalid_argument")
                .hasMessageContaining("name length exceeds limits");
    }

    @Test
    void aWrongApiUrlIsSaidToBeOne() {
        // Twirp's answer for a path it does not serve, and a plain 404 from whatever else is there
        answer("DeleteRoom", 404, "{\"code\":\"bad_route\",\"msg\":\"no handler for path \\\"/twirp/livekit.RoomService/DeleteRoom\\\"\"}");
        assertThatThrownBy(() -> provider().endRoom(PROVIDER_ROOM)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tribune.rtc.livekit.api-url");

        livekit.stubFor(post(urlEqualTo(path("DeleteRoom"))).willReturn(aResponse().withStatus(404).withBody("404 page not found")));
        assertThatThrownBy(() -> provider().endRoom(PROVIDER_ROOM)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tribune.rtc.livekit.api-url");
    }

    @Test
    void aMethodTheServerDoesNotImplementIsNotWorthRetrying() {
        answer("GetParticipant", 501, "{\"code\":\"unimplemented\",\"msg\":\"unimplemented\"}");

        assertThatThrownBy(() -> provider().reconcile(PROVIDER_ROOM, USER, SPEAKER)).isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(ProviderUnavailable.class);
    }

    @Test
    void requestsGoToTheApiUrlDerivedFromTheBrowserUrl() {
        // ws://host:port -> http://host:port, as LiveKit's SDKs derive it
        LiveKitRtcProvider provider = LiveKitTestKit.provider(
                LiveKitTestKit.properties(livekit.baseUrl().replace("http://", "ws://"), null), CLOCK);
        answer("DeleteRoom", 200, "{}");

        provider.endRoom(PROVIDER_ROOM);

        livekit.verify(postRequestedFor(urlEqualTo(path("DeleteRoom"))).withHeader("Authorization", matching("Bearer .+"))
                .withHeader("Accept", equalTo("application/json")));
    }
}
