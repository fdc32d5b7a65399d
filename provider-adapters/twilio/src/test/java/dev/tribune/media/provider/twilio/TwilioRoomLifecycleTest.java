package dev.tribune.media.provider.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tribune.media.provider.twilio.TwilioFixtures.API_KEY_SECRET;
import static dev.tribune.media.provider.twilio.TwilioFixtures.API_KEY_SID;
import static dev.tribune.media.provider.twilio.TwilioFixtures.AUTH_TOKEN;
import static dev.tribune.media.provider.twilio.TwilioFixtures.PARTICIPANT_SID;
import static dev.tribune.media.provider.twilio.TwilioFixtures.ROOM_SID;
import static dev.tribune.media.provider.twilio.TwilioFixtures.error;
import static dev.tribune.media.provider.twilio.TwilioFixtures.page;
import static dev.tribune.media.provider.twilio.TwilioFixtures.participant;
import static dev.tribune.media.provider.twilio.TwilioFixtures.room;
import static dev.tribune.media.provider.twilio.TwilioFixtures.track;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.tribune.ApiTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Twilio room from creation to its end, through the real API with the adapter pointed at a stand-in for
 * video.twilio.com: what each stage change asks of Twilio, signed callbacks, and a Twilio outage.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TwilioRoomLifecycleTest extends ApiTest {

    static final WireMockServer twilio = new WireMockServer(options().dynamicPort().extensions(new TwilioSubscribeRulesStandIn()));
    static final String HOST_SID = "PAfedcba9876543210fedcba9876543210";
    static final String PUBLIC_URL = "https://tribune.example.test";
    static final String CALLBACK = PUBLIC_URL + "/api/v1/webhooks/twilio";

    static {
        twilio.start();
        standIn();
    }

    @DynamicPropertySource
    static void twilioSettings(DynamicPropertyRegistry registry) {
        registry.add("tribune.public-url", () -> PUBLIC_URL);
        registry.add("tribune.rtc.twilio.account-sid", () -> TwilioFixtures.ACCOUNT_SID);
        registry.add("tribune.rtc.twilio.api-key-sid", () -> API_KEY_SID);
        registry.add("tribune.rtc.twilio.api-key-secret", () -> API_KEY_SECRET);
        registry.add("tribune.rtc.twilio.auth-token", () -> AUTH_TOKEN);
        registry.add("tribune.rtc.twilio.base-url", twilio::baseUrl);
        // the outage below trips the circuit breaker; a short pause keeps the test short
        registry.add("tribune.rtc.breaker.open-for", () -> "1s");
    }

    @AfterAll
    static void stopTwilio() {
        twilio.stop();
    }

    @Autowired
    JdbcClient jdbc;

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    /** Twilio as documented, for any room: none exists until created; nobody connected; nothing published. */
    static void standIn() {
        twilio.stubFor(WireMock.get(urlPathMatching("/v1/Rooms/[^/]+")).atPriority(10)
                .willReturn(json(404, error(404, 20404, "The requested resource was not found"))));
        twilio.stubFor(post(urlEqualTo("/v1/Rooms")).atPriority(10)
                .willReturn(json(201, room(ROOM_SID, "created-by-tribune", "in-progress"))));
        twilio.stubFor(WireMock.get(urlPathEqualTo(participants())).atPriority(10)
                .willReturn(json(200, page("participants", "https://video.twilio.com" + participants()))));
        twilio.stubFor(WireMock.get(urlPathEqualTo(tracks())).atPriority(10)
                .willReturn(json(200, page("published_tracks", "https://video.twilio.com" + tracks()))));
        twilio.stubFor(post(urlEqualTo(participants() + "/" + PARTICIPANT_SID)).atPriority(10)
                .willReturn(json(200, participant(ROOM_SID, PARTICIPANT_SID, "someone", "disconnected"))));
        twilio.stubFor(WireMock.any(urlPathMatching(participants() + "/PA[0-9a-f]{32}/SubscribeRules")).atPriority(10)
                .willReturn(aResponse().withTransformers(TwilioSubscribeRulesStandIn.NAME)));
        twilio.stubFor(post(urlEqualTo("/v1/Rooms/" + ROOM_SID)).atPriority(10)
                .willReturn(json(200, room(ROOM_SID, "created-by-tribune", "completed"))));
    }

    static String participants() {
        return "/v1/Rooms/" + ROOM_SID + "/Participants";
    }

    static String tracks() {
        return participants() + "/" + PARTICIPANT_SID + "/PublishedTracks";
    }

    /** The host and the listener are the room's connected participants at Twilio. */
    static void connectedAtTwilio(UUID host, UUID listener) {
        twilio.stubFor(WireMock.get(urlPathEqualTo(participants())).withQueryParam("Status", equalTo("connected")).atPriority(1)
                .willReturn(json(200, page("participants", "https://video.twilio.com" + participants(),
                        participant(ROOM_SID, HOST_SID, host.toString(), "connected"),
                        participant(ROOM_SID, PARTICIPANT_SID, listener.toString(), "connected")))));
    }

    int lookups() {
        return twilio.findAll(getRequestedFor(urlPathEqualTo(participants())).withQueryParam("Status", equalTo("connected"))
                .withBasicAuth(new BasicCredentials(API_KEY_SID, API_KEY_SECRET))).size();
    }

    /** Whose audio each connected participant may receive, by the last Rules written for them (request journal). */
    List<String> rulesOf(String participantSid) {
        List<LoggedRequest> writes = twilio.findAll(postRequestedFor(urlEqualTo(participants() + "/" + participantSid + "/SubscribeRules"))
                .withBasicAuth(new BasicCredentials(API_KEY_SID, API_KEY_SECRET)));
        assertThat(writes).as("rules written for " + participantSid).isNotEmpty();
        return List.of(writes.getLast().formParameters().get("Rules").firstValue());
    }

    void everyoneHears(UUID... panel) {
        String expected = panel.length == 0 ? "[{\"type\":\"exclude\",\"all\":true}]" : Arrays.stream(panel)
                .map(user -> "{\"type\":\"include\",\"publisher\":\"" + user + "\",\"kind\":\"audio\"}")
                .collect(Collectors.joining(",", "[", "]"));
        assertThat(rulesOf(HOST_SID)).containsExactly(expected);
        assertThat(rulesOf(PARTICIPANT_SID)).containsExactly(expected);
    }

    int disconnects() {
        return twilio.findAll(postRequestedFor(urlEqualTo(participants() + "/" + PARTICIPANT_SID))
                .withFormParam("Status", equalTo("disconnected"))).size();
    }

    void settled(String room) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                jdbc.sql("SELECT count(*) FROM provider_outbox WHERE room_id = ?::uuid").param(room).query(Long.class).single() == 0);
    }

    @SuppressWarnings("unchecked")
    static DecodedJWT token(Map<String, Object> joined) {
        Map<String, Object> media = (Map<String, Object>) joined.get("media");
        assertThat(media.get("provider")).isEqualTo("twilio");
        return JWT.require(Algorithm.HMAC256(API_KEY_SECRET)).withIssuer(API_KEY_SID).build().verify((String) media.get("token"));
    }

    @SuppressWarnings("unchecked")
    static boolean canPublish(Map<String, Object> joined) {
        return (Boolean) ((Map<String, Object>) joined.get("media")).get("canPublish");
    }

    void callback(String event, String room, UUID user, Instant at) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", TwilioFixtures.ACCOUNT_SID);
        params.put("RoomName", room);
        params.put("RoomSid", ROOM_SID);
        params.put("RoomStatus", "in-progress");
        params.put("RoomType", "group");
        params.put("StatusCallbackEvent", event);
        params.put("Timestamp", at.toString());
        params.put("SequenceNumber", "1");
        params.put("ParticipantSid", PARTICIPANT_SID);
        params.put("ParticipantIdentity", user.toString());
        params.put("ParticipantStatus", event.equals("participant-connected") ? "connected" : "disconnected");
        client.post().uri("/api/v1/webhooks/twilio").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header("X-Twilio-Signature", TwilioFixtures.signature(AUTH_TOKEN, CALLBACK, params))
                .body(TwilioFixtures.form(params))
                .exchange().expectStatus().isOk();
    }

    boolean providerConnected(String room, UUID user) {
        return jdbc.sql("SELECT provider_connected FROM participants WHERE room_id = ?::uuid AND user_id = ?").params(room, user)
                .query(Boolean.class).single();
    }

    @Test
    void aJoinBeyondTwiliosFiftyPeopleIs409RoomFull() {
        Session host = register("twfullhost");
        Session fiftyFirst = register("twfiftyfirst");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Full on Twilio", "provider", "twilio"), 201).get("id");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        // 49 more people are in (standing in for them: the room's counter)
        jdbc.sql("UPDATE rooms SET participant_count = 50 WHERE id = ?::uuid").param(room).update();
        Map<String, Object> refused = call(POST, "/api/v1/rooms/" + room + "/join", fiftyFirst, null, 409);
        assertThat(refused.get("type")).isEqualTo("/problems/room-full");
        assertThat((String) refused.get("detail")).contains("twilio").contains("50");
        assertThat(jdbc.sql("SELECT count(*) FROM participants WHERE room_id = ?::uuid AND user_id = ?")
                .params(room, fiftyFirst.userId()).query(Long.class).single()).isZero();
        // someone already in the room rejoining (refreshing their grant) is not refused
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
    }

    @Test
    void aTwilioRoomFollowsTheStageFromStartToEnd() {
        Session host = register("twhost");
        Session listener = register("twlistener");
        String room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "On Twilio", "provider", "twilio"), 201).get("id");
        settled(room);

        // joining: the host may publish, the listener may not; one vendor room, named after the Tribune room
        Map<String, Object> hostJoined = call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        Map<String, Object> listenerJoined = call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 200);
        assertThat(canPublish(hostJoined)).isTrue();
        assertThat(canPublish(listenerJoined)).isFalse();
        assertThat(token(hostJoined).getClaim("grants").asMap()).isEqualTo(Map.of("identity", host.userId().toString(),
                "video", Map.of("room", room)));
        assertThat(token(listenerJoined).getClaim("grants").asMap().get("identity")).isEqualTo(listener.userId().toString());
        twilio.verify(1, postRequestedFor(urlEqualTo("/v1/Rooms")).withFormParam("UniqueName", equalTo(room))
                .withFormParam("Type", equalTo("group")).withFormParam("StatusCallback", equalTo(CALLBACK))
                .withBasicAuth(new BasicCredentials(API_KEY_SID, API_KEY_SECRET)));

        // Twilio says the listener connected: present at the provider; everyone connected subscribes to the host only
        connectedAtTwilio(host.userId(), listener.userId());
        Instant connectedAt = Instant.parse("2026-11-22T10:15:00Z");
        callback("participant-connected", room, listener.userId(), connectedAt);
        assertThat(providerConnected(room, listener.userId())).isTrue();
        settled(room);
        everyoneHears(host.userId());
        assertThat(disconnects()).isZero();

        // a disconnect from before that, delivered late: stale, changes nothing
        callback("participant-disconnected", room, listener.userId(), connectedAt.minusSeconds(60));
        assertThat(providerConnected(room, listener.userId())).isTrue();

        // promoted: Twilio has no permission to raise (the new grant comes as media.grant); everyone now receives them
        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        settled(room);
        everyoneHears(host.userId(), listener.userId());
        assertThat(disconnects()).isZero();

        // demoted while still sending audio: nobody receives it any more, and nobody is cut off
        StubMapping sending = twilio.stubFor(WireMock.get(urlPathEqualTo(tracks())).atPriority(1).willReturn(json(200,
                page("published_tracks", "https://video.twilio.com" + tracks(),
                        track(ROOM_SID, PARTICIPANT_SID, "MT0123456789abcdef0123456789abcdef", "audio", true)))));
        call(DELETE, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        settled(room);
        everyoneHears(host.userId());
        assertThat(disconnects()).isZero();
        twilio.removeStub(sending);

        // Twilio is down: a join that needs a vendor room is 503 and writes nothing; a promotion waits for Twilio
        StubMapping outage = twilio.stubFor(WireMock.any(anyUrl()).atPriority(0)
                .willReturn(json(503, error(503, 20503, "Service Unavailable"))));
        Session latecomer = register("twlate");
        String second = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Made during the outage", "provider", "twilio"), 201).get("id");
        Map<String, Object> refused = call(POST, "/api/v1/rooms/" + second + "/join", latecomer, null, 503);
        assertThat(String.valueOf(refused.get("type"))).endsWith("/problems/provider-unavailable");
        assertThat(jdbc.sql("SELECT count(*) FROM participants WHERE room_id = ?::uuid AND user_id = ?").params(second, latecomer.userId())
                .query(Long.class).single()).isZero();

        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("""
                SELECT count(*) FROM room_events WHERE room_id = ?::uuid AND type = 'media.pending' AND ? = ANY(audience_user_ids)""")
                .params(room, listener.userId()).query(Long.class).single() > 0);
        int duringOutage = lookups();

        twilio.removeStub(outage);
        settled(room);
        assertThat(lookups()).as("the promotion reached Twilio once it was back").isGreaterThan(duringOutage);
        everyoneHears(host.userId(), listener.userId());

        // force-muted by the host: out of everyone's rules until the host lifts it
        call(PUT, "/api/v1/rooms/" + room + "/participants/" + listener.userId() + "/mute", host, null, 204);
        settled(room);
        everyoneHears(host.userId());
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + listener.userId() + "/mute", host, null, 204);
        settled(room);
        everyoneHears(host.userId(), listener.userId());
        assertThat(jdbc.sql("SELECT role FROM participants WHERE room_id = ?::uuid AND user_id = ?").params(room, listener.userId())
                .query(String.class).single()).isEqualTo("SPEAKER");

        // removed: disconnected at Twilio, and out of everyone's rules
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + listener.userId(), host, null, 204);
        settled(room);
        assertThat(disconnects()).isEqualTo(1);
        everyoneHears(host.userId());

        // ended: the Twilio room is completed
        call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        settled(room);
        twilio.verify(1, postRequestedFor(urlEqualTo("/v1/Rooms/" + ROOM_SID)).withFormParam("Status", equalTo("completed"))
                .withBasicAuth(new BasicCredentials(API_KEY_SID, API_KEY_SECRET)));

        // the room made during the outage got its Twilio room once Twilio was back, and ends like any other
        settled(second);
        twilio.verify(1, postRequestedFor(urlEqualTo("/v1/Rooms")).withFormParam("UniqueName", equalTo(second)));
        call(POST, "/api/v1/rooms/" + second + "/end", host, null, 200);
        settled(second);
        twilio.verify(2, postRequestedFor(urlEqualTo("/v1/Rooms/" + ROOM_SID)).withFormParam("Status", equalTo("completed")));
    }
}
