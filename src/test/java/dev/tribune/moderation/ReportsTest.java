package dev.tribune.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tribune.events.SocketClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Filing reports (API.md "Reports and moderation"): who may report what, repeats, and the evidence frozen at filing. */
class ReportsTest extends StaffSessions {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;

    Session host;
    Session speaker;
    Session listener;
    String room;

    @BeforeEach
    void aLiveRoomWithAListenerAndSomeoneWhoChats() {
        host = register("rephost");
        speaker = register("repspeaker");
        listener = register("replistener");
        room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Reports"), 201).get("id");
        for (Session who : List.of(host, speaker, listener)) {
            call(POST, "/api/v1/rooms/" + room + "/join", who, null, 200);
        }
    }

    private String say(Session who, String text) {
        return (String) call(POST, "/api/v1/rooms/" + room + "/messages", who, Map.of("text", text), 201).get("id");
    }

    private Map<String, Object> report(Session who, Map<String, Object> body, int status) {
        return call(POST, "/api/v1/reports", who, body, status);
    }

    private Map<String, Object> reportOf(Session reported, String messageId, String reason) {
        Map<String, Object> body = new HashMap<>(Map.of("reportedUserId", reported.userId().toString(), "roomId", room,
                "reason", reason));
        if (messageId != null) {
            body.put("messageId", messageId);
        }
        return body;
    }

    private JsonNode evidenceOf(Object reportId) {
        return JSON.readTree(jdbc.sql("SELECT evidence::text FROM reports WHERE id = ?::uuid").param(reportId).query(String.class).single());
    }

