package dev.tribune.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API.md's visibility rules, cell by cell: each feed, detail and search, for each kind of room, as seen by a club
 * follower, a club member, an outsider and a guest.
 */
class VisibilityTest extends RoomTestSupport {

    @Autowired
    JdbcClient jdbc;

    Session founder;
    Session follower;
    Session member;
    Session outsider;
    Session guest;
    String word;
    String publicRoom;
    String publicClubRoom;
    String clubRoom;
    String privateRoom;
    String inviteCode;
    String scheduledPublic;
    String scheduledClub;
    String scheduledPrivate;

    @BeforeEach
    void aClubWithRoomsOfEveryKind() {
        founder = register("vfounder");
        follower = register("vfollower");
        member = register("vmember");
        outsider = register("voutsider");
        guest = guest();
        String club = club(founder, "Visibility club");
        follow(follower, club);
        addMember(founder, club, member);
        word = "vis" + Long.toString(System.nanoTime(), 36);
        String later = Instant.now().plus(3, ChronoUnit.HOURS).toString();
        publicRoom = roomId(founder, word + " public");
        publicClubRoom = roomId(founder, word + " public club", "clubId", club);
        clubRoom = roomId(founder, word + " club only", "clubId", club, "visibility", "CLUB");
        Map<String, Object> priv = room(founder, word + " private", "visibility", "PRIVATE");
        privateRoom = (String) priv.get("id");
        inviteCode = (String) priv.get("inviteCode");
        scheduledPublic = roomId(founder, word + " later public", "scheduledFor", later);
        scheduledClub = roomId(founder, word + " later club", "clubId", club, "visibility", "CLUB", "scheduledFor", later);
        scheduledPrivate = roomId(founder, word + " later private", "visibility", "PRIVATE", "scheduledFor", later);
    }

    private Set<String> ours(List<String> ids) {
        Set<String> mine = Set.of(publicRoom, publicClubRoom, clubRoom, privateRoom, scheduledPublic, scheduledClub, scheduledPrivate);
        return ids.stream().filter(mine::contains).collect(Collectors.toSet());
    }

    @Test
    void theAllFeedShowsPublicRoomsToEveryoneAndClubRoomsToTheClubsPeople() {
        for (Session insider : List.of(follower, member, founder)) {
            assertThat(ours(feedIds("all", insider))).containsExactlyInAnyOrder(publicRoom, publicClubRoom, clubRoom);
        }
        for (Session stranger : List.of(outsider, guest)) {
            assertThat(ours(feedIds("all", stranger))).containsExactlyInAnyOrder(publicRoom, publicClubRoom);
        }
    }

    @Test
    void theFollowingFeedShowsTheCallersClubsPlusPublicRoomsOutsideAnyClub() {
        for (Session insider : List.of(follower, member)) {
            assertThat(ours(feedIds("following", insider))).containsExactlyInAnyOrder(publicRoom, publicClubRoom, clubRoom);
        }
        for (Session stranger : List.of(outsider, guest)) {
            assertThat(ours(feedIds("following", stranger))).containsExactlyInAnyOrder(publicRoom);
        }
    }

    @Test
    void theScheduledFeedFollowsTheSameRules() {
        for (Session insider : List.of(follower, member)) {
            assertThat(ours(feedIds("scheduled", insider))).containsExactlyInAnyOrder(scheduledPublic, scheduledClub);
        }
        for (Session stranger : List.of(outsider, guest)) {
            assertThat(ours(feedIds("scheduled", stranger))).containsExactlyInAnyOrder(scheduledPublic);
        }
    }

    @Test
    void privateRoomsAreNeverListedAnywhere() {
        for (Session anyone : List.of(founder, follower, member, outsider, guest)) {
            for (String feed : List.of("all", "following", "scheduled")) {
                assertThat(ours(feedIds(feed, anyone))).doesNotContain(privateRoom, scheduledPrivate);
            }
            assertThat(ours(searchIds(anyone))).doesNotContain(privateRoom, scheduledPrivate);
        }
    }

