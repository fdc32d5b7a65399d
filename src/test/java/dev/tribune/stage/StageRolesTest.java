package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tribune.ApiTest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Moderators, the host hand-off, invitations, mutes, removal and bans: each cell of the permission matrix. */
class StageRolesTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    Session host;
    Session moderator;
    Session speaker;
    Session listener;
    String room;

    @BeforeEach
    void aRunningStage() {
        host = register("rhost");
        moderator = register("rmod");
        speaker = register("rspeaker");
        listener = register("rlistener");
        room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Roles"), 201).get("id");
        for (Session s : List.of(host, moderator, speaker, listener)) {
            call(POST, path("/join"), s, null, 200);
        }
        call(PUT, path("/moderators/" + moderator.userId()), host, null, 204);
        call(PUT, path("/speakers/" + speaker.userId()), host, null, 204);
        call(PUT, path("/speakers/" + speaker.userId()), speaker, null, 204);
    }

    private String path(String tail) {
        return "/api/v1/rooms/" + room + tail;
    }

    private String role(Session who) {
        return (String) ((Map<?, ?>) get(path(""), who).get("me")).get("role");
    }

    private long events(String type) {
        return jdbc.sql("SELECT count(*) FROM room_events WHERE room_id = ?::uuid AND type = ?").params(room, type).query(Long.class).single();
    }

    @Test
    void theStageIsSetUp() {
        assertThat(role(moderator)).isEqualTo("MODERATOR");
        assertThat(role(speaker)).as("accepted the invitation").isEqualTo("SPEAKER");
        assertThat(get(path(""), host)).containsEntry("speakerCount", 3).containsEntry("audienceCount", 1).containsEntry("participantCount", 4);
    }

    @Test
    void onlyTheHostMakesModeratorsAndUnmakesThem() {
        call(PUT, path("/moderators/" + listener.userId()), moderator, null, 403);
        call(PUT, path("/moderators/" + listener.userId()), speaker, null, 403);
        call(DELETE, path("/moderators/" + moderator.userId()), moderator, null, 403);
        call(DELETE, path("/moderators/" + moderator.userId()), host, null, 204);
        assertThat(role(moderator)).isEqualTo("SPEAKER");
    }

    @Test
    void acceptingWithoutAnInvitationIs403AndDecliningClearsIt() {
        call(PUT, path("/speakers/" + listener.userId()), listener, null, 403);
        call(PUT, path("/speakers/" + listener.userId()), moderator, null, 204);
        assertThat((Boolean) ((Map<?, ?>) get(path(""), listener).get("me")).get("invited")).isTrue();
        call(DELETE, path("/speakers/" + listener.userId()), listener, null, 204);
        assertThat((Boolean) ((Map<?, ?>) get(path(""), listener).get("me")).get("invited")).isFalse();
        call(PUT, path("/speakers/" + listener.userId()), listener, null, 403);
    }

    @Test
    void aModeratorIsDemotedThroughTheModeratorEndpointFirst() {
        call(DELETE, path("/speakers/" + moderator.userId()), host, null, 409);
        call(DELETE, path("/speakers/" + speaker.userId()), moderator, null, 204);
        assertThat(role(speaker)).isEqualTo("AUDIENCE");
        call(DELETE, path("/speakers/" + listener.userId()), speaker, null, 403);
    }

    @Test
    void theHostHandsTheRoomToAModeratorOrSpeakerAndBecomesModerator() {
        call(PUT, path("/host/" + listener.userId()), host, null, 409);
        call(PUT, path("/host/" + speaker.userId()), moderator, null, 403);
        call(PUT, path("/host/" + speaker.userId()), host, null, 204);
        assertThat(role(speaker)).isEqualTo("HOST");
        assertThat(role(host)).isEqualTo("MODERATOR");
        List<?> panel = (List<?>) get(path(""), host).get("panel");
        assertThat(((Map<?, ?>) panel.getFirst()).get("userId")).as("the HOST leads the panel").isEqualTo(speaker.userId().toString());
    }

    @Test
    void aForcedMuteCanOnlyBeLiftedByStaff() {
        call(PUT, path("/participants/" + speaker.userId() + "/mute"), listener, null, 403);
        call(DELETE, path("/participants/" + speaker.userId() + "/mute"), speaker, null, 204);
        assertThat((Boolean) ((Map<?, ?>) get(path(""), speaker).get("me")).get("muted")).isFalse();
        call(PUT, path("/participants/" + speaker.userId() + "/mute"), moderator, null, 204);
        Map<?, ?> me = (Map<?, ?>) get(path(""), speaker).get("me");
        assertThat(me.get("muted")).isEqualTo(true);
        assertThat(me.get("forcedMute")).isEqualTo(true);
        // everyone sees who is muted on the stage (a page opened now must not guess)
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> seats = (List<Map<String, Object>>) get(path(""), listener).get("panel");
        assertThat(seats).anySatisfy(seat -> assertThat(seat)
                .containsEntry("userId", speaker.userId().toString()).containsEntry("muted", true));
        call(DELETE, path("/participants/" + speaker.userId() + "/mute"), speaker, null, 403);
        call(DELETE, path("/participants/" + speaker.userId() + "/mute"), moderator, null, 204);
        call(DELETE, path("/participants/" + speaker.userId() + "/mute"), speaker, null, 204);
        assertThat((Boolean) ((Map<?, ?>) get(path(""), speaker).get("me")).get("muted")).isFalse();
        assertThat(events("participant.muted")).isEqualTo(2);
        assertThat(events("participant.unmuted")).isEqualTo(2);
    }

    @Test
    void removalFollowsTheMatrixAndABanKeepsThemOutUntilLifted() {
        call(DELETE, path("/participants/" + host.userId()), moderator, null, 403);
        call(DELETE, path("/participants/" + moderator.userId()), moderator, null, 409);
        call(DELETE, path("/participants/" + listener.userId()), speaker, null, 403);
        Session other = register("rother");
        call(POST, path("/join"), other, null, 200);
        call(DELETE, path("/participants/" + other.userId()), moderator, null, 204);
        call(POST, path("/join"), other, null, 200);

        call(DELETE, path("/participants/" + speaker.userId() + "?ban=true"), moderator, null, 204);
        assertThat(call(POST, path("/join"), speaker, null, 403).get("type")).isEqualTo("/problems/banned");
        assertThat(get(path(""), host)).containsEntry("speakerCount", 2);
        List<?> bans = (List<?>) get(path("/bans"), moderator).get("items");
        assertThat(bans).singleElement().satisfies(b -> assertThat(((Map<?, ?>) ((Map<?, ?>) b).get("user")).get("id"))
                .isEqualTo(speaker.userId().toString()));
        // the wire shape of API.md: {user, by, at, scope}, each person {id, username, displayName}
        Map<?, ?> ban = (Map<?, ?>) bans.getFirst();
        assertThat(ban.keySet()).map(String::valueOf).containsExactlyInAnyOrder("user", "by", "at", "scope");
        assertThat(ban.get("scope")).isEqualTo("ROOM");
        assertThat(((Map<?, ?>) ban.get("user")).keySet()).map(String::valueOf).containsExactlyInAnyOrder("id", "username", "displayName");
        assertThat(((Map<?, ?>) ban.get("by")).keySet()).map(String::valueOf).containsExactlyInAnyOrder("id", "username", "displayName");
        assertThat(((Map<?, ?>) ban.get("by")).get("id")).isEqualTo(moderator.userId().toString());
        call(GET, path("/bans"), listener, null, 403);
        call(DELETE, path("/bans/" + speaker.userId()), host, null, 204);
        assertThat(((Map<?, ?>) call(POST, path("/join"), speaker, null, 200).get("participant")).get("role")).isEqualTo("AUDIENCE");
        // the host can remove a moderator
        call(DELETE, path("/participants/" + moderator.userId()), host, null, 204);
        assertThat(events("participant.removed")).isEqualTo(3);
    }

    @Test
    void aRemovalRacingAPromotionEndsRemoved() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            Session racer = register("racer");
            call(POST, path("/join"), racer, null, 200);
            call(PUT, path("/hand"), racer, null, 204);
            var start = new CountDownLatch(1);
            try (var pool = Executors.newFixedThreadPool(2)) {
                var promote = pool.submit(() -> {
                    start.await();
                    return client.put().uri(path("/speakers/" + racer.userId())).header("Authorization", bearer(moderator))
                            .exchange().returnResult().getStatus().value();
                });
                var remove = pool.submit(() -> {
                    start.await();
                    return client.delete().uri(path("/participants/" + racer.userId() + "?ban=true")).header("Authorization", bearer(host))
                            .exchange().returnResult().getStatus().value();
                });
                start.countDown();
                assertThat(remove.get()).isEqualTo(204);
                assertThat(promote.get()).isIn(204, 409);
            }
            Map<String, Object> row = jdbc.sql("SELECT role, present FROM participants WHERE room_id = ?::uuid AND user_id = ?")
                    .params(room, racer.userId()).query().singleRow();
            assertThat(row).containsEntry("present", false).containsEntry("role", "AUDIENCE");
            assertThat(call(POST, path("/join"), racer, null, 403).get("type")).isEqualTo("/problems/banned");
        }
        assertThat(get(path(""), host)).containsEntry("speakerCount", 3);
    }

    @Test
    void theRestOfTheMatrixIsForbidden() {
        record Cell(HttpMethod method, String path, Session who) {
        }
        List<Cell> forbidden = List.of(
                new Cell(PUT, path("/moderators/" + listener.userId()), speaker),
                new Cell(DELETE, path("/moderators/" + moderator.userId()), speaker),
                new Cell(PUT, path("/host/" + moderator.userId()), speaker),
                new Cell(PUT, path("/host/" + speaker.userId()), listener),
                new Cell(PUT, path("/participants/" + listener.userId() + "/mute"), speaker),
                new Cell(DELETE, path("/participants/" + speaker.userId() + "/mute"), listener),
                new Cell(DELETE, path("/participants/" + listener.userId()), listener),
                new Cell(DELETE, path("/participants/" + moderator.userId()), speaker),
                new Cell(GET, path("/bans"), speaker),
                new Cell(DELETE, path("/bans/" + listener.userId()), listener),
                new Cell(PUT, path("/participants/" + speaker.userId() + "/chat-mute"), speaker),
                new Cell(PUT, path("/speakers/" + listener.userId()), speaker),
                new Cell(DELETE, path("/hands/" + listener.userId()), speaker));
        for (Cell cell : forbidden) {
            Map<String, Object> problem = call(cell.method(), cell.path(), cell.who(), null, 403);
            assertThat(problem.get("type")).as(cell.method() + " " + cell.path()).isEqualTo("/problems/forbidden");
        }
    }

    @Test
    void someoneNotInTheRoomMayOnlyJoinIt() {
        Session outsider = register("routsider");
        record Cell(HttpMethod method, String path, int status) {
        }
        List<Cell> cells = List.of(
                new Cell(PUT, path("/hand"), 409),
                new Cell(DELETE, path("/hand"), 409),
                new Cell(PUT, path("/participants/" + outsider.userId() + "/mute"), 409),
                new Cell(DELETE, path("/participants/" + outsider.userId() + "/mute"), 409),
                new Cell(PUT, path("/speakers/" + listener.userId()), 403),
                new Cell(DELETE, path("/speakers/" + speaker.userId()), 403),
                new Cell(DELETE, path("/hands/" + listener.userId()), 403),
                new Cell(PUT, path("/moderators/" + listener.userId()), 403),
                new Cell(DELETE, path("/moderators/" + moderator.userId()), 403),
                new Cell(PUT, path("/host/" + moderator.userId()), 403),
                new Cell(PUT, path("/participants/" + listener.userId() + "/mute"), 403),
                new Cell(DELETE, path("/participants/" + listener.userId()), 403),
                new Cell(GET, path("/bans"), 403),
                new Cell(DELETE, path("/bans/" + listener.userId()), 403),
                new Cell(PUT, path("/participants/" + listener.userId() + "/chat-mute"), 403));
        for (Cell cell : cells) {
            call(cell.method(), cell.path(), outsider, null, cell.status());
        }
        assertThat(jdbc.sql("SELECT count(*) FROM participants WHERE room_id = ?::uuid AND user_id = ?")
                .params(room, outsider.userId()).query(Long.class).single()).as("nothing made them a participant").isZero();
        call(POST, path("/join"), outsider, null, 200);
    }

    @Test
    void actingOnSomeoneNeverInTheRoomIs404AndOnSomeoneWhoLeftIs409AndChangesNothing() {
        Session stranger = register("rstranger");
        Session gone = register("rgone");
        call(POST, path("/join"), gone, null, 200);
        call(POST, path("/leave"), gone, null, 204);
        long eventsBefore = jdbc.sql("SELECT count(*) FROM room_events WHERE room_id = ?::uuid").param(room).query(Long.class).single();
        record Cell(HttpMethod method, String tail) {
        }
        List<Cell> actions = List.of(
                new Cell(PUT, "/speakers/%s"), new Cell(DELETE, "/speakers/%s"), new Cell(DELETE, "/hands/%s"),
                new Cell(PUT, "/moderators/%s"), new Cell(DELETE, "/moderators/%s"), new Cell(PUT, "/host/%s"),
                new Cell(PUT, "/participants/%s/mute"), new Cell(DELETE, "/participants/%s/mute"),
                new Cell(DELETE, "/participants/%s"), new Cell(DELETE, "/participants/%s?ban=false"),
                new Cell(PUT, "/participants/%s/chat-mute"), new Cell(DELETE, "/participants/%s/chat-mute"));
        for (Cell action : actions) {
            String never = path(action.tail().formatted(stranger.userId()));
            assertThat(call(action.method(), never, host, null, 404).get("type")).as(action.method() + " " + never)
                    .isEqualTo("/problems/not-found");
            String left = path(action.tail().formatted(gone.userId()));
            assertThat(call(action.method(), left, host, null, 409).get("type")).as(action.method() + " " + left)
                    .isEqualTo("/problems/conflict");
        }
        // a ban needs someone who has been in the room, and an unban a ban
        call(DELETE, path("/participants/" + stranger.userId() + "?ban=true"), host, null, 404);
        call(DELETE, path("/bans/" + stranger.userId()), host, null, 404);
        assertThat(jdbc.sql("SELECT count(*) FROM room_events WHERE room_id = ?::uuid").param(room).query(Long.class).single())
                .as("no event from a refused act").isEqualTo(eventsBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM participants WHERE room_id = ?::uuid AND user_id = ?").params(room, stranger.userId())
                .query(Long.class).single()).isZero();
        // someone who left before a moderator got to them can still be banned
        call(DELETE, path("/participants/" + gone.userId() + "?ban=true"), host, null, 204);
        assertThat(call(POST, path("/join"), gone, null, 403).get("type")).isEqualTo("/problems/banned");
    }

    @Test
    void aBanInAClubsRoomKeepsThemOutOfAllTheClubsRooms() {
        String club = (String) call(POST, "/api/v1/clubs", host, Map.of("name", "Banning club", "topicId",
                "01900000-0000-7000-8000-000000000001"), 201).get("id");
        String first = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Club room one", "clubId", club), 201).get("id");
        String second = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Club room two", "clubId", club), 201).get("id");
        call(POST, "/api/v1/rooms/" + first + "/join", host, null, 200);
        call(POST, "/api/v1/rooms/" + first + "/join", listener, null, 200);
        call(DELETE, "/api/v1/rooms/" + first + "/participants/" + listener.userId() + "?ban=true", host, null, 204);
        assertThat(call(POST, "/api/v1/rooms/" + second + "/join", listener, null, 403).get("type")).isEqualTo("/problems/banned");
        // other rooms are open to them
        call(POST, path("/join"), listener, null, 200);
        List<?> bans = (List<?>) get("/api/v1/rooms/" + first + "/bans", host).get("items");
        assertThat(((Map<?, ?>) bans.getFirst()).get("scope")).isEqualTo("CLUB");
    }

    @Test
    void settingsAndTheEndOfTheRoomAreEventsForEveryone() {
        call(PATCH, path(""), moderator, Map.of("chat", "OFF"), 200);
        call(POST, path("/end"), host, null, 200);
        assertThat(events("room.updated")).isEqualTo(1);
        assertThat(events("room.ended")).isEqualTo(1);
        assertThat(jdbc.sql("SELECT audience FROM room_events WHERE room_id = ?::uuid AND type = 'room.ended'").param(room)
                .query(String.class).single()).isEqualTo("EVERYONE");
    }
}