    /** The types of the room events {@code who} is sent when replaying the room's whole log. */
    private List<JsonNode> replayedTo(Session who) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        try (SocketClient socket = SocketClient.connect("ws://localhost:" + port + "/ws?access_token=" + who.accessToken())) {
            socket.send("{\"op\":\"subscribe\",\"roomId\":\"" + room + "\",\"since\":0}");
            for (JsonNode frame = socket.next(); !"subscribed".equals(frame.path("op").asString()); frame = socket.next()) {
                events.add(frame);
            }
        }
        return events;
    }

    @Test
    void aListenerReportsAChatMessageAndOnlyTheRoomsHostAndModeratorsAreToldAtOnce() throws Exception {
        String message = say(speaker, "you are all idiots");
        Map<String, Object> filed = report(listener, reportOf(speaker, message, "HARASSMENT"), 201);
        assertThat(filed).containsEntry("status", "OPEN").containsKey("id");

        List<JsonNode> toHost = replayedTo(host).stream().filter(e -> "report.filed".equals(e.path("type").asString())).toList();
        assertThat(toHost).hasSize(1);
        assertThat(toHost.getFirst().path("data").path("reportId").asString()).isEqualTo(filed.get("id"));
        assertThat(toHost.getFirst().path("data").path("reportedUserId").asString()).isEqualTo(speaker.userId().toString());
        assertThat(toHost.getFirst().path("data").path("reason").asString()).isEqualTo("HARASSMENT");
        assertThat(replayedTo(listener)).extracting(e -> e.path("type").asString()).doesNotContain("report.filed");
        assertThat(replayedTo(speaker)).extracting(e -> e.path("type").asString()).doesNotContain("report.filed");
    }

    @Test
    void aReportedModeratorIsNotToldOfTheReportAboutThem() throws Exception {
        call(PUT, "/api/v1/rooms/" + room + "/moderators/" + speaker.userId(), host, null, 204);
        report(listener, reportOf(speaker, null, "HARASSMENT"), 201);
        assertThat(replayedTo(host)).extracting(e -> e.path("type").asString()).contains("report.filed");
        assertThat(replayedTo(speaker)).extracting(e -> e.path("type").asString()).doesNotContain("report.filed");
    }

    @Test
    void theEvidenceIsFrozenWhenFiledAndADeletionLaterChangesNothing() {
        String gone = say(speaker, "something I regret");
        call(DELETE, "/api/v1/rooms/" + room + "/messages/" + gone, speaker, null, 204);
        String message = say(speaker, "the line reported");
        say(listener, "please stop");
        Map<String, Object> filed = report(listener, reportOf(speaker, message, "HATE"), 201);

        JsonNode evidence = evidenceOf(filed.get("id"));
        call(DELETE, "/api/v1/rooms/" + room + "/messages/" + message, host, null, 204);
        assertThat(evidenceOf(filed.get("id"))).isEqualTo(evidence);

        List<String> lines = new ArrayList<>();
        evidence.path("chat").forEach(line -> lines.add(line.path("text").asString() + (line.path("deleted").asBoolean() ? " (deleted)" : "")));
        assertThat(lines).containsExactly("something I regret (deleted)", "the line reported", "please stop");
        List<String> acts = new ArrayList<>();
        evidence.path("acts").forEach(act -> acts.add(act.path("type").asString()));
        assertThat(acts).as("the reported person's stage acts of the window").contains("participant.joined");
        evidence.path("acts").forEach(act -> assertThat(act.path("data").path("userId").asString()).isEqualTo(speaker.userId().toString()));
        List<String> panel = new ArrayList<>();
        evidence.path("panel").forEach(seat -> panel.add(seat.path("userId").asString() + " " + seat.path("role").asString()));
        assertThat(panel).containsExactly(host.userId() + " HOST");
    }

    @Autowired
    EvidencePurge purge;

    @Test
    void theEvidenceOfAReportResolvedLongerAgoThanTheRetentionIsErasedAndTheReportStays() {
        say(speaker, "evidence to keep a while");
        Object kept = report(listener, reportOf(speaker, null, "SPAM"), 201).get("id");
        Object old = report(host, reportOf(speaker, null, "SPAM"), 201).get("id");
        Object open = report(listener, reportOf(host, null, "OTHER"), 201).get("id");
        for (Object id : List.of(kept, old)) {
            call(POST, "/api/v1/reports/" + id + "/resolve", staffAdmin(), Map.of("action", "DISMISS"), 200);
        }
        jdbc.sql("UPDATE reports SET resolved_at = now() - interval '91 days' WHERE id = ?::uuid").param(old).update();
        jdbc.sql("UPDATE reports SET created_at = now() - interval '200 days' WHERE id = ?::uuid").param(open).update();

        assertThat(purge.purge()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT evidence IS NULL FROM reports WHERE id = ?::uuid").param(old).query(Boolean.class).single()).isTrue();
        assertThat(evidenceOf(kept).path("chat")).isNotEmpty();
        assertThat(evidenceOf(open)).isNotNull();
        assertThat(get("/api/v1/reports/" + old, staffAdmin())).containsEntry("status", "RESOLVED").containsEntry("evidence", null);
    }

    @Test
    void reportingTheSamePersonInTheSameRoomAgainWithinTenMinutesAnswersTheFirstReport() {
        Map<String, Object> first = report(listener, reportOf(speaker, null, "SPAM"), 201);
        Map<String, Object> again = report(listener, reportOf(speaker, say(speaker, "buy now"), "OTHER"), 200);
        assertThat(again).containsEntry("id", first.get("id")).containsEntry("reason", "SPAM");
        // someone else's report of the same person is their own
        assertThat(report(host, reportOf(speaker, null, "SPAM"), 201).get("id")).isNotEqualTo(first.get("id"));
        assertThat(jdbc.sql("SELECT count(*) FROM reports WHERE reported_user_id = ?").param(speaker.userId()).query(Long.class).single())
                .isEqualTo(2);
    }

    @Test
    void aGuestMayReportToo() {
        Session guest = guest();
        call(POST, "/api/v1/rooms/" + room + "/join", guest, null, 200);
        assertThat(report(guest, reportOf(speaker, null, "IMPERSONATION"), 201)).containsEntry("status", "OPEN");
    }

    @Test
    void badInputIsA400() {
        report(listener, reportOf(speaker, null, "RUDE"), 400);
        Map<String, Object> tooLong = reportOf(speaker, null, "OTHER");
        tooLong.put("details", "x".repeat(2001));
        report(listener, tooLong, 400);
        report(listener, Map.of("roomId", room, "reason", "SPAM"), 400);
        report(listener, Map.of("reportedUserId", "not-an-id", "reason", "SPAM"), 400);
        report(listener, Map.of("reportedUserId", speaker.userId().toString()), 400);
        call(POST, "/api/v1/reports", null, reportOf(speaker, null, "SPAM"), 401);
        Map<String, Object> fits = reportOf(speaker, null, "OTHER");
        fits.put("details", "x".repeat(2000));
        report(listener, fits, 201);
    }

    @Test
    void reportingYourselfAMessageFromElsewhereOrARoomYouWereNeverInIsA422() {
        Map<String, Object> self = report(listener, reportOf(listener, null, "SPAM"), 422);
        assertThat(self).containsEntry("status", 422).containsKey("type");

        String otherRoom = (String) call(POST, "/api/v1/rooms", speaker, Map.of("name", "Elsewhere"), 201).get("id");
        call(POST, "/api/v1/rooms/" + otherRoom + "/join", speaker, null, 200);
        String elsewhere = (String) call(POST, "/api/v1/rooms/" + otherRoom + "/messages", speaker, Map.of("text", "hi"), 201).get("id");
        report(listener, reportOf(speaker, elsewhere, "SPAM"), 422);
        report(listener, reportOf(speaker, UUID.randomUUID().toString(), "SPAM"), 422);
        report(listener, reportOf(host, say(speaker, "not the host's line"), "SPAM"), 422);

        Session stranger = register("stranger");
        report(stranger, reportOf(speaker, null, "SPAM"), 422);
        report(listener, Map.of("reportedUserId", speaker.userId().toString(), "roomId", otherRoom, "reason", "SPAM"), 422);
        report(listener, Map.of("reportedUserId", speaker.userId().toString(), "roomId", UUID.randomUUID().toString(),
                "reason", "SPAM"), 422);
        report(listener, Map.of("reportedUserId", UUID.randomUUID().toString(), "reason", "SPAM"), 404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void reportersSeeTheirReportsWithStatusAndNothingOfTheAction() {
        Map<String, Object> filed = report(listener, reportOf(speaker, null, "VIOLENCE"), 201);
        List<Map<String, Object>> mine = (List<Map<String, Object>>) call(GET, "/api/v1/me/reports", listener, null, 200).get("items");
        assertThat(mine).hasSize(1);
        assertThat(mine.getFirst()).containsEntry("id", filed.get("id")).containsEntry("status", "OPEN")
                .containsEntry("outcome", null).doesNotContainKeys("resolution", "evidence", "details");
        assertThat((List<?>) get("/api/v1/me/reports", speaker).get("items")).isEmpty();
        call(GET, "/api/v1/me/reports?limit=0", listener, null, 400);
    }
}
