package dev.tribune.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** feed=following also lists the LIVE rooms, visible to the caller, where someone the caller follows is on the panel. */
class FollowingPeopleFeedTest extends RoomTestSupport {

    private void followPerson(Session fan, Session person) {
        call(PUT, "/api/v1/users/" + person.userId() + "/follow", fan, null, 204);
    }

    @Test
    void aFollowedPersonsLiveRoomsInOtherClubsAreListedWhileTheyAreOnThePanel() {
        Session star = register("star");
        Session fan = register("starfan");
        Session other = register("otherhost");
        String starsClub = club(star, "Star's club");
        String othersClub = club(other, "Other's club");
        String hosted = roomId(star, "Star hosts", "clubId", starsClub);
        String clubOnly = roomId(star, "Star's members only", "clubId", starsClub, "visibility", "CLUB");
        String privateRoom = roomId(star, "Star's private room", "visibility", "PRIVATE");
        String scheduled = roomId(star, "Star later", "clubId", starsClub,
                "scheduledFor", Instant.now().plus(2, ChronoUnit.HOURS).toString());
        String speaking = roomId(other, "Star speaks here", "clubId", othersClub);
        String notStar = roomId(other, "Without the star", "clubId", othersClub);

        assertThat(feedIds("following", fan)).doesNotContain(hosted, speaking, notStar);
        followPerson(fan, star);
        assertThat(feedIds("following", fan)).contains(hosted).doesNotContain(clubOnly, privateRoom, scheduled, speaking, notStar);

        // the star comes up on the other room's stage
        call(POST, "/api/v1/rooms/" + speaking + "/join", star, null, 200);
        call(PUT, "/api/v1/rooms/" + speaking + "/hand", star, null, 204);
        call(PUT, "/api/v1/rooms/" + speaking + "/speakers/" + star.userId(), other, null, 204);
        assertThat(feedIds("following", fan)).contains(hosted, speaking).doesNotContain(notStar);
        // and goes back to the audience: off the panel, off the feed
        call(DELETE, "/api/v1/rooms/" + speaking + "/speakers/" + star.userId(), star, null, 204);
        assertThat(feedIds("following", fan)).contains(hosted).doesNotContain(speaking);

        // listed once even when the club's rooms are listed anyway
        follow(fan, starsClub);
        assertThat(feedIds("following", fan)).containsOnlyOnce(hosted).contains(clubOnly);

        call(POST, "/api/v1/rooms/" + hosted + "/end", star, null, 200);
        call(DELETE, "/api/v1/users/" + star.userId() + "/follow", fan, null, 204);
        assertThat(feedIds("following", fan)).doesNotContain(hosted);
    }

    @Test
    void theFollowedPeoplesRoomsArePagedWithTheRest() {
        Session star = register("pagedstar");
        Session fan = register("pagedfan");
        String starsClub = club(star, "Paged star's club");
        String first = roomId(star, "First", "clubId", starsClub);
        String second = roomId(star, "Second", "clubId", starsClub);
        String third = roomId(star, "Third", "clubId", starsClub);
        followPerson(fan, star);
        // one card a page, newest first, until all three came (other tests' rooms may be among them)
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = get("/api/v1/rooms?feed=following&limit=1" + (cursor == null ? "" : "&cursor=" + cursor), fan);
            for (Object item : (List<Object>) page.get("items")) {
                ids.add((String) ((Map<String, Object>) item).get("id"));
            }
            cursor = (String) page.get("nextCursor");
        } while (cursor != null && !ids.contains(first));
        assertThat(ids).containsSubsequence(third, second, first).doesNotHaveDuplicates();
    }
}
