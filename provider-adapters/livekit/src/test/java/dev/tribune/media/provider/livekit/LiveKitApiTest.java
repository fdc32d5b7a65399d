package dev.tribune.media.provider.livekit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.tribune.media.provider.livekit.LiveKitTestKit.API_KEY;
import static dev.tribune.media.provider.livekit.LiveKitTestKit.API_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.tribune.ApiTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service with rooms on LiveKit, LiveKit played by WireMock: what users do through the API reaches
 * LiveKit's RoomService as the documented calls, and LiveKit's signed webhooks come back as presence.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LiveKitApiTest extends ApiTest {

    static final WireMockServer LIVEKIT = started();

    static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void livekit(DynamicPropertyRegistry registry) {
        // browsers get ws://; the RoomService is reached at its http:// form, as nothing else is set
        registry.add("tribune.rtc.livekit.url", () -> "ws://localhost:" + LIVEKIT.port());
        registry.add("tribune.rtc.livekit.api-key", () -> API_KEY);
        registry.add("tribune.rtc.livekit.api-secret", () -> API_SECRET);
        // an outage in this test lasts seconds: let the breaker try again soon after
        registry.add("tribune.rtc.breaker.open-for", () -> "1s");
    }

    @AfterAll
    static void stopLiveKit() {
        LIVEKIT.stop();
    }

    @Autowired
    JdbcClient jdbc;

    static final String NOT_FOUND = "{\"code\":\"not_found\",\"msg\":\"participant does not exist\"}";

    @BeforeEach
    void liveKitAnswersAsDocumented() {
        LIVEKIT.resetAll();
        LIVEKIT.stubFor(twirp("CreateRoom").willReturn(json(200, """
                {"sid": "RM_e2e", "name": "{{jsonPath request.body '$.name'}}", "empty_timeout": 600, "departure_timeout": 30,
                 "max_participants": 3000, "creation_time": "1795341600", "num_participants": 0}""")
                .withTransformers("response-template")));
        LIVEKIT.stubFor(twirp("DeleteRoom").willReturn(json(200, "{}")));
        LIVEKIT.stubFor(twirp("RemoveParticipant").willReturn(json(200, "{}")));
        LIVEKIT.stubFor(twirp("UpdateParticipant").willReturn(json(200, "{\"identity\": \"x\"}")));
        // nobody is connected unless a test says so
        LIVEKIT.stubFor(twirp("GetParticipant").willReturn(json(404, NOT_FOUND)));
    }

    static MappingBuilder twirp(String method) {
        return post(urlEqualTo("/twirp/livekit.RoomService/" + method));
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** LiveKit's view of a connected participant: their permission and one unmuted microphone track. */
    static void connectedAtLiveKit(UUID user, boolean canPublish) {
        LIVEKIT.stubFor(twirp("GetParticipant").withRequestBody(matchingJsonPath("$.identity", equalTo(user.toString())))
                .willReturn(json(200, """
                        {"sid": "PA_1", "identity": "%s", "state": "ACTIVE",
                         "tracks": [{"sid": "TR_mic", "type": "AUDIO", "muted": false, "source": "MICROPHONE"}],
                         "permission": {"can_subscribe": true, "can_publish": %s, "can_publish_data": false,
                           "can_publish_sources": [%s], "hidden": false, "recorder": false, "can_update_metadata": false,
                           "agent": false, "can_subscribe_metrics": false, "can_manage_agent_session": false}}"""
                        .formatted(user, canPublish, canPublish ? "\"MICROPHONE\"" : ""))));
    }

    private void settled(String room) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                jdbc.sql("SELECT count(*) FROM provider_outbox WHERE room_id = ?::uuid").param(room).query(Long.class).single() == 0);
    }

    private int calls(String method, String room, UUID user, Boolean canPublish) {
        var pattern = postRequestedFor(urlEqualTo("/twirp/livekit.RoomService/" + method))
                .withRequestBody(matchingJsonPath("$.room", equalTo(room)))
                .withRequestBody(matchingJsonPath("$.identity", equalTo(user.toString())));
        if (canPublish != null) {
            pattern = pattern.withRequestBody(matchingJsonPath("$.permission.can_publish", equalTo(canPublish.toString())));
        }
        return LIVEKIT.findAll(pattern).size();
    }

    private void webhook(String event, String room, UUID user, Instant at) {
        byte[] body = """
                {"event": "%s", "room": {"sid": "RM_e2e", "name": "%s"},
                 "participant": {"sid": "PA_1", "identity": "%s", "state": "ACTIVE"}, "id": "EV_%s", "createdAt": "%d"}"""
                .formatted(event, room, user, UUID.randomUUID(), at.getEpochSecond()).getBytes(StandardCharsets.UTF_8);
        client.post().uri("/api/v1/webhooks/livekit")
                .header("Authorization", LiveKitTestKit.signature(body, API_SECRET, API_KEY, Instant.now()))
                .contentType(MediaType.parseMediaType("application/webhook+json")).body(body)
                .exchange().expectStatus().isOk();
    }

    private boolean providerConnected(String room, UUID user) {
        return jdbc.sql("SELECT provider_connected FROM participants WHERE room_id = ?::uuid AND user_id = ?")
                .params(room, user).query(Boolean.class).single();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> video(Map<String, Object> joined) {
        Map<String, Object> media = (Map<String, Object>) joined.get("media");
        assertThat(media.get("provider")).isEqualTo("livekit");
        return LiveKitTestKit.verified((String) media.get("token"), Clock.systemUTC()).getClaim("video").asMap();
    }

    @Test
    void aLiveKitRoomFollowsTheStageFromStartToEnd() {
        Session host = register("lkhost");
        Session listener = register("lklistener");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "On LiveKit", "provider", "livekit"), 201).get("id");
        settled(room);
        LIVEKIT.verify(1, postRequestedFor(urlEqualTo("/twirp/livekit.RoomService/CreateRoom"))
                .withRequestBody(equalToJson("{\"name\": \"%s\", \"empty_timeout\": 600, \"departure_timeout\": 30, \"max_participants\": 3000}"
                        .formatted(room))));

        // joining: grants minted here, the host's may publish, the listener's may not; the LiveKit room was made once
        Map<String, Object> hostJoined = call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        Map<String, Object> listenerJoined = call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
        assertThat(video(hostJoined)).containsEntry("room", room).containsEntry("canPublish", true);
        assertThat(video(listenerJoined)).containsEntry("room", room).containsEntry("canPublish", false);
        @SuppressWarnings("unchecked")
        Map<String, Object> connection = (Map<String, Object>) ((Map<String, Object>) listenerJoined.get("media")).get("connection");
        assertThat(connection).containsEntry("url", "ws://localhost:" + LIVEKIT.port()).containsEntry("room", room);
        LIVEKIT.verify(1, postRequestedFor(urlEqualTo("/twirp/livekit.RoomService/CreateRoom")));

        // LiveKit says the listener connected: present by the provider, and their role is re-applied
        Instant connectedAt = Instant.now();
        connectedAtLiveKit(listener.userId(), false);
        webhook("participant_joined", room, listener.userId(), connectedAt);
        assertThat(providerConnected(room, listener.userId())).isTrue();
        settled(room);
        assertThat(calls("GetParticipant", room, listener.userId(), null)).isEqualTo(1);
        assertThat(calls("UpdateParticipant", room, listener.userId(), null)).as("permissions already right").isZero();

        // an older "left", delivered late, changes nothing
        webhook("participant_left", room, listener.userId(), connectedAt.minusSeconds(30));
        assertThat(providerConnected(room, listener.userId())).isTrue();

        // a join and a drop stamped with the same second: the drop wins
        Instant second = Instant.now();
        webhook("participant_joined", room, host.userId(), second);
        webhook("participant_left", room, host.userId(), second);
        assertThat(providerConnected(room, host.userId())).isFalse();
        settled(room);

        // approved from a raised hand: LiveKit lets them publish the microphone
        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        settled(room);
        assertThat(calls("UpdateParticipant", room, listener.userId(), true)).isEqualTo(1);
        LIVEKIT.verify(postRequestedFor(urlEqualTo("/twirp/livekit.RoomService/UpdateParticipant"))
                .withRequestBody(matchingJsonPath("$.permission.can_publish_sources[0]", equalTo("MICROPHONE"))));

        // force-muted by the host: publishing taken away at LiveKit until the force is lifted (sticky, unlike a track mute)
        connectedAtLiveKit(listener.userId(), true);
        call(PUT, "/api/v1/rooms/" + room + "/participants/" + listener.userId() + "/mute", host, null, 204);
        settled(room);
        assertThat(calls("UpdateParticipant", room, listener.userId(), false)).isEqualTo(1);
        connectedAtLiveKit(listener.userId(), false);
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + listener.userId() + "/mute", host, null, 204);
        settled(room);
        assertThat(calls("UpdateParticipant", room, listener.userId(), true)).isEqualTo(2);
        connectedAtLiveKit(listener.userId(), true);

        // demoted: publishing taken away at LiveKit (which unpublishes their track)
        call(DELETE, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        settled(room);
        assertThat(calls("UpdateParticipant", room, listener.userId(), false)).isEqualTo(2);
        connectedAtLiveKit(listener.userId(), false);

        // LiveKit is down for a while
        StubMapping outage = LIVEKIT.stubFor(post(urlPathMatching("/twirp/.*")).atPriority(1)
                .willReturn(json(503, "{\"code\":\"unavailable\",\"msg\":\"no nodes available\"}")));
        // a join that needs a LiveKit room answers 503 and writes nothing
        Session late = register("lklate");
        String second2 = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Made in the outage", "provider", "livekit"), 201)
                .get("id");
        Map<String, Object> refused = call(POST, "/api/v1/rooms/" + second2 + "/join", late, null, 503);
        assertThat((String) refused.get("type")).endsWith("/problems/provider-unavailable");
        assertThat(jdbc.sql("SELECT count(*) FROM participants WHERE room_id = ?::uuid AND user_id = ?")
                .params(second2, late.userId()).query(Long.class).single()).isZero();
        // a promotion made meanwhile is pending, and the user is told
        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> jdbc.sql("""
                SELECT count(*) FROM room_events WHERE room_id = ?::uuid AND type = 'media.pending'
                AND payload ->> 'userId' = ?""").params(room, listener.userId().toString()).query(Long.class).single() == 1);
        assertThat(calls("UpdateParticipant", room, listener.userId(), true)).as("the first promotion and the lifted mute").isEqualTo(2);

        // LiveKit is back: the promotion reaches it
        LIVEKIT.removeStub(outage);
        Awaitility.await().atMost(Duration.ofSeconds(40)).until(() -> calls("UpdateParticipant", room, listener.userId(), true) == 3);
        settled(room);

        // removed (and banned): disconnected at LiveKit, older tokens revoked
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + listener.userId() + "?ban=true", host, null, 204);
        settled(room);
        LIVEKIT.verify(1, postRequestedFor(urlEqualTo("/twirp/livekit.RoomService/RemoveParticipant")).withRequestBody(equalToJson(
                "{\"room\": \"%s\", \"identity\": \"%s\", \"revoke_token_ts\": \"${json-unit.any-number}\"}"
                        .formatted(room, listener.userId()))));

        // ended: the LiveKit room is deleted
        call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        settled(room);
        LIVEKIT.verify(1, postRequestedFor(urlEqualTo("/twirp/livekit.RoomService/DeleteRoom"))
                .withRequestBody(equalToJson("{\"room\": \"%s\"}".formatted(room))));
        call(POST, "/api/v1/rooms/" + second2 + "/end", host, null, 200);
        settled(second2);
    }

    @Test
    void aForgedWebhookIsRefusedAndChangesNothing() {
        Session host = register("lkforge");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Forgery", "provider", "livekit"), 201).get("id");
        settled(room);
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        byte[] body = """
                {"event": "participant_joined", "room": {"name": "%s"}, "participant": {"identity": "%s"}, "createdAt": "%d"}"""
                .formatted(room, host.userId(), Instant.now().getEpochSecond()).getBytes(StandardCharsets.UTF_8);

        client.post().uri("/api/v1/webhooks/livekit")
                .header("Authorization", LiveKitTestKit.signature(body, "forged-secret-forged-secret-forged-0123", API_KEY, Instant.now()))
                .contentType(MediaType.parseMediaType("application/webhook+json")).body(body)
                .exchange().expectStatus().isUnauthorized();
        client.post().uri("/api/v1/webhooks/livekit")
                .contentType(MediaType.parseMediaType("application/webhook+json")).body(body)
                .exchange().expectStatus().isUnauthorized();

        assertThat(providerConnected(room, host.userId())).isFalse();
        call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        settled(room);
    }
}
