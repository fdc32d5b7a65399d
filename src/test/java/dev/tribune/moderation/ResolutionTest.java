package dev.tribune.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deciding reports (API.md "Reports and moderation"): who reaches which report with which action, each action taking
 * effect through the stage or accounts, one audit entry per resolution, and two moderators at once.
 */
class ResolutionTest extends StaffSessions {

    private static final String TECHNOLOGY = "01900000-0000-7000-8000-000000000001";

    @Autowired
    JdbcClient jdbc;

    Session clubAdmin;
    Session host;
    Session roomMod;
    Session speaker;
    Session bystander;
    Session reported;
    Session reporter;
    Session staffMod;
    String club;
    String room;
    String message;

    @BeforeEach
    void aClubRoomWithItsStaffAndAReportedListener() {
        clubAdmin = register("clubadmin");
        host = register("host");
        roomMod = register("roommod");
        speaker = register("speaker");
        bystander = register("bystander");
        reported = register("reported");
        reporter = register("reporter");
        staffMod = register("staffmod");
        call(PUT, "/api/v1/staff/" + staffMod.userId(), staffAdmin(), Map.of("role", "MODERATOR"), 200);
        club = (String) call(POST, "/api/v1/clubs", clubAdmin, Map.of("name", "Club " + UUID.randomUUID().toString().substring(0, 8),
                "topicId", TECHNOLOGY), 201).get("id");
        call(PUT, "/api/v1/clubs/" + club + "/members/" + host.userId(), clubAdmin, Map.of("role", "MEMBER"), 204);
        room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Moderated", "clubId", club), 201).get("id");
        for (Session who : List.of(host, roomMod, speaker, bystander, reported, reporter)) {
            call(POST, "/api/v1/rooms/" + room + "/join", who, null, 200);
        }
        call(PUT, "/api/v1/rooms/" + room + "/moderators/" + roomMod.userId(), host, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/hand", speaker, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + speaker.userId(), host, null, 204);
        message = (String) call(POST, "/api/v1/rooms/" + room + "/messages", reported, Map.of("text", "a hateful line"), 201).get("id");
    }

    private String file() {
        return (String) call(POST, "/api/v1/reports", reporter, Map.of("reportedUserId", reported.userId().toString(),
                "roomId", room, "messageId", message, "reason", "HATE"), 201).get("id");
    }

    private Map<String, Object> resolve(String report, Session who, String action, int status) {
        return call(POST, "/api/v1/reports/" + report + "/resolve", who, Map.of("action", action), status);
    }

    private long auditEntries(String report) {
        return jdbc.sql("SELECT count(*) FROM moderation_actions WHERE report_id = ?::uuid").param(report).query(Long.class).single();
    }

    @SuppressWarnings("unchecked")
    private List<String> queueOf(Session who) {
        return ((List<Map<String, Object>>) get("/api/v1/reports?limit=100&roomId=" + room, who).get("items")).stream()
                .map(item -> (String) item.get("id")).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> myReport(String report) {
        return ((List<Map<String, Object>>) get("/api/v1/me/reports", reporter).get("items")).stream()
                .filter(r -> r.get("id").equals(report)).findFirst().orElseThrow();
    }

    @Test
    void whoSeesTheReport() {
        String report = file();
        for (Session who : List.of(host, roomMod, clubAdmin, staffMod, staffAdmin())) {
            assertThat(get("/api/v1/reports/" + report, who)).containsEntry("id", report).containsEntry("status", "OPEN");
            assertThat(queueOf(who)).contains(report);
        }
        for (Session who : List.of(reporter, reported, speaker, bystander, guest())) {
            call(GET, "/api/v1/reports/" + report, who, null, 404);
            assertThat(queueOf(who)).doesNotContain(report);
        }
        call(GET, "/api/v1/reports/" + report, null, null, 401);
    }

    @Test
    void nobodySeesOrDecidesAReportAboutThemselvesNotEvenStaff() {
        call(POST, "/api/v1/rooms/" + room + "/join", staffMod, null, 200);
        String aboutStaff = (String) call(POST, "/api/v1/reports", reporter, Map.of("reportedUserId", staffMod.userId().toString(),
                "roomId", room, "reason", "OTHER"), 201).get("id");
        call(GET, "/api/v1/reports/" + aboutStaff, staffMod, null, 404);
        assertThat(queueOf(staffMod)).doesNotContain(aboutStaff);
        resolve(aboutStaff, staffMod, "DISMISS", 403);
        assertThat(queueOf(staffAdmin())).contains(aboutStaff);
    }

    @Test
    void eachRoleReachesItsOwnActionsAndNoFurther() {
        String report = file();
        for (Session who : List.of(reporter, reported, speaker, bystander, guest())) {
            resolve(report, who, "DISMISS", 403);
        }
        for (Session who : List.of(host, roomMod)) {
            resolve(report, who, "BAN_FROM_CLUB", 403);
            resolve(report, who, "SUSPEND_ACCOUNT", 403);
        }
        resolve(report, clubAdmin, "SUSPEND_ACCOUNT", 403);
        assertThat(auditEntries(report)).isZero();
        assertThat(get("/api/v1/reports/" + report, host)).containsEntry("status", "OPEN");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aRoomModeratorRemovesThePersonOnceAndTheReporterLearnsOnlyThatSomethingWasDone() {
        String report = file();
        Map<String, Object> resolved = call(POST, "/api/v1/reports/" + report + "/resolve", roomMod,
                Map.of("action", "REMOVE_FROM_ROOM", "note", "hate speech"), 200);
        assertThat(resolved).containsEntry("status", "RESOLVED");
        assertThat((Map<String, Object>) resolved.get("resolution")).containsEntry("action", "REMOVE_FROM_ROOM")
                .containsEntry("note", "hate speech").containsEntry("by", roomMod.userId().toString());
        assertThat(jdbc.sql("SELECT left_at IS NOT NULL FROM participants WHERE room_id = ?::uuid AND user_id = ?")
                .params(room, reported.userId()).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM room_events WHERE room_id = ?::uuid AND type = 'participant.removed' "
                + "AND payload->>'userId' = ?").params(room, reported.userId().toString()).query(Long.class).single()).isEqualTo(1);
        assertThat(auditEntries(report)).isEqualTo(1);
        assertThat(myReport(report)).containsEntry("status", "RESOLVED").containsEntry("outcome", "ACTION_TAKEN")
                .doesNotContainKeys("resolution", "note");

        resolve(report, host, "DISMISS", 409);
        assertThat(auditEntries(report)).isEqualTo(1);
        // removed, not banned: they may come back
        call(POST, "/api/v1/rooms/" + room + "/join", reported, null, 200);
    }

    @Test
    void theHostBansFromTheRoomAndTheClubAdminFromTheClub() {
        String report = file();
        resolve(report, host, "BAN_FROM_ROOM", 200);
        Map<String, Object> refused = call(POST, "/api/v1/rooms/" + room + "/join", reported, null, 403);
        assertThat(refused.get("type")).isEqualTo("/problems/banned");
        String otherRoom = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Another", "clubId", club), 201).get("id");
        call(POST, "/api/v1/rooms/" + otherRoom + "/join", reported, null, 200);
        call(POST, "/api/v1/rooms/" + otherRoom + "/messages", reported, Map.of("text", "still at it"), 201);

        call(POST, "/api/v1/rooms/" + otherRoom + "/join", reporter, null, 200);
        String report2 = (String) call(POST, "/api/v1/reports", reporter, Map.of("reportedUserId", reported.userId().toString(),
                "roomId", otherRoom, "reason", "HATE"), 201).get("id");
        resolve(report2, clubAdmin, "BAN_FROM_CLUB", 200);
        String thirdRoom = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Third", "clubId", club), 201).get("id");
        call(POST, "/api/v1/rooms/" + thirdRoom + "/join", reported, null, 403);
        assertThat(auditEntries(report)).isEqualTo(1);
        assertThat(auditEntries(report2)).isEqualTo(1);
    }

    @Test
    @SuppressWarnings("unchecked")
    void staffSuspendTheAccountAndTheReportShowsTheHistory() {
        String first = file();
        resolve(first, host, "WARN", 200);
        call(POST, "/api/v1/rooms/" + room + "/messages", reported, Map.of("text", "again"), 201);
        call(DELETE, "/api/v1/rooms/" + room + "/messages/" + message, host, null, 204);
        String second = (String) call(POST, "/api/v1/reports", bystander, Map.of("reportedUserId", reported.userId().toString(),
                "roomId", room, "messageId", message, "reason", "HATE"), 201).get("id");

        Map<String, Object> seen = get("/api/v1/reports/" + second, staffMod);
        assertThat((Map<String, Object>) seen.get("message")).containsEntry("text", "a hateful line").containsEntry("deleted", true);
        assertThat((Map<String, Object>) seen.get("room")).containsEntry("id", room).containsEntry("clubId", club);
        assertThat((Map<String, Object>) seen.get("reportedUser")).containsEntry("id", reported.userId().toString());
        Map<String, Object> history = (Map<String, Object>) seen.get("history");
        // the warning, and the host deleting their line (an in-room act, audited too)
        assertThat(history).containsEntry("reportCount", 1).containsEntry("actionCount", 2);
        assertThat((List<Map<String, Object>>) history.get("actions")).extracting(a -> a.get("action"))
                .containsExactly("CHAT_DELETE", "WARN");
        assertThat(seen.get("evidence")).isNotNull();

        Map<String, Object> body = new HashMap<>(Map.of("action", "SUSPEND_ACCOUNT", "durationDays", 7));
        call(POST, "/api/v1/reports/" + second + "/resolve", staffMod, body, 200);
        call(GET, "/api/v1/me", reported, null, 403);
        assertThat(jdbc.sql("SELECT duration_days FROM moderation_actions WHERE report_id = ?::uuid").param(second)
                .query(Integer.class).single()).isEqualTo(7);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aReportAboutADeletedAccountKeepsWhatWasSaidLosesWhoSaidItAndCanStillBeResolved() {
        String report = file();
        String evidenceBefore = jdbc.sql("SELECT evidence::text FROM reports WHERE id = ?::uuid").param(report).query(String.class).single();
        assertThat(evidenceBefore).contains("\"Test reported\"");

        call(DELETE, "/api/v1/me", reported, null, 204);

        Map<String, Object> seen = get("/api/v1/reports/" + report, staffMod);
        Map<String, Object> evidence = (Map<String, Object>) seen.get("evidence");
        List<Map<String, Object>> lines = ((List<Map<String, Object>>) evidence.get("chat")).stream()
                .filter(line -> reported.userId().toString().equals(line.get("fromUserId"))).toList();
        assertThat(lines).extracting(line -> line.get("text")).containsExactly("a hateful line");
        assertThat(lines).extracting(line -> line.get("fromDisplayName")).containsOnlyNulls();
        String evidenceAfter = jdbc.sql("SELECT evidence::text FROM reports WHERE id = ?::uuid").param(report).query(String.class).single();
        assertThat(evidenceAfter).as("the erased person's name is nowhere in the evidence").doesNotContain("\"Test reported\"");

        resolve(report, staffMod, "SUSPEND_ACCOUNT", 200);
        assertThat(auditEntries(report)).isEqualTo(1);
    }

    @Test
    void aDismissalTellsTheReporterThereWasNoViolation() {
        String report = file();
        resolve(report, clubAdmin, "DISMISS", 200);
        assertThat(myReport(report)).containsEntry("outcome", "NO_VIOLATION");
        call(POST, "/api/v1/rooms/" + room + "/messages", reported, Map.of("text", "still here"), 201);
    }

    @Test
    void badInputIsA400AndAnUnknownReportA404() {
        String report = file();
        resolve(report, host, "SHOUT", 400);
        call(POST, "/api/v1/reports/" + report + "/resolve", staffMod, Map.of("action", "SUSPEND_ACCOUNT", "durationDays", 0), 400);
        call(POST, "/api/v1/reports/" + report + "/resolve", staffMod, Map.of("action", "SUSPEND_ACCOUNT", "durationDays", 3651), 400);
        call(POST, "/api/v1/reports/" + report + "/resolve", staffMod, Map.of("action", "WARN", "durationDays", 3), 400);
        call(POST, "/api/v1/reports/" + report + "/resolve", staffMod, Map.of(), 400);
        resolve(UUID.randomUUID().toString(), staffMod, "DISMISS", 404);
        call(GET, "/api/v1/reports?status=SOMETIMES", staffMod, null, 400);
        call(GET, "/api/v1/reports?limit=101", staffMod, null, 400);
        assertThat(auditEntries(report)).isZero();
    }

    @Test
    void twoModeratorsAtOnceOneWinsTheOtherGetsA409AndThereIsOneAuditEntry() throws Exception {
        String report = file();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Session who : List.of(host, roomMod)) {
                Callable<Integer> resolveIt = () -> {
                    start.await();
                    return client.post().uri("/api/v1/reports/" + report + "/resolve")
                            .header(HttpHeaders.AUTHORIZATION, bearer(who)).contentType(MediaType.APPLICATION_JSON)
                            .body(Map.of("action", "WARN")).exchange().returnResult(String.class).getStatus().value();
                };
                answers.add(pool.submit(resolveIt));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                codes.add(answer.get());
            }
            assertThat(codes).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(auditEntries(report)).isEqualTo(1);
    }
}
