package dev.tribune.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.events.SocketClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Notices (API.md "People, notices and notifications"): a resolution tells the person and the reporter. */
class NoticesTest extends StaffSessions {

    @Autowired
    JdbcClient jdbc;

    Session host;
    Session reported;
    Session reporter;
    String room;

    @BeforeEach
    void aRoomWithSomeoneReported() {
        host = register("nhost");
        reported = register("nreported");
        reporter = register("nreporter");
        room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Notices"), 201).get("id");
        for (Session who : List.of(host, reported, reporter)) {
            call(POST, "/api/v1/rooms/" + room + "/join", who, null, 200);
        }
    }

    private String fileAndResolve(Session by, Map<String, Object> resolution) {
        String report = (String) call(POST, "/api/v1/reports", reporter, Map.of("reportedUserId", reported.userId().toString(),
                "roomId", room, "reason", "SPAM", "details", "flooding the chat"), 201).get("id");
        call(POST, "/api/v1/reports/" + report + "/resolve", by, resolution, 200);
        return report;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> notices(Session who) {
        return (List<Map<String, Object>>) get("/api/v1/me/notices", who).get("items");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWarningTellsThePersonWhyAndTheReporterThatSomethingWasDone() {
        String report = fileAndResolve(host, Map.of("action", "WARN", "note", "keep it civil"));
        List<Map<String, Object>> theirs = notices(reported);
        assertThat(theirs).hasSize(1);
        assertThat(theirs.getFirst()).containsKeys("id", "at").containsEntry("kind", "WARNED").containsEntry("read", false);
        assertThat((Map<String, Object>) theirs.getFirst().get("data")).containsEntry("reason", "SPAM")
                .containsEntry("note", "keep it civil").containsEntry("reportId", report).containsKey("auditId");

        List<Map<String, Object>> reporters = notices(reporter);
        assertThat(reporters).extracting(n -> n.get("kind")).containsExactly("REPORT_OUTCOME");
        assertThat((Map<String, Object>) reporters.getFirst().get("data")).containsOnlyKeys("reportId", "outcome")
                .containsEntry("outcome", "ACTION_TAKEN");
        assertThat(notices(host)).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDismissalTellsOnlyTheReporterAndABanSaysItsScope() {
        fileAndResolve(host, Map.of("action", "DISMISS"));
        assertThat(notices(reported)).isEmpty();
        assertThat((Map<String, Object>) notices(reporter).getFirst().get("data")).containsEntry("outcome", "NO_VIOLATION");

        call(POST, "/api/v1/rooms/" + room + "/join", reported, null, 200);
        String other = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Other"), 201).get("id");
        for (Session who : List.of(host, reported, reporter)) {
            call(POST, "/api/v1/rooms/" + other + "/join", who, null, 200);
        }
        room = other;
        fileAndResolve(host, Map.of("action", "BAN_FROM_ROOM"));
        Map<String, Object> banned = notices(reported).getFirst();
        assertThat(banned).containsEntry("kind", "BANNED");
        assertThat((Map<String, Object>) banned.get("data")).containsEntry("scope", "ROOM").containsEntry("roomId", other);
    }

    @Test
    void aNoticeIsAlsoSentToThePersonsOpenSocketsSubscribedOrNot() throws Exception {
        try (SocketClient socket = SocketClient.connect("ws://localhost:" + port + "/ws?access_token=" + reported.accessToken())) {
            socket.send("{\"op\":\"ping\"}");
            socket.expect("pong");
            fileAndResolve(host, Map.of("action", "WARN", "note", "mind the language"));
            JsonNode frame = socket.expect("notice");
            assertThat(frame.path("notice").path("kind").asString()).isEqualTo("WARNED");
            assertThat(frame.path("notice").path("read").asBoolean(true)).isFalse();
            assertThat(frame.path("notice").path("data").path("note").asString()).isEqualTo("mind the language");
            assertThat(frame.path("notice").path("id").asString()).isEqualTo(notices(reported).getFirst().get("id"));
        }
    }

    @Test
    void aSuspensionToldOverTheSocketClosesItWith4401() throws Exception {
        try (SocketClient socket = SocketClient.connect("ws://localhost:" + port + "/ws?access_token=" + reported.accessToken())) {
            socket.send("{\"op\":\"ping\"}");
            socket.expect("pong");
            fileAndResolve(staffAdmin(), Map.of("action", "SUSPEND_ACCOUNT"));
            assertThat(socket.expect("notice").path("notice").path("kind").asString()).isEqualTo("SUSPENDED");
            assertThat(socket.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(4401);
        }
    }

    @Test
    void aSuspensionIsWrittenForThePersonWithItsEnd() {
        fileAndResolve(staffAdmin(), Map.of("action", "SUSPEND_ACCOUNT", "durationDays", 3));
        Map<String, Object> row = jdbc.sql("SELECT kind, data->>'until' AS until, data->>'durationDays' AS days FROM notices WHERE user_id = ?")
                .param(reported.userId()).query().singleRow();
        assertThat(row).containsEntry("kind", "SUSPENDED").containsEntry("days", "3");
        assertThat(row.get("until")).isNotNull();
    }

    @Test
    void readingUpToANoticeMarksItAndOlderOnesNewerStayUnread() {
        fileAndResolve(host, Map.of("action", "DISMISS"));
        String other = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Other"), 201).get("id");
        for (Session who : List.of(host, reported, reporter)) {
            call(POST, "/api/v1/rooms/" + other + "/join", who, null, 200);
        }
        room = other;
        fileAndResolve(host, Map.of("action", "WARN"));
        List<Map<String, Object>> before = notices(reporter);
        assertThat(before).hasSize(2).allSatisfy(n -> assertThat(n).containsEntry("read", false));
        Map<String, Object> page = get("/api/v1/me/notices?limit=1", reporter);
        assertThat(page.get("nextCursor")).isNotNull();
        assertThat(get("/api/v1/me/notices?limit=1&cursor=" + page.get("nextCursor"), reporter).get("items"))
                .asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);

        String older = (String) before.get(1).get("id");
        call(POST, "/api/v1/me/notices/read", reporter, Map.of("upTo", older), 204);
        List<Map<String, Object>> after = notices(reporter);
        assertThat(after).extracting(n -> n.get("read")).containsExactly(false, true);

        call(POST, "/api/v1/me/notices/read", reported, Map.of("upTo", older), 404);
        call(POST, "/api/v1/me/notices/read", reporter, Map.of("upTo", UUID.randomUUID().toString()), 404);
        call(POST, "/api/v1/me/notices/read", reporter, Map.of("upTo", "soon"), 400);
        call(POST, "/api/v1/me/notices/read", reporter, Map.of(), 400);
        call(GET, "/api/v1/me/notices?limit=0", reporter, null, 400);
        call(GET, "/api/v1/me/notices", null, null, 401);
    }
}
