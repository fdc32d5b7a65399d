package dev.tribune.rooms;

import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tribune.ApiTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the rooms tests share: making clubs and rooms, and reading ids out of feeds. */
abstract class RoomTestSupport extends ApiTest {

    static final String TECHNOLOGY = "01900000-0000-7000-8000-000000000001";

    String club(Session founder, String name) {
        return (String) call(POST, "/api/v1/clubs", founder, Map.of("name", name, "topicId", TECHNOLOGY), 201).get("id");
    }

    Map<String, Object> room(Session host, String name, Object... more) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return call(POST, "/api/v1/rooms", host, body, 201);
    }

    String roomId(Session host, String name, Object... more) {
        return (String) room(host, name, more).get("id");
    }

    void follow(Session user, String club) {
        call(PUT, "/api/v1/clubs/" + club + "/follow", user, null, 204);
    }

    void addMember(Session admin, String club, Session user) {
        call(PUT, "/api/v1/clubs/" + club + "/members/" + user.userId(), admin, Map.of("role", "MEMBER"), 204);
    }

    /** Every id in a feed, paging to its end. */
    List<String> feedIds(String feed, Session viewer) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = get("/api/v1/rooms?feed=" + feed + "&limit=100" + (cursor == null ? "" : "&cursor=" + cursor), viewer);
            for (Object item : (List<Object>) page.get("items")) {
                ids.add((String) ((Map<String, Object>) item).get("id"));
            }
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        return ids;
    }
}
