package dev.tribune.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may do what in moderation (API.md "Reports and moderation", "Appeals"), as real HTTP statuses against the real
 * database: one row per role, one column per act. Everyone shares one club room: a club ADMIN's club, its HOST and a
 * MODERATOR, a SPEAKER, an AUDIENCE member, a guest, and a reporter who has reported the reported person there (the
 * shared report). Staff and the club ADMIN were never in the room.
 *
 * <p>Each row also gets its own report (a fresh witness reporting a fresh culprit), which its resolving columns decide,
 * and its own open appeal (the witness appealing a HOST's WARN), so that what one row changes never answers another;
 * the reporter's and the reported person's rows take the shared report instead, as it is theirs.
 *
 * <p>Columns, in the order they are tried: file: a report about the reported person in the room; queue:
 * {@code GET /api/v1/reports?roomId=}, with or without the row's report; read: {@code GET /api/v1/reports/{id}};
 * beyond reach, then in reach: resolving the row's report with the strongest action the role does not have, then the
 * strongest it has ("-": there is none); audit: {@code GET /api/v1/audit}; appeals: {@code GET /api/v1/appeals};
 * decide: deciding the row's appeal; name staff: {@code PUT /api/v1/staff/{witness}} as MODERATOR; staff:
 * {@code GET /api/v1/staff}; export: {@code GET /api/v1/bans/export?clubId=} of the room's club.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModerationPermissionsTest extends StaffSessions {

    private static final String TECHNOLOGY = "01900000-0000-7000-8000-000000000001";

    @Autowired
    JdbcClient jdbc;

    private Map<String, Session> roles;
    private String club;
    private String room;
    private String sharedReport;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', useHeadersInDisplayName = true, textBlock = """
            role            | file | queue          | read | beyond reach        | in reach            | audit | appeals | decide | name staff | staff | export
            staff ADMIN     | 422  | 200 with it    | 200  | -                   | SUSPEND_ACCOUNT 200 | 200   | 200     | 200    | 200        | 200   | 200
            staff MODERATOR | 422  | 200 with it    | 200  | -                   | SUSPEND_ACCOUNT 200 | 200   | 200     | 200    | 403        | 200   | 200
            club ADMIN      | 422  | 200 with it    | 200  | SUSPEND_ACCOUNT 403 | BAN_FROM_CLUB 200   | 200   | 403     | 403    | 403        | 403   | 200
            room HOST       | 201  | 200 with it    | 200  | BAN_FROM_CLUB 403   | BAN_FROM_ROOM 200   | 403   | 403     | 403    | 403        | 403   | 403
            room MODERATOR  | 201  | 200 with it    | 200  | BAN_FROM_CLUB 403   | BAN_FROM_ROOM 200   | 403   | 403     | 403    | 403        | 403   | 403
            SPEAKER         | 201  | 200 without it | 404  | -                   | DISMISS 403         | 403   | 403     | 403    | 403        | 403   | 403
            AUDIENCE        | 201  | 200 without it | 404  | -                   | DISMISS 403         | 403   | 403     | 403    | 403        | 403   | 403
            guest           | 201  | 200 without it | 404  | -                   | DISMISS 403         | 403   | 403     | 403    | 403        | 403   | 403
            reported person | 422  | 200 without it | 404  | -                   | DISMISS 403         | 403   | 403     | 403    | 403        | 403   | 403
            reporter        | 200  | 200 without it | 404  | -                   | DISMISS 403         | 403   | 403     | 403    | 403        | 403   | 403
            """)
    void matrix(String role, String file, String queue, String read, String beyondReach, String inReach, String audit,
            String appeals, String decide, String nameStaff, String staff, String export) {
        Session who = roles.get(role);
        RowFixture row = rowFixture(role);
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(status(POST, "/api/v1/reports", who, Map.of("reportedUserId", roles.get("reported person").userId().toString(),
                "roomId", room, "reason", "HARASSMENT"))).as("file").isEqualTo(file);
        softly.assertThat(queueCell(who, row.report())).as("queue").isEqualTo(queue);
        softly.assertThat(status(GET, "/api/v1/reports/" + row.report(), who, null)).as("read").isEqualTo(read);
        softly.assertThat(resolveCell(who, row.report(), beyondReach)).as("beyond reach").isEqualTo(beyondReach);
        softly.assertThat(resolveCell(who, row.report(), inReach)).as("in reach").isEqualTo(inReach);
        softly.assertThat(status(GET, "/api/v1/audit?roomId=" + room, who, null)).as("audit").isEqualTo(audit);
        softly.assertThat(status(GET, "/api/v1/appeals", who, null)).as("appeals").isEqualTo(appeals);
        softly.assertThat(status(POST, "/api/v1/appeals/" + row.appeal() + "/decide", who,
                Map.of("decision", "UPHOLD", "note", "stands"))).as("decide").isEqualTo(decide);
        softly.assertThat(status(PUT, "/api/v1/staff/" + row.witness().userId(), who, Map.of("role", "MODERATOR")))
                .as("name staff").isEqualTo(nameStaff);
        softly.assertThat(status(GET, "/api/v1/staff", who, null)).as("staff").isEqualTo(staff);
        softly.assertThat(status(GET, "/api/v1/bans/export?clubId=" + club, who, null)).as("export").isEqualTo(export);
        softly.assertAll();
    }

    /** Once for the whole table (ApiTest's client exists only from the first {@code @BeforeEach} on). */
    @BeforeEach
    void oneClubRoomWithEveryRole() {
        if (roles != null) {
            return;
        }
        Session clubAdmin = register("mpclubadmin");
        Session host = register("mphost");
        Session roomMod = register("mproommod");
        Session speaker = register("mpspeaker");
        Session audience = register("mpaudience");
        Session guest = guest();
        Session reported = register("mpreported");
        Session reporter = register("mpreporter");
        Session staffMod = register("mpstaffmod");
        Session staffAdmin = staffAdmin();
        call(PUT, "/api/v1/staff/" + staffMod.userId(), staffAdmin, Map.of("role", "MODERATOR"), 200);
        club = (String) call(POST, "/api/v1/clubs", clubAdmin, Map.of("name", "Matrix " + UUID.randomUUID().toString().substring(0, 8),
                "topicId", TECHNOLOGY), 201).get("id");
        call(PUT, "/api/v1/clubs/" + club + "/members/" + host.userId(), clubAdmin, Map.of("role", "MEMBER"), 204);
        room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "The matrix", "clubId", club), 201).get("id");
        for (Session who : List.of(host, roomMod, speaker, audience, guest, reported, reporter)) {
            call(POST, "/api/v1/rooms/" + room + "/join", who, null, 200);
        }
        call(PUT, "/api/v1/rooms/" + room + "/moderators/" + roomMod.userId(), host, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/hand", speaker, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + speaker.userId(), host, null, 204);
        sharedReport = fileReport(reporter, reported);
        roles = Map.of("staff ADMIN", staffAdmin, "staff MODERATOR", staffMod, "club ADMIN", clubAdmin, "room HOST", host,
                "room MODERATOR", roomMod, "SPEAKER", speaker, "AUDIENCE", audience, "guest", guest,
                "reported person", reported, "reporter", reporter);
    }

    /** The row's own report and appeal; the witness is appealing the HOST's WARN of a report the culprit filed. */
    private record RowFixture(String report, String appeal, Session witness) {
    }

    private RowFixture rowFixture(String role) {
        Session culprit = register("mpculprit");
        Session witness = register("mpwitness");
        for (Session who : List.of(culprit, witness)) {
            call(POST, "/api/v1/rooms/" + room + "/join", who, null, 200);
        }
        String report = role.equals("reporter") || role.equals("reported person") ? sharedReport : fileReport(witness, culprit);
        String warned = fileReport(culprit, witness);
        call(POST, "/api/v1/reports/" + warned + "/resolve", roles.get("room HOST"), Map.of("action", "WARN"), 200);
        UUID warning = jdbc.sql("SELECT id FROM moderation_actions WHERE report_id = ?::uuid").param(warned).query(UUID.class).single();
        String appeal = (String) call(POST, "/api/v1/appeals", witness, Map.of("auditId", warning.toString(), "text", "I did nothing"),
                201).get("id");
        return new RowFixture(report, appeal, witness);
    }

    private String fileReport(Session by, Session about) {
        return (String) call(POST, "/api/v1/reports", by, Map.of("reportedUserId", about.userId().toString(), "roomId", room,
                "reason", "SPAM"), 201).get("id");
    }

    @SuppressWarnings("unchecked")
    private String queueCell(Session who, String report) {
        var answer = client.get().uri("/api/v1/reports?limit=100&roomId=" + room).header(HttpHeaders.AUTHORIZATION, bearer(who))
                .exchange().returnResult(Map.class);
        int code = answer.getStatus().value();
        if (code != 200) {
            return Integer.toString(code);
        }
        boolean listed = ((List<Map<String, Object>>) answer.getResponseBody().get("items")).stream()
                .anyMatch(item -> report.equals(item.get("id")));
        return listed ? "200 with it" : "200 without it";
    }

    /** "ACTION status", or "-" when the cell names no action to try. */
    private String resolveCell(Session who, String report, String cell) {
        if (cell.equals("-")) {
            return cell;
        }
        String action = cell.substring(0, cell.indexOf(' '));
        return action + " " + status(POST, "/api/v1/reports/" + report + "/resolve", who, Map.of("action", action));
    }

    private String status(HttpMethod method, String uri, Session who, Object body) {
        var request = client.method(method).uri(uri).header(HttpHeaders.AUTHORIZATION, bearer(who));
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return Integer.toString(request.exchange().returnResult(String.class).getStatus().value());
    }
}
