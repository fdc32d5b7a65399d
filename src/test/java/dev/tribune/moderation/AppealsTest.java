package dev.tribune.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Appeals (API.md "Appeals"): once per action, within 30 days, decided by another staff member. */
class AppealsTest extends StaffSessions {

    private static final String TECHNOLOGY = "01900000-0000-7000-8000-000000000001";

    @Autowired
    JdbcClient jdbc;

    Session staffMod;
    Session founder;
    Session reported;
    Session reporter;
    String club;
    String room;

    @BeforeEach
    void aClubRoomWhereSomeoneWasReported() {
        staffMod = register("apstaff");
        founder = register("apfounder");
        reported = register("apreported");
        reporter = register("apreporter");
        call(PUT, "/api/v1/staff/" + staffMod.userId(), staffAdmin(), Map.of("role", "MODERATOR"), 200);
        club = (String) call(POST, "/api/v1/clubs", founder, Map.of("name", "Appeals " + UUID.randomUUID().toString().substring(0, 8),
                "topicId", TECHNOLOGY), 201).get("id");
        room = (String) call(POST, "/api/v1/rooms", founder, Map.of("name", "Appealed", "clubId", club), 201).get("id");
        for (Session who : List.of(founder, reported, reporter)) {
            call(POST, "/api/v1/rooms/" + room + "/join", who, null, 200);
        }
    }

    /** The audit id of a resolution by {@code by} with {@code action}. */
    private String resolved(Session by, String action) {
        return resolved(by, action, reporter);
    }

    private String resolved(Session by, String action, Session reporter) {
        String report = (String) call(POST, "/api/v1/reports", reporter, Map.of("reportedUserId", reported.userId().toString(),
                "roomId", room, "reason", "HARASSMENT"), 201).get("id");
        call(POST, "/api/v1/reports/" + report + "/resolve", by, Map.of("action", action), 200);
        return jdbc.sql("SELECT id::text FROM moderation_actions WHERE report_id = ?::uuid").param(report).query(String.class).single();
    }

    private Session joined(Session who) {
        call(POST, "/api/v1/rooms/" + room + "/join", who, null, 200);
        return who;
    }

    @Test
    @SuppressWarnings("unchecked")
    void aClubBanAppealedAndOverturnedByAnotherStaffMemberIsLiftedAtOnce() {
        String audit = resolved(staffMod, "BAN_FROM_CLUB");
        call(POST, "/api/v1/rooms/" + room + "/join", reported, null, 403);

        Map<String, Object> appeal = call(POST, "/api/v1/appeals", reported, Map.of("auditId", audit, "text", "I was quoting"), 201);
        assertThat(appeal).containsEntry("status", "OPEN").containsEntry("action", "BAN_FROM_CLUB");
        call(POST, "/api/v1/appeals", reported, Map.of("auditId", audit, "text", "again"), 409);
        List<Map<String, Object>> open = (List<Map<String, Object>>) get("/api/v1/appeals?status=OPEN&limit=100", staffMod).get("items");
        assertThat(open).extracting(a -> a.get("id")).contains(appeal.get("id"));

        String decide = "/api/v1/appeals/" + appeal.get("id") + "/decide";
        call(POST, decide, staffMod, Map.of("decision", "OVERTURN", "note", "mine"), 403);
        call(POST, decide, founder, Map.of("decision", "OVERTURN", "note", "not staff"), 403);
        Map<String, Object> decided = call(POST, decide, staffAdmin(), Map.of("decision", "OVERTURN", "note", "context"), 200);
        assertThat(decided).containsEntry("status", "DECIDED").containsEntry("decision", "OVERTURN");
        call(POST, decide, staffAdmin(), Map.of("decision", "UPHOLD", "note", "twice"), 409);

        call(POST, "/api/v1/rooms/" + room + "/join", reported, null, 200);
        List<Map<String, Object>> log = (List<Map<String, Object>>) get("/api/v1/audit?limit=100&userId=" + reported.userId(),
                staffMod).get("items");
        Map<String, Object> overturn = log.stream().filter(e -> "OVERTURN".equals(e.get("action"))).findFirst().orElseThrow();
        Map<String, Object> original = log.stream().filter(e -> audit.equals(e.get("id"))).findFirst().orElseThrow();
        assertThat(original).containsEntry("reversedBy", overturn.get("id"));
        List<Map<String, Object>> notices = (List<Map<String, Object>>) get("/api/v1/me/notices", reported).get("items");
        assertThat(notices).extracting(n -> n.get("kind")).startsWith("APPEAL_DECIDED");
    }

    @Test
    void onlyTheTargetAppealsAnAppealableActionAndOnlyStaffSeeAppeals() {
        String warned = resolved(founder, "WARN");
        call(POST, "/api/v1/appeals", reporter, Map.of("auditId", warned, "text", "not mine"), 404);
        call(POST, "/api/v1/appeals", reported, Map.of("auditId", UUID.randomUUID().toString(), "text", "nothing"), 404);
        call(POST, "/api/v1/appeals", reported, Map.of("auditId", warned, "text", ""), 400);
        call(POST, "/api/v1/appeals", reported, Map.of("auditId", warned, "text", "x".repeat(2001)), 400);
        call(POST, "/api/v1/appeals", reported, Map.of("auditId", warned, "text", "unfair"), 201);

        String late = resolved(founder, "WARN", joined(register("apreporter2")));
        jdbc.sql("UPDATE moderation_actions SET created_at = now() - interval '31 days' WHERE id = ?::uuid").param(late).update();
        call(POST, "/api/v1/appeals", reported, Map.of("auditId", late, "text", "too late"), 422);
        String dismissed = resolved(founder, "DISMISS", joined(register("apreporter3")));
        call(POST, "/api/v1/appeals", reported, Map.of("auditId", dismissed, "text", "a dismissal"), 422);

        for (Session who : List.of(founder, reported, reporter)) {
            call(GET, "/api/v1/appeals", who, null, 403);
        }
        call(GET, "/api/v1/appeals?status=MAYBE", staffMod, null, 400);
        call(POST, "/api/v1/appeals/" + UUID.randomUUID() + "/decide", staffMod, Map.of("decision", "UPHOLD"), 404);
        call(POST, "/api/v1/appeals/" + UUID.randomUUID() + "/decide", staffMod, Map.of("decision", "SHRUG"), 400);
    }
}
