package dev.tribune.media.provider.hms;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.tribune.ApiTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole path with 100ms configured: the API, the stage, the provider outbox and the adapter, with WireMock
 * answering as 100ms' REST API does. Rooms here name {@code "provider": "hms"}.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HmsProviderApiTest extends ApiTest {

    static final WireMockServer hms = started();
    static final String PEER = "83b869e1-9a4b-4037-84b2-913cf76e4392";

    /** With the template already there: start-up checks it, and would stop without it. */
    static WireMockServer started() {
        WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
        server.start();
        server.stubFor(WireMock.get("/v2/templates/" + HmsFixtures.TEMPLATE_ID).willReturn(okJson(HmsFixtures.goodTemplate())));
        return server;
    }

    @DynamicPropertySource
    static void hmsSettings(DynamicPropertyRegistry registry) {
        registry.add("tribune.rtc.hms.access-key", () -> HmsFixtures.ACCESS_KEY);
        registry.add("tribune.rtc.hms.app-secret", () -> HmsFixtures.APP_SECRET);
        registry.add("tribune.rtc.hms.template-id", () -> HmsFixtures.TEMPLATE_ID);
        registry.add("tribune.rtc.hms.webhook-secret", () -> HmsFixtures.WEBHOOK_SECRET);
        registry.add("tribune.rtc.hms.base-url", () -> hms.baseUrl() + "/v2");
        registry.add("tribune.rtc.hms.read-timeout", () -> "2s");
        registry.add("tribune.public-url", () -> HmsFixtures.PUBLIC_URL);
        // an outage opens the circuit breaker; keep it open briefly so recovery shows within the test
        registry.add("tribune.rtc.breaker.open-for", () -> "1s");
        // the template is probed often here, so a test can break it and see the probe find out
        registry.add("tribune.rtc.probe-interval", () -> "300ms");
    }

    @AfterAll
    static void stop() {
        hms.stop();
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("providers")
    HealthIndicator providers;

    @BeforeEach
    void vendor() {
        hms.resetAll();
        hms.stubFor(WireMock.get("/v2/templates/" + HmsFixtures.TEMPLATE_ID).willReturn(okJson(HmsFixtures.goodTemplate())));
        // "Create via API": 100ms answers with the room, whose id is its own (here derived from the name we gave)
        hms.stubFor(post("/v2/rooms").willReturn(okJson(HmsFixtures.room("hms-{{jsonPath request.body '$.name'}}",
                "{{jsonPath request.body '$.name'}}", true)).withTransformers("response-template")));
        hms.stubFor(WireMock.get(urlPathMatching("/v2/active-rooms/[^/]+/peers")).willReturn(okJson("{\"peers\": {}}")));
        hms.stubFor(post(urlPathMatching("/v2/active-rooms/[^/]+/peers/[^/]+")).willReturn(okJson("""
                {"id": "%s", "name": "Someone", "user_id": "u", "metadata": "", "role": "speaker",
                 "joined_at": "2026-11-22T12:56:17.759148635Z", "tracks": {}}""".formatted(PEER))));
        hms.stubFor(post(urlPathMatching("/v2/active-rooms/[^/]+/remove-peers")).willReturn(okJson("{\"message\":\"peer remove request submitted\"}")));
        hms.stubFor(post(urlPathMatching("/v2/active-rooms/[^/]+/end-room")).willReturn(okJson("{\"message\":\"session is ending\"}")));
    }

    static String hmsRoom(String room) {
        return "hms-" + room;
    }

    /** 100ms lists one peer of this user in the room's live session, in this role. */
    void connected(String room, UUID user, String role) {
        hms.stubFor(WireMock.get(urlPathEqualTo("/v2/active-rooms/" + hmsRoom(room) + "/peers")).atPriority(3)
                .withQueryParam("user_id", equalTo(user.toString()))
                .willReturn(okJson(HmsFixtures.peers(PEER, user.toString(), role))));
    }

    void settled(String room) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                jdbc.sql("SELECT count(*) FROM provider_outbox WHERE room_id = ?::uuid").param(room).query(Long.class).single() == 0);
    }

    int roleChanges(String room, String role) {
        return hms.findAll(postRequestedFor(urlEqualTo("/v2/active-rooms/" + hmsRoom(room) + "/peers/" + PEER))
                .withRequestBody(equalToJson("{\"role\": \"" + role + "\"}"))).size();
    }

    String liveRoom(Session host, String name) {
        return (String) call(POST, "/api/v1/rooms", host, Map.of("name", name, "provider", "hms"), 201).get("id");
    }

    @SuppressWarnings("unchecked")
    static DecodedJWT grantedToken(Map<String, Object> joined) {
        Map<String, Object> media = (Map<String, Object>) joined.get("media");
        assertThat(media.get("provider")).isEqualTo("hms");
        return JWT.require(Algorithm.HMAC256(HmsFixtures.APP_SECRET)).withClaim("type", "app").build().verify((String) media.get("token"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> media(Map<String, Object> joined) {
        return (Map<String, Object>) joined.get("media");
    }

    void webhook(String secret, String body, int status) {
        client.post().uri("/api/v1/webhooks/hms").contentType(MediaType.APPLICATION_JSON)
                .header(HmsFixtures.WEBHOOK_HEADER, secret).body(body).exchange().expectStatus().isEqualTo(status);
    }

    static String peerEvent(String type, String timeField, Instant at, String room, UUID user) {
        return HmsWebhooksTest.event(type, at.truncatedTo(ChronoUnit.SECONDS).toString(), """
                {"%s": "%s", "peer_id": "%s", "role": "listener", "room_id": "%s", "room_name": "%s",
                 "session_id": "610f81ee870dde099a249948", "template_id": "%s", "type": "regular", "user_id": "%s",
                 "user_name": "Listener", "user_data": ""}"""
                .formatted(timeField, at, PEER, hmsRoom(room), room, HmsFixtures.TEMPLATE_ID, user));
    }

    boolean providerConnected(String room, UUID user) {
        return jdbc.sql("SELECT provider_connected FROM participants WHERE room_id = ?::uuid AND user_id = ?")
                .params(room, user).query(Boolean.class).single();
    }

    @Test
    void theStageIsFollowedAt100msFromJoiningToTheEndOfTheRoom() {
        Session host = register("hmshost");
        Session listener = register("hmslistener");
        String room = liveRoom(host, "On 100ms");
        settled(room);
        hms.verify(1, postRequestedFor(urlEqualTo("/v2/rooms")).withRequestBody(matchingJsonPath("$.name", equalTo(room))));

        // joining: the host's grant may publish, the listener's may not; the 100ms room is not made again
        Map<String, Object> hostJoined = call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        DecodedJWT hostToken = grantedToken(hostJoined);
        assertThat(hostToken.getClaim("role").asString()).isEqualTo("speaker");
        assertThat(hostToken.getClaim("room_id").asString()).isEqualTo(hmsRoom(room));
        assertThat(hostToken.getClaim("user_id").asString()).isEqualTo(host.userId().toString());
        assertThat(media(hostJoined).get("canPublish")).isEqualTo(true);

        Map<String, Object> listenerJoined = call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
        assertThat(grantedToken(listenerJoined).getClaim("role").asString()).isEqualTo("listener");
        assertThat(media(listenerJoined).get("canPublish")).isEqualTo(false);
        assertThat(media(listenerJoined).get("connection")).isEqualTo(Map.of("roomId", hmsRoom(room), "role", "listener",
                "sdk", "@100mslive/hms-video-store", "userName", "Test hmslistener"));
        hms.verify(1, postRequestedFor(urlEqualTo("/v2/rooms")).withRequestBody(matchingJsonPath("$.name", equalTo(room))));

        // approved: the connected peer is moved to the speaker role
        connected(room, listener.userId(), "listener");
        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        settled(room);
        assertThat(roleChanges(room, "speaker")).isEqualTo(1);

        // demoted: back to the listener role
        connected(room, listener.userId(), "speaker");
        call(DELETE, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        settled(room);
        assertThat(roleChanges(room, "listener")).isEqualTo(1);
        connected(room, listener.userId(), "listener");

        // 100ms says the listener connected; a stale "left" that arrives afterwards changes nothing
        Instant joinedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        webhook(HmsFixtures.WEBHOOK_SECRET, peerEvent("peer.join.success", "joined_at", joinedAt, room, listener.userId()), 200);
        assertThat(providerConnected(room, listener.userId())).isTrue();
        webhook(HmsFixtures.WEBHOOK_SECRET, peerEvent("peer.leave.success", "left_at", joinedAt.minusSeconds(5), room, listener.userId()), 200);
        assertThat(providerConnected(room, listener.userId())).isTrue();
        // a forged one is refused and believed in nothing
        webhook("not-the-secret-not-the-secret-not-the-secret", peerEvent("peer.leave.success", "left_at", joinedAt.plusSeconds(5), room,
                listener.userId()), 401);
        assertThat(providerConnected(room, listener.userId())).isTrue();
        settled(room);

        // removed: disconnected at 100ms
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + listener.userId(), host, null, 204);
        settled(room);
        hms.verify(postRequestedFor(urlEqualTo("/v2/active-rooms/" + hmsRoom(room) + "/remove-peers"))
                .withRequestBody(matchingJsonPath("$.peer_id", equalTo(PEER))));

        // ended: the live session is ended and the room locked
        call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        settled(room);
        hms.verify(1, postRequestedFor(urlEqualTo("/v2/active-rooms/" + hmsRoom(room) + "/end-room"))
                .withRequestBody(matchingJsonPath("$.lock", equalTo("true"))));
        HmsFixtures.assertManagementToken(hms.findAll(postRequestedFor(urlEqualTo("/v2/active-rooms/" + hmsRoom(room) + "/end-room")))
                .getFirst().getHeader("Authorization"));
    }

    @Test
    void duringAnOutageNewRoomsCannotBeJoinedAndAPromotionReaches100msOnceItIsBack() {
        Session host = register("hmsouthost");
        Session listener = register("hmsoutlistener");
        Session newcomer = register("hmsnewcomer");
        String room = liveRoom(host, "Outage");
        settled(room);
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
        connected(room, listener.userId(), "listener");
        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);

        StubMapping outage = hms.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(503)));

        // the promotion is recorded; 100ms cannot be told yet, and the user hears so
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                SELECT count(*) FROM room_events WHERE room_id = ?::uuid AND type = 'media.pending' AND payload ->> 'userId' = ?""")
                .params(room, listener.userId().toString()).query(Long.class).single() == 1);

        // a room whose 100ms room cannot be made cannot be joined: 503, and nothing written
        // (joining a room whose 100ms room exists needs no call to 100ms: the grant is minted here)
        String second = liveRoom(host, "Made during the outage");
        Map<String, Object> refused = call(POST, "/api/v1/rooms/" + second + "/join", newcomer, null, 503);
        assertThat(refused.get("type")).isEqualTo("/problems/provider-unavailable");
        assertThat(jdbc.sql("SELECT count(*) FROM participants WHERE room_id = ?::uuid AND user_id = ?")
                .params(second, newcomer.userId()).query(Long.class).single()).isZero();
        assertThat(roleChanges(room, "speaker")).isZero();

        // 100ms is back: the outbox brings it to the room's state
        hms.removeStub(outage);
        settled(room);
        assertThat(roleChanges(room, "speaker")).isEqualTo(1);
        call(POST, "/api/v1/rooms/" + second + "/join", newcomer, null, 200);

        call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        call(POST, "/api/v1/rooms/" + second + "/end", host, null, 200);
        settled(room);
        settled(second);
    }

    void joinIsRefusedAs503WithNothingWritten(Session who, String room) {
        client.post().uri("/api/v1/rooms/" + room + "/join").header(HttpHeaders.AUTHORIZATION, "Bearer " + who.accessToken())
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER)
                .expectBody().jsonPath("$.type").isEqualTo("/problems/provider-unavailable");
        assertThat(jdbc.sql("SELECT count(*) FROM participants WHERE room_id = ?::uuid AND user_id = ?")
                .params(room, who.userId()).query(Long.class).single()).isZero();
    }

    @Test
    void a100msThatRefusesTheKeyAfterStartUpMakesJoinsAnswer503NotA500() {
        Session host = register("hmskeyhost");
        Session listener = register("hmskeylistener");
        StubMapping refused = hms.stubFor(any(anyUrl()).atPriority(1).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"code\":401,\"message\":\"Token validation error\"}")));
        String room = liveRoom(host, "Key rotated at 100ms");

        joinIsRefusedAs503WithNothingWritten(listener, room);
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(hmsHealth()).containsEntry("state", "misconfigured"));

        hms.removeStub(refused);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200));
        // health follows at the next probe: a join that works says nothing to it
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hmsHealth()).containsEntry("state", "reachable"));
        call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        settled(room);
    }

    @Test
    void aTemplateChangedAfterStartUpSoThatListenersMayPublishMakesNewRoomsAnswer503() {
        Session host = register("hmstplhost");
        Session listener = register("hmstpllistener");
        hms.stubFor(WireMock.get("/v2/templates/" + HmsFixtures.TEMPLATE_ID).atPriority(1)
                .willReturn(okJson(HmsFixtures.template("[\"audio\"]", "[\"audio\"]"))));
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(hmsHealth())
                .containsEntry("state", "misconfigured").extractingByKey("reason").asString().contains("role 'listener' may publish [audio]"));
        String room = liveRoom(host, "Template broken");

        joinIsRefusedAs503WithNothingWritten(listener, room);
        hms.verify(0, postRequestedFor(urlEqualTo("/v2/rooms")).withRequestBody(matchingJsonPath("$.name", equalTo(room))));

        hms.resetAll();
        vendor();
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200));
        call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        settled(room);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> hmsHealth() {
        return (Map<String, Object>) ((Map<String, Object>) providers.health().getDetails().get("providers")).get("hms");
    }
}
