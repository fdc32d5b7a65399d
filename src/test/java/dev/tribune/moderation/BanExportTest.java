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
import org.springframework.http.HttpHeaders;

/** The ban export (API.md "Reports and moderation"): every ban and suspension in force, as JSON or CSV. */
class BanExportTest extends StaffSessions {

    private static final String TECHNOLOGY = "01900000-0000-7000-8000-000000000001";

    Session founder;
    Session banned;
    Session suspended;
    Session reporter;
    String club;
    String room;

    @BeforeEach
    void aClubBanAndASuspension() {
        founder = register("exfounder");
        banned = register("exbanned");
        suspended = register("exsuspended");
        reporter = register("exreporter");
        club = (String) call(POST, "/api/v1/clubs", founder, Map.of("name", "Export " + UUID.randomUUID().toString().substring(0, 8),
                "topicId", TECHNOLOGY), 201).get("id");
        room = (String) call(POST, "/api/v1/rooms", founder, Map.of("name", "Exported", "clubId", club), 201).get("id");
        for (Session who : List.of(founder, banned, suspended, reporter)) {
            call(POST, "/api/v1/rooms/" + room + "/join", who, null, 200);
        }
        for (Session who : List.of(banned, suspended)) {
            String report = (String) call(POST, "/api/v1/reports", reporter, Map.of("reportedUserId", who.userId().toString(),
                    "roomId", room, "reason", "SPAM"), 201).get("id");
            call(POST, "/api/v1/reports/" + report + "/resolve", staffAdmin(),
                    who == banned ? Map.of("action", "BAN_FROM_CLUB") : Map.of("action", "SUSPEND_ACCOUNT", "note", "spam, again"), 200);
        }
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> json(Session who, String query) {
        return (List<Map<String, Object>>) (Object) client.get().uri("/api/v1/bans/export?format=json" + query)
                .header(HttpHeaders.AUTHORIZATION, bearer(who)).exchange().expectStatus().isOk()
                .returnResult(List.class).getResponseBody();
    }

    @Test
    void staffExportEveryBanAndSuspensionAsJsonAndCsv() {
        List<Map<String, Object>> rows = json(staffAdmin(), "");
        assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("userId", banned.userId().toString())
                .containsEntry("username", banned.username()).containsEntry("scope", "CLUB").containsEntry("clubId", club)
                .containsEntry("roomId", room).containsKeys("by", "at", "until", "reason"));
        assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("userId", suspended.userId().toString())
                .containsEntry("scope", "ACCOUNT").containsEntry("until", null).containsEntry("reason", "spam, again"));

        String csv = client.get().uri("/api/v1/bans/export?format=csv").header(HttpHeaders.AUTHORIZATION, bearer(staffAdmin()))
                .header(HttpHeaders.ACCEPT, "text/csv").exchange().expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("text/csv").returnResult(String.class).getResponseBody();
        assertThat(csv).startsWith("userId,username,scope,roomId,clubId,by,at,until,reason\r\n")
                .contains(banned.userId() + "," + banned.username() + ",CLUB," + room + "," + club + ",")
                .contains(suspended.userId() + "," + suspended.username() + ",ACCOUNT,,,")
                .contains(",\"spam, again\"\r\n");
    }

    @Test
    void aClubAdminExportsTheirClubsBansOnly() {
        List<Map<String, Object>> rows = json(founder, "&clubId=" + club);
        assertThat(rows).extracting(r -> r.get("userId")).containsExactly(banned.userId().toString());
        call(GET, "/api/v1/bans/export?format=json", founder, null, 403);
        Session other = register("exother");
        call(GET, "/api/v1/bans/export?format=json&clubId=" + club, other, null, 403);
        call(PUT, "/api/v1/staff/" + other.userId(), staffAdmin(), Map.of("role", "MODERATOR"), 200);
        assertThat(json(other, "&clubId=" + club)).hasSize(1);
        call(GET, "/api/v1/bans/export?format=xml", other, null, 400);
        call(GET, "/api/v1/bans/export", guest(), null, 403);
    }
}
