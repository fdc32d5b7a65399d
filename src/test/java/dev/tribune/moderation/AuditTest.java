package dev.tribune.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The audit log (API.md "Reports and moderation"): every moderation act, by whoever took it, newest first. */
class AuditTest extends StaffSessions {

    private static final String TECHNOLOGY = "01900000-0000-7000-8000-000000000001";

    Session clubAdmin;
    Session host;
    Session speaker;
    Session listener;
    String club;
    String room;

    @BeforeEach
    void aClubRoomWithASpeakerAndAListener() {
        clubAdmin = register("aclubadmin");
        host = register("ahost");
        speaker = register("aspeaker");
        listener = register("alistener");
        club = (String) call(POST, "/api/v1/clubs", clubAdmin, Map.of("name", "Audit " + UUID.randomUUID().toString().substring(0, 8),
                "topicId", TECHNOLOGY), 201).get("id");
        call(PUT, "/api/v1/clubs/" + club + "/members/" + host.userId(), clubAdmin, Map.of("role", "MEMBER"), 204);
        room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Audited", "clubId", club), 201).get("id");
        for (Session who : List.of(host, speaker, listener)) {
            call(POST, "/api/v1/rooms/" + room + "/join", who, null, 200);
        }
        call(PUT, "/api/v1/rooms/" + room + "/hand", speaker, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + speaker.userId(), host, null, 204);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> entries(Session who, String query) {
        return (List<Map<String, Object>>) get("/api/v1/audit?limit=100&roomId=" + room + query, who).get("items");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHostsActsInTheRoomAreAuditedNewestFirstAndOwnActsAreNot() {
        call(PUT, "/api/v1/rooms/" + room + "/participants/" + speaker.userId() + "/mute", host, null, 204);
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + speaker.userId() + "/mute", host, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/participants/" + listener.userId() + "/chat-mute", host, null, 204);
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + listener.userId() + "/chat-mute", host, null, 204);
        String line = (String) call(POST, "/api/v1/rooms/" + room + "/messages", listener, Map.of("text", "rude"), 201).get("id");
        call(DELETE, "/api/v1/rooms/" + room + "/messages/" + line, host, null, 204);
        String own = (String) call(POST, "/api/v1/rooms/" + room + "/messages", listener, Map.of("text", "oops"), 201).get("id");
        call(DELETE, "/api/v1/rooms/" + room + "/messages/" + own, listener, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/participants/" + speaker.userId() + "/mute", speaker, null, 204);
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + listener.userId() + "?ban=true", host, null, 204);

        List<Map<String, Object>> log = entries(staffAdmin(), "");
        assertThat(log).extracting(e -> e.get("action")).containsExactly("ROOM_BAN", "CHAT_DELETE", "CHAT_UNMUTE", "CHAT_MUTE",
                "FORCED_MUTE_LIFTED", "FORCED_MUTE");
        Map<String, Object> ban = log.getFirst();
        assertThat((Map<String, Object>) ban.get("actor")).containsEntry("id", host.userId().toString());
        assertThat((Map<String, Object>) ban.get("target")).containsEntry("id", listener.userId().toString());
        assertThat(ban).containsEntry("roomId", room).containsEntry("clubId", club).containsEntry("reportId", null)
                .containsKeys("id", "at", "note", "durationDays", "reversedBy");

        assertThat(entries(clubAdmin, "")).hasSize(6);
        assertThat(entries(staffAdmin(), "&action=CHAT_DELETE")).extracting(e -> e.get("action")).containsExactly("CHAT_DELETE");
        assertThat(entries(staffAdmin(), "&userId=" + speaker.userId())).hasSize(2);
        assertThat(entries(staffAdmin(), "&actorId=" + listener.userId())).isEmpty();
    }

    @Test
    void aResolutionIsOneEntryEvenWhenItActsThroughTheStage() {
        call(POST, "/api/v1/rooms/" + room + "/messages", speaker, Map.of("text", "spam spam"), 201);
        String report = (String) call(POST, "/api/v1/reports", listener, Map.of("reportedUserId", speaker.userId().toString(),
                "roomId", room, "reason", "SPAM"), 201).get("id");
        call(POST, "/api/v1/reports/" + report + "/resolve", host, Map.of("action", "BAN_FROM_ROOM", "note", "spam"), 200);
        List<Map<String, Object>> log = entries(clubAdmin, "");
        assertThat(log).hasSize(1);
        assertThat(log.getFirst()).containsEntry("action", "BAN_FROM_ROOM").containsEntry("reportId", report)
                .containsEntry("note", "spam");
    }

    @Test
    void onlyStaffAndClubAdminsReadTheLog() {
        for (Session who : List.of(host, speaker, listener, guest())) {
            call(GET, "/api/v1/audit", who, null, 403);
        }
        call(GET, "/api/v1/audit", null, null, 401);
        Session otherAdmin = register("otherclub");
        call(POST, "/api/v1/clubs", otherAdmin, Map.of("name", "Other " + UUID.randomUUID().toString().substring(0, 8),
                "topicId", TECHNOLOGY), 201);
        call(PUT, "/api/v1/rooms/" + room + "/participants/" + speaker.userId() + "/mute", host, null, 204);
        assertThat(entries(otherAdmin, "")).isEmpty();
        assertThat(entries(clubAdmin, "")).hasSize(1);
        call(GET, "/api/v1/audit?action=lower-case", clubAdmin, null, 400);
        call(GET, "/api/v1/audit?userId=nope", clubAdmin, null, 400);
    }

    @Test
    void anUnbanIsAudited() {
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + listener.userId() + "?ban=true", host, null, 204);
        call(DELETE, "/api/v1/rooms/" + room + "/bans/" + listener.userId(), host, null, 204);
        call(DELETE, "/api/v1/rooms/" + room + "/bans/" + listener.userId(), host, null, 404);

        List<Map<String, Object>> log = entries(clubAdmin, "");
        assertThat(log).extracting(e -> e.get("action")).containsExactly("UNBAN", "ROOM_BAN");
        assertThat(actorAndTarget(log.getFirst())).containsExactly(host.userId().toString(), listener.userId().toString());
    }

