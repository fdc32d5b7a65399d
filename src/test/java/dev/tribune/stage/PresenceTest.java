package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tribune.ApiTest;
import dev.tribune.events.InstanceLease;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Who is in the room when sockets drop and instances die, and what happens to a room nobody runs. */
class PresenceTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Presence presence;

    @Autowired
    InstanceLease lease;

    Session host;
    Session moderator;
    Session listener;
    String room;

    @BeforeEach
    void aRoom() {
        host = register("phost");
        moderator = register("pmod");
        listener = register("plistener");
        room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Presence"), 201).get("id");
        for (Session s : new Session[] {host, moderator, listener}) {
            call(POST, "/api/v1/rooms/" + room + "/join", s, null, 200);
            connectedHere(s);
        }
        call(PUT, "/api/v1/rooms/" + room + "/moderators/" + moderator.userId(), host, null, 204);
    }

    private void connectedHere(Session who) {
        jdbc.sql("UPDATE participants SET socket_instance_id = ?, socket_seen_at = now() WHERE room_id = ?::uuid AND user_id = ?")
                .params(lease.id(), room, who.userId()).update();
    }

    private void droppedLongAgo(Session who) {
        jdbc.sql("UPDATE participants SET socket_instance_id = NULL, socket_seen_at = now() - interval '1 minute' "
                + "WHERE room_id = ?::uuid AND user_id = ?").params(room, who.userId()).update();
    }

    private Map<String, Object> row(Session who) {
        return jdbc.sql("SELECT role, present FROM participants WHERE room_id = ?::uuid AND user_id = ?").params(room, who.userId())
                .query().singleRow();
    }

    private long events(String type) {
        return jdbc.sql("SELECT count(*) FROM room_events WHERE room_id = ?::uuid AND type = ?").params(room, type).query(Long.class).single();
    }

    @Test
    void aConnectedParticipantStaysHoweverLongAgoTheyJoined() {
        jdbc.sql("UPDATE participants SET joined_at = now() - interval '1 hour' WHERE room_id = ?::uuid").param(room).update();
        presence.sweep();
        assertThat(row(listener)).containsEntry("present", true);
        assertThat(get("/api/v1/rooms/" + room, host)).containsEntry("participantCount", 3);
    }

    @Test
    void someoneWhoseSocketDroppedPastTheGraceIsMarkedLeft() {
        droppedLongAgo(listener);
        presence.sweep();
        assertThat(row(listener)).containsEntry("present", false);
        assertThat(get("/api/v1/rooms/" + room, host)).containsEntry("participantCount", 2).containsEntry("audienceCount", 0);
        assertThat(events("participant.left")).isEqualTo(1);
    }

    @Test
    void someoneTheProviderReportsConnectedStaysWithoutASocket() {
        droppedLongAgo(listener);
        jdbc.sql("UPDATE participants SET provider_connected = true, provider_seen_at = now() - interval '1 hour' "
                + "WHERE room_id = ?::uuid AND user_id = ?").params(room, listener.userId()).update();
        presence.sweep();
        assertThat(row(listener)).containsEntry("present", true);
    }

    @Test
    void aProviderDisconnectStartsTheGraceLikeADroppedSocket() {
        droppedLongAgo(listener);
        jdbc.sql("UPDATE participants SET provider_connected = false, provider_seen_at = now() "
                + "WHERE room_id = ?::uuid AND user_id = ?").params(room, listener.userId()).update();
        presence.sweep();
        assertThat(row(listener)).as("within the grace of the media disconnect").containsEntry("present", true);
        jdbc.sql("UPDATE participants SET provider_seen_at = now() - interval '1 minute' "
                + "WHERE room_id = ?::uuid AND user_id = ?").params(room, listener.userId()).update();
        presence.sweep();
        assertThat(row(listener)).containsEntry("present", false);
    }

    @Test
    void withinTheGraceADroppedSpeakerKeepsTheirRole() {
        jdbc.sql("UPDATE participants SET socket_instance_id = NULL, socket_seen_at = now() WHERE room_id = ?::uuid AND user_id = ?")
                .params(room, moderator.userId()).update();
        presence.sweep();
        assertThat(row(moderator)).containsEntry("present", true).containsEntry("role", "MODERATOR");
    }

    @Test
    void participantsOfAnInstanceThatDiedAreSweptOnceItsLeaseRunsOut() {
        UUID dead = UUID.randomUUID();
        jdbc.sql("INSERT INTO instance_leases (instance_id, hostname, started_at, renewed_at, expires_at) "
                + "VALUES (?, 'gone', now() - interval '1 hour', now() - interval '2 minutes', now() - interval '1 minute')").param(dead).update();
        jdbc.sql("UPDATE participants SET socket_instance_id = ? WHERE room_id = ?::uuid AND user_id = ?").params(dead, room, listener.userId()).update();
        presence.sweep();
        assertThat(row(listener)).containsEntry("present", false);
    }

    @Test
    void anAbsentHostsRoleGoesToTheLongestServingModerator() {
        droppedLongAgo(host);
        presence.sweep();
        assertThat(row(moderator)).containsEntry("role", "HOST");
        assertThat(row(host)).containsEntry("role", "MODERATOR").containsEntry("present", false);
        // back, the old host is a MODERATOR
        call(POST, "/api/v1/rooms/" + room + "/join", host, null, 200);
        assertThat(row(host)).containsEntry("role", "MODERATOR");
    }

    @Test
    void aHostWhoLeftOnPurposeIsSucceededOnceTheGracePasses() {
        call(POST, "/api/v1/rooms/" + room + "/leave", host, null, 204);
        presence.sweep();
        assertThat(row(host)).containsEntry("role", "HOST");
        jdbc.sql("UPDATE participants SET left_at = now() - interval '1 minute' WHERE room_id = ?::uuid AND user_id = ?")
                .params(room, host.userId()).update();
        presence.sweep();
        assertThat(row(moderator)).containsEntry("role", "HOST");
    }

    @Test
    void aRoomWhoseHostHasNotArrivedYetDoesNotEnd() {
        String waiting = (String) call(POST, "/api/v1/rooms", register("late"), Map.of("name", "Waiting"), 201).get("id");
        Session early = register("early");
        call(POST, "/api/v1/rooms/" + waiting + "/join", early, null, 200);
        jdbc.sql("UPDATE participants SET joined_at = now() - interval '1 minute' WHERE room_id = ?::uuid AND user_id = ?")
                .params(waiting, early.userId()).update();
        presence.sweep();
        assertThat(get("/api/v1/rooms/" + waiting, early)).containsEntry("status", "LIVE").containsEntry("participantCount", 0);
    }

    @Test
    void aRoomWhoseHostAndModeratorsAreAllGoneEnds() {
        droppedLongAgo(host);
        droppedLongAgo(moderator);
        presence.sweep();
        assertThat(get("/api/v1/rooms/" + room, listener)).containsEntry("status", "ENDED");
        assertThat(events("room.ended")).isEqualTo(1);
    }
}
