package dev.tribune.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tribune.ApiTest;
import dev.tribune.events.SocketClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The notices that bring people into rooms (API.md "People, notices and notifications"): a room going live, a person
 * one follows getting on a panel, an invitation to speak, a reminded room about to start and starting. Each reaches
 * exactly the people who may see the room, once, in their notices and on their open sockets.
 */
class RoomNoticesTest extends ApiTest {

    private static final String TECHNOLOGY = "01900000-0000-7000-8000-000000000001";

    @Autowired
    ReminderSchedule reminders;

    private String room(Session host, String name, Object... more) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return (String) call(POST, "/api/v1/rooms", host, body, 201).get("id");
    }

    private String club(Session founder, String name) {
        return (String) call(POST, "/api/v1/clubs", founder, Map.of("name", name, "topicId", TECHNOLOGY), 201).get("id");
    }

    private void followPerson(Session fan, Session person) {
        call(PUT, "/api/v1/users/" + person.userId() + "/follow", fan, null, 204);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> notices(Session who) {
        return (List<Map<String, Object>>) get("/api/v1/me/notices?limit=100", who).get("items");
    }

    private List<Map<String, Object>> noticesOf(Session who, String kind) {
        return notices(who).stream().filter(n -> kind.equals(n.get("kind"))).toList();
    }

    /** Audiences are told off the cause's transaction: wait until the notices are there, then check there is one. */
    private Map<String, Object> theOnly(Session who, String kind) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !noticesOf(who, kind).isEmpty());
        List<Map<String, Object>> found = noticesOf(who, kind);
        assertThat(found).hasSize(1);
        return found.getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> notice) {
        return (Map<String, Object>) notice.get("data");
    }

    @Test
    void aPublicRoomGoingLiveTellsTheHostsFollowersAndTheClubsPeopleOnceEachAndNobodyElse() throws Exception {
        Session host = register("livehost");
        Session fan = register("livefan");
        Session member = register("livemember");
        Session both = register("liveboth");
        Session stranger = register("livestranger");
        String club = club(host, "Live club " + uniqueUsername("c"));
        call(PUT, "/api/v1/clubs/" + club + "/members/" + member.userId(), host, Map.of("role", "MEMBER"), 204);
        call(PUT, "/api/v1/clubs/" + club + "/follow", both, null, 204);
        followPerson(fan, host);
        followPerson(both, host);

        try (SocketClient socket = SocketClient.connect("ws://localhost:" + port + "/ws?access_token=" + fan.accessToken())) {
            socket.send("{\"op\":\"ping\"}");
            socket.expect("pong");
            String roomId = room(host, "Friday questions", "clubId", club);

            Map<String, Object> told = theOnly(fan, "ROOM_LIVE");
            assertThat(data(told)).containsEntry("roomId", roomId).containsEntry("roomName", "Friday questions")
                    .containsEntry("clubId", club).containsKey("clubName").containsEntry("hostName", "Test livehost");
            JsonNode frame = socket.expect("notice");
            assertThat(frame.get("notice").get("kind").asString()).isEqualTo("ROOM_LIVE");
            assertThat(frame.get("notice").get("id").asString()).isEqualTo(told.get("id"));
        }
        theOnly(member, "ROOM_LIVE");
        theOnly(both, "ROOM_LIVE"); // a follower of the host who also follows the club hears it once
        assertThat(noticesOf(stranger, "ROOM_LIVE")).isEmpty();
        assertThat(noticesOf(host, "ROOM_LIVE")).isEmpty();
    }

    @Test
    void aClubRoomIsAnnouncedOnlyToTheClubsPeopleAndAPrivateRoomToNobody() {
        Session host = register("clubhost");
        Session fan = register("clubfan");
        Session member = register("clubmember");
        String club = club(host, "Quiet club " + uniqueUsername("c"));
        call(PUT, "/api/v1/clubs/" + club + "/members/" + member.userId(), host, Map.of("role", "MEMBER"), 204);
        followPerson(fan, host);
        followPerson(member, host);

        String members = room(host, "Members only", "clubId", club, "visibility", "CLUB");
        String secret = room(host, "Just us", "visibility", "PRIVATE");

        assertThat(data(theOnly(member, "ROOM_LIVE"))).containsEntry("roomId", members);
        // the club room's broadcast is done once the member has it: the fan, outside the club, heard nothing
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> noticesOf(fan, "ROOM_LIVE").isEmpty());
        assertThat(notices(member)).noneMatch(n -> secret.equals(data(n).get("roomId")));
    }

    @Test
    void anInvitationToSpeakTellsTheInviteeWhoAskedAndEachInvitationIsNewsAgain() {
        Session host = register("invhost");
        Session listener = register("invlistener");
        String roomId = room(host, "Open mic");
        call(POST, "/api/v1/rooms/" + roomId + "/join", listener, null, 200);

        call(PUT, "/api/v1/rooms/" + roomId + "/speakers/" + listener.userId(), host, null, 204);
        Map<String, Object> invite = theOnly(listener, "SPEAKER_INVITE");
        assertThat(data(invite)).containsEntry("roomId", roomId).containsEntry("roomName", "Open mic")
                .containsEntry("byName", "Test invhost");

        call(DELETE, "/api/v1/rooms/" + roomId + "/speakers/" + listener.userId(), listener, null, 204); // declines
        call(PUT, "/api/v1/rooms/" + roomId + "/speakers/" + listener.userId(), host, null, 204);
        assertThat(noticesOf(listener, "SPEAKER_INVITE")).hasSize(2);
    }

    @Test
    void someoneYouFollowGettingOnAPanelIsToldOnceWhateverTheyDoNext() {
        Session host = register("panelhost");
        Session star = register("panelstar");
        Session fan = register("panelfan");
        followPerson(fan, star);
        String roomId = room(host, "Panel talk");
        call(POST, "/api/v1/rooms/" + roomId + "/join", star, null, 200);
        call(PUT, "/api/v1/rooms/" + roomId + "/hand", star, null, 204);
        call(PUT, "/api/v1/rooms/" + roomId + "/speakers/" + star.userId(), host, null, 204);

        Map<String, Object> told = theOnly(fan, "FOLLOWED_SPEAKING");
        assertThat(data(told)).containsEntry("roomId", roomId).containsEntry("roomName", "Panel talk")
                .containsEntry("userId", star.userId().toString()).containsEntry("displayName", "Test panelstar");

        call(DELETE, "/api/v1/rooms/" + roomId + "/speakers/" + star.userId(), host, null, 204);
        call(PUT, "/api/v1/rooms/" + roomId + "/hand", star, null, 204);
        call(PUT, "/api/v1/rooms/" + roomId + "/speakers/" + star.userId(), host, null, 204);
        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> noticesOf(fan, "FOLLOWED_SPEAKING").size() == 1);
    }

    @Test
    void aRemindedRoomIsAnnouncedTenMinutesBeforeOnceAndAgainWhenItStarts() {
        Session host = register("soonhost");
        Session fan = register("soonfan");
        Session other = register("soonother");
        String soon = room(host, "Starting soon", "scheduledFor", Instant.now().plus(5, ChronoUnit.MINUTES).toString());
        String later = room(host, "Much later", "scheduledFor", Instant.now().plus(3, ChronoUnit.HOURS).toString());
        call(PUT, "/api/v1/rooms/" + soon + "/reminder", fan, null, 204);
        call(PUT, "/api/v1/rooms/" + later + "/reminder", fan, null, 204);

        reminders.remindOfRoomsStartingSoon();
        reminders.remindOfRoomsStartingSoon();
        Map<String, Object> aboutToStart = theOnly(fan, "ROOM_STARTING");
        assertThat(data(aboutToStart)).containsEntry("roomId", soon).containsEntry("roomName", "Starting soon")
                .containsEntry("soon", true).containsKey("startsAt");
        assertThat(noticesOf(other, "ROOM_STARTING")).isEmpty();

        call(POST, "/api/v1/rooms/" + soon + "/start", host, null, 200);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> noticesOf(fan, "ROOM_STARTING").size() == 2);
        assertThat(noticesOf(fan, "ROOM_STARTING")).extracting(n -> data(n).get("soon")).containsExactly(false, true);
        assertThat(noticesOf(fan, "ROOM_STARTING")).noneMatch(n -> later.equals(data(n).get("roomId")));
    }
}
