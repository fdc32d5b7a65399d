package dev.tribune.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

class SearchTest extends RoomTestSupport {

    @Test
    void aNameMatchRanksAboveADescriptionMatchAndBothKindsAreTagged() {
        Session host = register("searcher");
        String word = "srch" + Long.toString(System.nanoTime(), 36);
        String inDescription = roomId(host, "Something else", "description", "we talk about " + word + " here");
        String inName = roomId(host, word + " weekly");
        String clubId = club(host, word + " society");

        List<Map<String, Object>> both = items(get("/api/v1/search?q=" + word, host));
        assertThat(both).extracting(i -> i.get("kind")).containsOnly("room", "club");
        assertThat(both).extracting(i -> i.get("id")).contains(inDescription, inName, clubId);
        List<Object> roomOrder = both.stream().filter(i -> "room".equals(i.get("kind"))).map(i -> i.get("id")).toList();
        assertThat(roomOrder.indexOf(inName)).isLessThan(roomOrder.indexOf(inDescription));

        assertThat(items(get("/api/v1/search?type=clubs&q=" + word, host))).extracting(i -> i.get("id")).containsExactly(clubId);
        assertThat(items(get("/api/v1/search?type=rooms&q=" + word, host))).extracting(i -> i.get("kind")).containsOnly("room");
    }

    @Test
    void roomsAreFoundByTheirClubsAndTopicsNamesAndByWordPrefixes() {
        Session host = register("topical");
        String word = "clb" + Long.toString(System.nanoTime(), 36);
        String club = club(host, word + " circle");
        String room = roomId(host, "Tuesday talk", "clubId", club);
        assertThat(items(get("/api/v1/search?type=rooms&q=" + word, host))).extracting(i -> i.get("id")).contains(room);
        assertThat(items(get("/api/v1/search?type=rooms&q=" + word.substring(0, word.length() - 2) + " tuesday", host)))
                .extracting(i -> i.get("id")).contains(room);
    }

    @Test
    void wholeWordsMatchTheirStemsAndPartialWordsMatchWhatTheyStart() {
        Session host = register("stems");
        String tag = "st" + Long.toString(System.nanoTime(), 36);
        String room = roomId(host, tag + " happy technology hour");
        for (String typed : List.of("happy", "happ", "technology", "technolo", "technologies", "hour")) {
            assertThat(items(get("/api/v1/search?type=rooms&q=" + tag + " " + typed, host)))
                    .as("searching '%s'", typed).extracting(i -> i.get("id")).contains(room);
        }
    }

    @Test
    void endedRoomsAreNotFound() {
        Session host = register("gonesearch");
        String word = "end" + Long.toString(System.nanoTime(), 36);
        String room = roomId(host, word + " finale");
        call(HttpMethod.POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        assertThat(items(get("/api/v1/search?type=rooms&q=" + word, host))).isEmpty();
    }

    @Test
    void searchPagesWithoutRepeats() {
        Session host = register("pagedsearch");
        String word = "pg" + Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < 5; i++) {
            roomId(host, word + " room " + i);
        }
        Map<String, Object> first = get("/api/v1/search?type=rooms&limit=3&q=" + word, host);
        Map<String, Object> second = get("/api/v1/search?type=rooms&limit=3&q=" + word + "&cursor=" + first.get("nextCursor"), host);
        assertThat(items(first)).hasSize(3);
        assertThat(items(second)).hasSize(2);
        assertThat(second.get("nextCursor")).isNull();
        assertThat(items(first)).extracting(i -> i.get("id")).doesNotContainAnyElementsOf(
                items(second).stream().map(i -> i.get("id")).toList());
    }

    @Test
    void badSearchesAre400() {
        Session viewer = register("badsearch");
        call(GET, "/api/v1/search", viewer, null, 400);
        call(GET, "/api/v1/search?q= !!", viewer, null, 400);
        call(GET, "/api/v1/search?q=x&type=people", viewer, null, 400);
        call(GET, "/api/v1/search?q=x&limit=500", viewer, null, 400);
        call(GET, "/api/v1/search?q=x&cursor=zz", viewer, null, 400);
        // nothing a person types can break the query
        client.get().uri("/api/v1/search?q={q}", "') ; DROP TABLE rooms; -- & | ! :* <->")
                .header(HttpHeaders.AUTHORIZATION, bearer(viewer))
                .exchange().expectStatus().isOk();
    }

    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return ((List<Object>) page.get("items")).stream().map(i -> (Map<String, Object>) i).toList();
    }
}
