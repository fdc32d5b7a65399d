package dev.tribune.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class RoomLifecycleTest extends RoomTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RoomService rooms;

    @Test
    void aNewRoomIsLiveWithItsCreatorAsHostOnThePanel() {
        Session host = register("host");
        Map<String, Object> room = room(host, "  Morning chat  ", "description", "Coffee and news");
        assertThat(room.get("name")).isEqualTo("Morning chat");
        assertThat(room.get("status")).isEqualTo("LIVE");
        assertThat(room.get("visibility")).isEqualTo("PUBLIC");
        assertThat(room.get("provider")).isEqualTo("mesh");
        assertThat(room.get("startedAt")).isNotNull();
        assertThat(room.get("speakerCount")).isEqualTo(1);
        assertThat(room.get("participantCount")).isEqualTo(0);
        assertThat(room.get("audienceCount")).isEqualTo(0);
        assertThat((List<Object>) room.get("panel")).singleElement().satisfies(seat -> assertThat((Map<String, Object>) seat)
                .containsEntry("userId", host.userId().toString()).containsEntry("role", "HOST")
                .containsEntry("displayName", "Test host"));
        assertThat((Map<String, Object>) room.get("me")).containsEntry("role", "HOST");
        assertThat((Map<String, Object>) room.get("settings")).containsEntry("chat", "EVERYONE").containsEntry("slowModeSeconds", 0);
        assertThat((List<Object>) room.get("raisedHands")).isEmpty();
        assertThat(room.get("inviteCode")).isNull();
        assertThat(UUID.fromString((String) room.get("id")).version()).isEqualTo(7);

        // the hallway card carries the panel preview and counts from the room row
        Map<String, Object> card = ((List<Object>) get("/api/v1/rooms?feed=all&limit=100", host).get("items")).stream()
                .map(c -> (Map<String, Object>) c).filter(c -> c.get("id").equals(room.get("id"))).findFirst().orElseThrow();
        assertThat(card).containsEntry("speakerCount", 1).containsEntry("participantCount", 0).containsEntry("club", null);
        assertThat((List<Object>) card.get("panel")).hasSize(1);
    }

    @Test
    void aScheduledRoomWaitsUntilItsHostStartsIt() {
        Session host = register("sched");
        Instant at = Instant.now().plus(2, ChronoUnit.HOURS);
        Map<String, Object> room = room(host, "Later", "scheduledFor", at.toString());
        String id = (String) room.get("id");
        assertThat(room.get("status")).isEqualTo("SCHEDULED");
        assertThat(room.get("startedAt")).isNull();
        assertThat(feedIds("scheduled", host)).contains(id);
        assertThat(feedIds("all", host)).doesNotContain(id);

        Session other = register("notthehost");
        call(POST, "/api/v1/rooms/" + id + "/start", other, null, 403);
        Map<String, Object> started = call(POST, "/api/v1/rooms/" + id + "/start", host, null, 200);
        assertThat(started.get("status")).isEqualTo("LIVE");
        assertThat(feedIds("all", host)).contains(id);
        assertThat(feedIds("scheduled", host)).doesNotContain(id);
        call(POST, "/api/v1/rooms/" + id + "/start", host, null, 409);
    }

    @Test
    void endingARoomTakesItOutOfEveryFeedForGood() {
        Session host = register("ender");
        String live = roomId(host, "Ends now");
        String scheduled = roomId(host, "Cancelled", "scheduledFor", Instant.now().plus(1, ChronoUnit.DAYS).toString());
        call(POST, "/api/v1/rooms/" + live + "/end", register("nothost"), null, 403);
        assertThat(call(POST, "/api/v1/rooms/" + live + "/end", host, null, 200).get("status")).isEqualTo("ENDED");
        assertThat(call(POST, "/api/v1/rooms/" + scheduled + "/end", host, null, 200).get("status")).isEqualTo("ENDED");
        assertThat(feedIds("all", host)).doesNotContain(live);
        assertThat(feedIds("scheduled", host)).doesNotContain(scheduled);
        Map<String, Object> again = call(POST, "/api/v1/rooms/" + live + "/end", host, null, 409);
        assertThat(again.get("type")).isEqualTo("/problems/room-ended");
        assertThat(call(POST, "/api/v1/rooms/" + scheduled + "/start", host, null, 409).get("type")).isEqualTo("/problems/room-ended");
        assertThat(call(PATCH, "/api/v1/rooms/" + live, host, Map.of("name", "x"), 409).get("type")).isEqualTo("/problems/room-ended");
        // the detail still says what happened
        assertThat(get("/api/v1/rooms/" + live, host)).containsEntry("status", "ENDED");
    }

    @Test
    void theHostChangesTheRoomsSettingsAndOthersCannot() {
        Session host = register("patcher");
        String id = roomId(host, "Tune me");
        Map<String, Object> changed = call(PATCH, "/api/v1/rooms/" + id, host,
                Map.of("name", "Tuned", "chat", "SPEAKERS", "slowModeSeconds", 30), 200);
        assertThat(changed.get("name")).isEqualTo("Tuned");
        assertThat((Map<String, Object>) changed.get("settings")).containsEntry("chat", "SPEAKERS").containsEntry("slowModeSeconds", 30);
        call(PATCH, "/api/v1/rooms/" + id, register("listener"), Map.of("name", "Mine"), 403);
        call(PATCH, "/api/v1/rooms/" + id, host, Map.of("chat", "LOUD"), 400);
        call(PATCH, "/api/v1/rooms/" + id, host, Map.of("slowModeSeconds", 3601), 400);
        call(PATCH, "/api/v1/rooms/" + id, host, Map.of("name", ""), 400);
    }

    @Test
    void badRoomsAreRefusedWithTheFieldNamed() {
        Session host = register("badroom");
        assertThat(call(POST, "/api/v1/rooms", host, Map.of("name", "x".repeat(101)), 400).get("errors").toString()).contains("name");
        assertThat(call(POST, "/api/v1/rooms", host, Map.of("name", "Past", "scheduledFor", "2020-01-01T00:00:00Z"), 400)
                .get("errors").toString()).contains("scheduledFor");
        assertThat(call(POST, "/api/v1/rooms", host, Map.of("name", "When", "scheduledFor", "tomorrow"), 400)
                .get("errors").toString()).contains("scheduledFor");
        assertThat(call(POST, "/api/v1/rooms", host, Map.of("name", "V", "visibility", "SECRET"), 400)
                .get("errors").toString()).contains("visibility");
        assertThat(call(POST, "/api/v1/rooms", host, Map.of("name", "C", "visibility", "CLUB"), 400)
                .get("errors").toString()).contains("clubId");
        assertThat(call(POST, "/api/v1/rooms", host, Map.of("name", "U", "clubId", "01900000-0000-7000-8000-0000000000ff"), 400)
                .get("errors").toString()).contains("clubId");
        assertThat(call(POST, "/api/v1/rooms", host, Map.of("name", "P", "provider", "skype"), 400)
                .get("errors").toString()).contains("provider");
        call(POST, "/api/v1/rooms", guest(), Map.of("name", "Guest room"), 403);
        call(GET, "/api/v1/rooms/not-a-uuid", host, null, 400);
        call(GET, "/api/v1/rooms/01900000-0000-7000-8000-0000000000ff", host, null, 404);
    }

    @Test
    void onlyAClubsMembersCreateRoomsInIt() {
        Session founder = register("clubhost");
        String club = club(founder, "Room makers");
        Session follower = register("follower");
        follow(follower, club);
        call(POST, "/api/v1/rooms", follower, Map.of("name", "Not mine", "clubId", club), 403);
        Map<String, Object> room = room(founder, "Club room", "clubId", club, "visibility", "CLUB");
        assertThat((Map<String, Object>) room.get("club")).containsEntry("id", club).containsEntry("name", "Room makers");
        assertThat(get("/api/v1/clubs/" + club + "/rooms", follower).get("items").toString()).contains((String) room.get("id"));
    }

    @Test
    void roomsNobodyUsesEndByThemselves() {
        Session host = register("idle");
        String unused = roomId(host, "Nobody came");
        String neverStarted = roomId(host, "Forgotten", "scheduledFor", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        String inUse = roomId(host, "Busy");
        jdbc.sql("UPDATE rooms SET started_at = now() - interval '11 minutes' WHERE id = ?::uuid").param(unused).update();
        jdbc.sql("UPDATE rooms SET scheduled_for = now() - interval '2 hours' WHERE id = ?::uuid").param(neverStarted).update();
        jdbc.sql("UPDATE rooms SET started_at = now() - interval '11 minutes', participant_count = 3 WHERE id = ?::uuid")
                .param(inUse).update();

        rooms.endAbandonedRooms();

        assertThat(get("/api/v1/rooms/" + unused, host)).containsEntry("status", "ENDED");
        assertThat(get("/api/v1/rooms/" + neverStarted, host)).containsEntry("status", "ENDED");
        assertThat(get("/api/v1/rooms/" + inUse, host)).containsEntry("status", "LIVE");
    }

    @Test
    void theAudienceIsPagedByArrival() {
        Session host = register("audhost");
        String id = roomId(host, "Big audience");
        List<Session> listeners = List.of(register("l1"), register("l2"), register("l3"));
        Instant t = Instant.now().minusSeconds(60);
        for (int i = 0; i < listeners.size(); i++) {
            // joining arrives with the stage; here the rows stand in for three listeners who joined in order
            jdbc.sql("""
                    INSERT INTO participants (room_id, user_id, role, present, first_joined_at, joined_at, role_since)
                    VALUES (?::uuid, ?, 'AUDIENCE', true, ?, ?, ?)""")
                    .params(id, listeners.get(i).userId(), Timestamp.from(t.plusSeconds(i)),
                            Timestamp.from(t.plusSeconds(i)), Timestamp.from(t.plusSeconds(i)))
                    .update();
        }
        Map<String, Object> first = get("/api/v1/rooms/" + id + "/audience?limit=2", host);
        assertThat((List<Object>) first.get("items")).extracting(l -> ((Map<String, Object>) l).get("userId"))
                .containsExactly(listeners.get(0).userId().toString(), listeners.get(1).userId().toString());
        Map<String, Object> second = get("/api/v1/rooms/" + id + "/audience?limit=2&cursor=" + first.get("nextCursor"), host);
        assertThat((List<Object>) second.get("items")).extracting(l -> ((Map<String, Object>) l).get("userId"))
                .containsExactly(listeners.get(2).userId().toString());
        assertThat(second.get("nextCursor")).isNull();
        call(GET, "/api/v1/rooms/" + id + "/audience?limit=101", host, null, 400);
        call(GET, "/api/v1/rooms/" + id + "/audience?cursor=bm9wZQ", host, null, 400);
    }
}
