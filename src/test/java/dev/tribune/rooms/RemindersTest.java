package dev.tribune.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** "Remind me" on an upcoming room: stored per person (the notices come with issue 17), shown in the room's detail. */
class RemindersTest extends RoomTestSupport {

    private static final String NO_SUCH_ROOM = "01900000-0000-7000-8000-0000000000ff";

    @Autowired
    JdbcClient jdbc;

    private String later(Session host, String name, Object... more) {
        Object[] all = new Object[more.length + 2];
        all[0] = "scheduledFor";
        all[1] = Instant.now().plus(2, ChronoUnit.HOURS).toString();
        System.arraycopy(more, 0, all, 2, more.length);
        return roomId(host, name, all);
    }

    @Test
    void aReminderIsIdempotentShownInTheDetailAndTakenBack() {
        Session host = register("remindhost");
        Session fan = register("remindfan");
        String room = later(host, "Upcoming talk");
        String reminder = "/api/v1/rooms/" + room + "/reminder";
        assertThat(get("/api/v1/rooms/" + room, fan)).containsEntry("reminded", false);
        call(PUT, reminder, fan, null, 204);
        call(PUT, reminder, fan, null, 204);
        assertThat(get("/api/v1/rooms/" + room, fan)).containsEntry("reminded", true);
        assertThat(get("/api/v1/rooms/" + room, host)).containsEntry("reminded", false);
        assertThat(jdbc.sql("SELECT count(*) FROM room_reminders WHERE room_id = ?::uuid").param(room).query(Integer.class).single())
                .isEqualTo(1);
        call(DELETE, reminder, fan, null, 204);
        call(DELETE, reminder, fan, null, 204);
        assertThat(get("/api/v1/rooms/" + room, fan)).containsEntry("reminded", false);
    }

    @Test
    void onlyAnUpcomingRoomTheCallerMaySeeCanBeWaitedFor() {
        Session host = register("remindrefused");
        Session fan = register("remindrefusedfan");
        String live = roomId(host, "Already live");
        assertThat(call(PUT, "/api/v1/rooms/" + live + "/reminder", fan, null, 409)).containsEntry("type", "/problems/room-not-scheduled");
        String ended = later(host, "Called off");
        call(POST, "/api/v1/rooms/" + ended + "/end", host, null, 200);
        assertThat(call(PUT, "/api/v1/rooms/" + ended + "/reminder", fan, null, 409)).containsEntry("type", "/problems/room-not-scheduled");
        assertThat(call(PUT, "/api/v1/rooms/" + NO_SUCH_ROOM + "/reminder", fan, null, 404)).containsEntry("type", "/problems/not-found");
        String club = club(host, "Reminder club");
        String clubRoom = later(host, "Members only, later", "clubId", club, "visibility", "CLUB");
        call(PUT, "/api/v1/rooms/" + clubRoom + "/reminder", fan, null, 404);
        call(DELETE, "/api/v1/rooms/" + clubRoom + "/reminder", fan, null, 404);
        String upcoming = later(host, "Not for guests");
        assertThat(call(PUT, "/api/v1/rooms/" + upcoming + "/reminder", guest(), null, 403)).containsEntry("type", "/problems/forbidden");
        call(PUT, "/api/v1/rooms/" + upcoming + "/reminder", null, null, 401);
    }

    @Test
    void aPrivateRoomsReminderNeedsItsInviteCodeAndTakingOneBackWorksWhateverTheRoomBecame() {
        Session host = register("remindprivate");
        Session friend = register("remindfriend");
        String room = later(host, "Private, later", "visibility", "PRIVATE");
        String code = (String) get("/api/v1/rooms/" + room, host).get("inviteCode");
        call(PUT, "/api/v1/rooms/" + room + "/reminder", friend, null, 404);
        call(PUT, "/api/v1/rooms/" + room + "/reminder?inviteCode=" + code, friend, null, 204);
        assertThat(get("/api/v1/rooms/" + room + "?inviteCode=" + code, friend)).containsEntry("reminded", true);
        call(POST, "/api/v1/rooms/" + room + "/start", host, null, 200);
        call(DELETE, "/api/v1/rooms/" + room + "/reminder?inviteCode=" + code, friend, null, 204);
        assertThat(get("/api/v1/rooms/" + room + "?inviteCode=" + code, friend)).containsEntry("reminded", false);
    }

    @Test
    void deletingTheAccountForgetsItsReminders() {
        Session host = register("remindgonehost");
        Session leaving = register("remindgone");
        String room = later(host, "Someone leaves before this");
        call(PUT, "/api/v1/rooms/" + room + "/reminder", leaving, null, 204);
        call(DELETE, "/api/v1/me", leaving, null, 204);
        assertThat(jdbc.sql("SELECT count(*) FROM room_reminders WHERE user_id = ?").param(leaving.userId()).query(Integer.class).single())
                .isZero();
    }
}