    @Test
    void detailIsA404ForWhoeverMayNotSeeTheRoom() {
        for (Session anyone : List.of(follower, member, outsider, guest)) {
            call(GET, "/api/v1/rooms/" + publicRoom, anyone, null, 200);
            call(GET, "/api/v1/rooms/" + publicClubRoom, anyone, null, 200);
        }
        call(GET, "/api/v1/rooms/" + clubRoom, follower, null, 200);
        call(GET, "/api/v1/rooms/" + clubRoom, member, null, 200);
        Map<String, Object> hidden = call(GET, "/api/v1/rooms/" + clubRoom, outsider, null, 404);
        assertThat(hidden.get("type")).isEqualTo("/problems/not-found");
        call(GET, "/api/v1/rooms/" + clubRoom, guest, null, 404);
        call(GET, "/api/v1/rooms/" + clubRoom + "/audience", outsider, null, 404);
    }

    @Test
    void aPrivateRoomOpensWithItsInviteCodeWhichOnlyTheHostSees() {
        assertThat(inviteCode).hasSizeGreaterThanOrEqualTo(22);
        for (Session anyone : List.of(follower, member, outsider, guest)) {
            call(GET, "/api/v1/rooms/" + privateRoom, anyone, null, 404);
            call(GET, "/api/v1/rooms/" + privateRoom + "?inviteCode=wrong-code", anyone, null, 404);
            Map<String, Object> invited = call(GET, "/api/v1/rooms/" + privateRoom + "?inviteCode=" + inviteCode, anyone, null, 200);
            assertThat(invited.get("inviteCode")).isNull();
            call(GET, "/api/v1/rooms/" + privateRoom + "/audience?inviteCode=" + inviteCode, anyone, null, 200);
        }
        assertThat(get("/api/v1/rooms/" + privateRoom, founder).get("inviteCode")).isEqualTo(inviteCode);
    }

    @Test
    void someoneWhoHasBeenInAPrivateRoomMaySeeItUnlessBanned() {
        jdbc.sql("""
                INSERT INTO participants (room_id, user_id, role, present, first_joined_at, joined_at, role_since, left_at)
                VALUES (?::uuid, ?, 'AUDIENCE', false, now(), now(), now(), now())""")
                .params(privateRoom, outsider.userId()).update();
        call(GET, "/api/v1/rooms/" + privateRoom, outsider, null, 200);
        jdbc.sql("INSERT INTO bans (id, user_id, scope, room_id, banned_by, created_at) VALUES (gen_random_uuid(), ?, 'ROOM', ?::uuid, ?, now())")
                .params(outsider.userId(), privateRoom, founder.userId()).update();
        call(GET, "/api/v1/rooms/" + privateRoom, outsider, null, 404);
        call(GET, "/api/v1/rooms/" + privateRoom + "?inviteCode=" + inviteCode, outsider, null, 404);
    }

    @Test
    void searchShowsOnlyWhatTheCallerMaySee() {
        for (Session insider : List.of(follower, member)) {
            assertThat(ours(searchIds(insider))).containsExactlyInAnyOrder(publicRoom, publicClubRoom, clubRoom, scheduledPublic,
                    scheduledClub);
        }
        for (Session stranger : List.of(outsider, guest)) {
            assertThat(ours(searchIds(stranger))).containsExactlyInAnyOrder(publicRoom, publicClubRoom, scheduledPublic);
        }
    }

    @Test
    void aClubsRoomListFollowsTheSameRules() {
        String club = (String) ((Map<String, Object>) get("/api/v1/rooms/" + clubRoom, member).get("club")).get("id");
        assertThat(ours(ids(get("/api/v1/clubs/" + club + "/rooms", member))))
                .containsExactlyInAnyOrder(publicClubRoom, clubRoom, scheduledClub);
        assertThat(ours(ids(get("/api/v1/clubs/" + club + "/rooms", outsider)))).containsExactlyInAnyOrder(publicClubRoom);
        assertThat(ours(ids(get("/api/v1/clubs/" + club + "/rooms", guest)))).containsExactlyInAnyOrder(publicClubRoom);
    }

    private List<String> searchIds(Session viewer) {
        return ids(get("/api/v1/search?type=rooms&limit=100&q=" + word, viewer));
    }

    private static List<String> ids(Map<String, Object> page) {
        return ((List<Object>) page.get("items")).stream().map(i -> (String) ((Map<String, Object>) i).get("id")).toList();
    }
}