    @Test
    void aDemotionByStaffIsAuditedAndSteppingDownIsNot() {
        call(PUT, "/api/v1/rooms/" + room + "/moderators/" + speaker.userId(), host, null, 204);
        call(DELETE, "/api/v1/rooms/" + room + "/moderators/" + speaker.userId(), host, null, 204);
        call(DELETE, "/api/v1/rooms/" + room + "/speakers/" + speaker.userId(), host, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/hand", listener, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), host, null, 204);
        call(DELETE, "/api/v1/rooms/" + room + "/speakers/" + listener.userId(), listener, null, 204);

        List<Map<String, Object>> log = entries(clubAdmin, "");
        assertThat(log).extracting(e -> e.get("action")).containsExactly("DEMOTION", "DEMOTION");
        for (Map<String, Object> demotion : log) {
            assertThat(actorAndTarget(demotion)).containsExactly(host.userId().toString(), speaker.userId().toString());
        }
    }

    @Test
    void endingTheRoomIsAudited() {
        call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);

        List<Map<String, Object>> log = entries(clubAdmin, "");
        assertThat(log).extracting(e -> e.get("action")).containsExactly("ROOM_ENDED");
        assertThat(log.getFirst()).containsEntry("target", null).containsEntry("roomId", room).containsEntry("clubId", club);
        assertThat(actorAndTarget(log.getFirst())).containsExactly(host.userId().toString(), null);
    }

    @SuppressWarnings("unchecked")
    private static List<String> actorAndTarget(Map<String, Object> entry) {
        Map<String, Object> target = (Map<String, Object>) entry.get("target");
        return Arrays.asList((String) ((Map<String, Object>) entry.get("actor")).get("id"),
                target == null ? null : (String) target.get("id"));
    }
}
