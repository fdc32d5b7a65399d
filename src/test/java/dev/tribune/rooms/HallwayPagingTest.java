package dev.tribune.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HallwayPagingTest extends RoomTestSupport {

    @Test
    void pagingThroughAFeedWhileRoomsAreBeingCreatedShowsEveryEarlierRoomOnceInOrder() {
        Session host = register("pager");
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            created.add(roomId(host, "paged " + i));
        }
        List<String> seen = new ArrayList<>();
        List<String> startedAts = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = get("/api/v1/rooms?feed=all&limit=5" + (cursor == null ? "" : "&cursor=" + cursor), host);
            for (Object item : (List<Object>) page.get("items")) {
                seen.add((String) ((Map<String, Object>) item).get("id"));
                startedAts.add((String) ((Map<String, Object>) item).get("startedAt"));
            }
            // someone opens a room between every two pages
            roomId(register("interloper"), "interloper " + pages);
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null && pages < 10_000);

        assertThat(new HashSet<>(seen)).as("no room twice").hasSize(seen.size());
        assertThat(seen).as("every room that existed when paging began").containsAll(created);
        // newest first: our rooms in reverse creation order
        List<String> ourOrder = seen.stream().filter(created::contains).toList();
        assertThat(ourOrder).containsExactlyElementsOf(created.reversed());
        List<String> sorted = new ArrayList<>(startedAts);
        sorted.sort(Comparator.reverseOrder());
        assertThat(startedAts).isEqualTo(sorted);
    }

    @Test
    void theLastPageHasNoNextCursor() {
        Session host = register("lastpage");
        roomId(host, "scheduled soon", "scheduledFor", Instant.now().plusSeconds(60 * 60 * 24 * 80).toString());
        Map<String, Object> everything = get("/api/v1/rooms?feed=scheduled&limit=100", host);
        String cursor = (String) everything.get("nextCursor");
        while (cursor != null) {
            everything = get("/api/v1/rooms?feed=scheduled&limit=100&cursor=" + cursor, host);
            cursor = (String) everything.get("nextCursor");
        }
        assertThat(everything).containsKey("nextCursor");
        assertThat(everything.get("nextCursor")).isNull();
    }

    @Test
    void badFeedParametersAre400NamingTheParameter() {
        Session viewer = register("badfeed");
        assertThat(field(call(GET, "/api/v1/rooms?feed=popular", viewer, null, 400))).isEqualTo("feed");
        assertThat(field(call(GET, "/api/v1/rooms?limit=0", viewer, null, 400))).isEqualTo("limit");
        assertThat(field(call(GET, "/api/v1/rooms?limit=101", viewer, null, 400))).isEqualTo("limit");
        assertThat(field(call(GET, "/api/v1/rooms?limit=many", viewer, null, 400))).isEqualTo("limit");
        assertThat(field(call(GET, "/api/v1/rooms?cursor=not-a-cursor", viewer, null, 400))).isEqualTo("cursor");
        // a cursor from another feed is refused too
        roomId(viewer, "for a cursor 1");
        roomId(viewer, "for a cursor 2");
        String allCursor = (String) get("/api/v1/rooms?feed=all&limit=1", viewer).get("nextCursor");
        assertThat(field(call(GET, "/api/v1/rooms?feed=scheduled&cursor=" + allCursor, viewer, null, 400))).isEqualTo("cursor");
        call(GET, "/api/v1/rooms", null, null, 401);
    }

    @Test
    void guestsSeeTheHallway() {
        Session host = register("forguests");
        String id = roomId(host, "Open to all");
        Set<String> seen = new HashSet<>(feedIds("all", guest()));
        assertThat(seen).contains(id);
    }

    private static String field(Map<String, Object> problem) {
        assertThat(problem.get("type")).isEqualTo("/problems/validation");
        return (String) ((Map<String, Object>) ((List<Object>) problem.get("errors")).getFirst()).get("field");
    }
}
