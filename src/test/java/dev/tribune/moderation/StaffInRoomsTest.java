package dev.tribune.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Platform staff act in every room (API.md: staff "act everywhere"; the stage matrix's "platform staff" column): a
 * room whose own moderators are absent, or are the problem, can still be kept safe. A staff MODERATOR who was never in
 * a PRIVATE room sees it, mutes, demotes, chat-mutes, deletes a message, removes and bans, changes its settings and
 * ends it; each act is in the audit log "as platform MODERATOR". Someone who is not staff, in the room or not, can
 * do none of it.
 */
class StaffInRoomsTest extends StaffSessions {

    private Session host;
    private Session speaker;
    private Session listener;
    private Session staffMod;
    private String room;

    @BeforeEach
    void aPrivateRoomWithASpeakerAndAListener() {
        host = register("host");
        speaker = register("speaker");
        listener = register("listener");
        staffMod = register("staffmod");
        call(PUT, "/api/v1/staff/" + staffMod.userId(), staffAdmin(), Map.of("role", "MODERATOR"), 200);
        Map<String, Object> created = call(POST, "/api/v1/rooms", host, Map.of("name", "Private", "visibility", "PRIVATE"), 201);
        room = (String) created.get("id");
        String invite = (String) get("/api/v1/rooms/" + room, host).get("inviteCode");
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        for (Session who : List.of(speaker, listener)) {
            call(POST, "/api/v1/rooms/" + room + "/join", who, Map.of("inviteCode", invite), 200);
        }
        call(PUT, "/api/v1/rooms/" + room + "/hand", speaker, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/speakers/" + speaker.userId(), host, null, 204);
    }

    @Test
    void staffNeverInThePrivateRoomSeeItAndActInItAndEachActIsAuditedAsStaff() {
        assertThat(get("/api/v1/rooms/" + room, staffMod)).containsEntry("id", room);
        String message = (String) call(POST, "/api/v1/rooms/" + room + "/messages", listener, Map.of("text", "abuse"), 201).get("id");

        call(PUT, "/api/v1/rooms/" + room + "/participants/" + speaker.userId() + "/mute", staffMod, null, 204);
        assertThat(get("/api/v1/rooms/" + room, speaker)).extractingByKey("me").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("forcedMute", true);
        call(DELETE, "/api/v1/rooms/" + room + "/speakers/" + speaker.userId(), staffMod, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/participants/" + listener.userId() + "/chat-mute", staffMod, null, 204);
        call(DELETE, "/api/v1/rooms/" + room + "/messages/" + message, staffMod, null, 204);
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + listener.userId() + "?ban=true", staffMod, null, 204);
        call(POST, "/api/v1/rooms/" + room + "/join", listener, null, 404);
        call(PATCH, "/api/v1/rooms/" + room, staffMod, Map.of("chat", "SPEAKERS"), 200);
        call(POST, "/api/v1/rooms/" + room + "/end", staffMod, null, 200);
        assertThat(get("/api/v1/rooms/" + room, host)).containsEntry("status", "ENDED");

        List<Map<String, Object>> log = audit();
        assertThat(log).extracting(entry -> entry.get("action"))
                .containsExactly("ROOM_ENDED", "ROOM_BAN", "CHAT_DELETE", "CHAT_MUTE", "DEMOTION", "FORCED_MUTE");
        assertThat(log).allSatisfy(entry -> assertThat(entry).containsEntry("note", "as platform MODERATOR"));
    }

    @Test
    void staffRemoveEvenTheHostButAreNotGivenTheHostRoleToHandOn() {
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + host.userId(), staffMod, null, 204);
        call(PUT, "/api/v1/rooms/" + room + "/host/" + speaker.userId(), staffMod, null, 403);
    }

    @Test
    void someoneWhoIsNotStaffCannotDoAnyOfIt() {
        Session outsider = register("outsider");
        call(GET, "/api/v1/rooms/" + room, outsider, null, 404);
        call(POST, "/api/v1/rooms/" + room + "/end", outsider, null, 404);
        // a listener in the room is in it, and still only a listener
        call(PUT, "/api/v1/rooms/" + room + "/participants/" + speaker.userId() + "/mute", listener, null, 403);
        call(DELETE, "/api/v1/rooms/" + room + "/speakers/" + speaker.userId(), listener, null, 403);
        call(PUT, "/api/v1/rooms/" + room + "/participants/" + speaker.userId() + "/chat-mute", listener, null, 403);
        call(DELETE, "/api/v1/rooms/" + room + "/participants/" + speaker.userId(), listener, null, 403);
        call(POST, "/api/v1/rooms/" + room + "/end", listener, null, 403);
        call(PATCH, "/api/v1/rooms/" + room, listener, Map.of("chat", "OFF"), 403);
        assertThat(get("/api/v1/rooms/" + room, host)).containsEntry("status", "LIVE");
        assertThat(audit()).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> audit() {
        return (List<Map<String, Object>>) get("/api/v1/audit?limit=100&roomId=" + room, staffAdmin()).get("items");
    }
}
