package dev.tribune.clubs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tribune.ApiTest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ClubsTest extends ApiTest {

    static final String TECHNOLOGY = "01900000-0000-7000-8000-000000000001";

    private String createClub(Session founder, String name) {
        return (String) call(POST, "/api/v1/clubs", founder, Map.of("name", name, "topicId", TECHNOLOGY,
                "description", "a club for testing"), 201).get("id");
    }

    @Test
    void topicsAreListed() {
        Session member = register("topics");
        List<Object> items = (List<Object>) get("/api/v1/topics?limit=100", member).get("items");
        assertThat(items).extracting(t -> ((Map<String, Object>) t).get("name")).contains("Technology", "Music");
        assertThat((Map<String, Object>) items.getFirst()).containsKeys("id", "name", "description");
    }

    @Test
    void foundingAClubMakesTheFounderItsFirstAdmin() {
        Session founder = register("founder");
        Map<String, Object> club = call(POST, "/api/v1/clubs", founder,
                Map.of("name", "  Rust Audio  ", "topicId", TECHNOLOGY, "description", "Talking DSP"), 201);
        assertThat(club.get("name")).isEqualTo("Rust Audio");
        assertThat(club.get("memberCount")).isEqualTo(1);
        assertThat(club.get("followerCount")).isEqualTo(0);
        assertThat(club.get("myMembership")).isEqualTo("ADMIN");
        assertThat(club.get("following")).isEqualTo(false);
        assertThat((Map<String, Object>) club.get("topic")).containsEntry("name", "Technology");
        assertThat((Map<String, Object>) club.get("founder")).containsEntry("id", founder.userId().toString())
                .containsEntry("username", founder.username());

        Map<String, Object> members = get("/api/v1/clubs/" + club.get("id") + "/members", founder);
        assertThat((List<Object>) members.get("items")).singleElement()
                .satisfies(m -> assertThat(((Map<String, Object>) m).get("role")).isEqualTo("ADMIN"));
    }

    @Test
    void badClubsAreRefused() {
        Session founder = register("badclub");
        Map<String, Object> unknownTopic = call(POST, "/api/v1/clubs", founder,
                Map.of("name", "X", "topicId", "01900000-0000-7000-8000-0000000000ff"), 400);
        assertThat(unknownTopic.get("errors").toString()).contains("topicId");
        Map<String, Object> longName = call(POST, "/api/v1/clubs", founder, Map.of("name", "x".repeat(101), "topicId", TECHNOLOGY), 400);
        assertThat(longName.get("errors").toString()).contains("name");
        call(POST, "/api/v1/clubs", founder, Map.of("name", "No topic"), 400);
        call(POST, "/api/v1/clubs", guest(), Map.of("name", "Guest club", "topicId", TECHNOLOGY), 403);
        call(GET, "/api/v1/clubs/01900000-0000-7000-8000-0000000000ff", founder, null, 404);
        call(GET, "/api/v1/clubs/not-an-id", founder, null, 400);
    }

    @Test
    void followingIsIdempotentAndCounted() {
        Session founder = register("followed");
        String club = createClub(founder, "Followed club");
        Session fan = register("fan");
        call(PUT, "/api/v1/clubs/" + club + "/follow", fan, null, 204);
        call(PUT, "/api/v1/clubs/" + club + "/follow", fan, null, 204);
        Map<String, Object> seen = get("/api/v1/clubs/" + club, fan);
        assertThat(seen.get("followerCount")).isEqualTo(1);
        assertThat(seen.get("following")).isEqualTo(true);
        call(DELETE, "/api/v1/clubs/" + club + "/follow", fan, null, 204);
        call(DELETE, "/api/v1/clubs/" + club + "/follow", fan, null, 204);
        assertThat(get("/api/v1/clubs/" + club, fan).get("followerCount")).isEqualTo(0);
        call(PUT, "/api/v1/clubs/" + club + "/follow", guest(), null, 403);
    }

    @Test
    void concurrentFollowsAndUnfollowsKeepTheCountExact() throws Exception {
        Session founder = register("busy");
        String club = createClub(founder, "Busy club");
        List<Session> fans = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fans.add(register("crowd"));
        }
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < fans.size(); i++) {
                Session fan = fans.get(i);
                boolean leaves = i % 3 == 0;
                done.add(pool.submit(() -> {
                    start.await();
                    // every fan follows twice at once; a third of them then unfollow
                    call(PUT, "/api/v1/clubs/" + club + "/follow", fan, null, 204);
                    call(PUT, "/api/v1/clubs/" + club + "/follow", fan, null, 204);
                    if (leaves) {
                        call(DELETE, "/api/v1/clubs/" + club + "/follow", fan, null, 204);
                    }
                    return null;
                }));
                done.add(pool.submit(() -> {
                    start.await();
                    call(PUT, "/api/v1/clubs/" + club + "/follow", fan, null, 204);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        }
        // each fan's last word decides; the count must equal the rows
        int followers = ((Number) get("/api/v1/clubs/" + club, founder).get("followerCount")).intValue();
        assertThat(followers).isBetween(8, 12);
        int following = 0;
        for (Session fan : fans) {
            if ((Boolean) get("/api/v1/clubs/" + club, fan).get("following")) {
                following++;
            }
        }
        assertThat(followers).isEqualTo(following);
    }

    @Test
    void adminsManageMembersAndOthersCannot() {
        Session founder = register("admin");
        String club = createClub(founder, "Managed club");
        Session member = register("member");
        Session outsider = register("outsider");
        call(PUT, "/api/v1/clubs/" + club + "/members/" + member.userId(), outsider, Map.of("role", "MEMBER"), 403);
        call(PUT, "/api/v1/clubs/" + club + "/members/" + member.userId(), founder, Map.of("role", "MEMBER"), 204);
        call(PUT, "/api/v1/clubs/" + club + "/members/" + member.userId(), founder, Map.of("role", "MEMBER"), 204);
        assertThat(get("/api/v1/clubs/" + club, member)).containsEntry("memberCount", 2).containsEntry("myMembership", "MEMBER");
        call(PUT, "/api/v1/clubs/" + club + "/members/" + outsider.userId(), member, Map.of("role", "MEMBER"), 403);
        call(PUT, "/api/v1/clubs/" + club + "/members/" + member.userId(), founder, Map.of("role", "OWNER"), 400);
        call(PUT, "/api/v1/clubs/" + club + "/members/" + guest().userId(), founder, Map.of("role", "MEMBER"), 409);
        call(PUT, "/api/v1/clubs/" + club + "/members/01900000-0000-7000-8000-0000000000ff", founder, Map.of("role", "MEMBER"), 404);

        call(DELETE, "/api/v1/clubs/" + club + "/members/" + member.userId(), outsider, null, 403);
        call(DELETE, "/api/v1/clubs/" + club + "/members/" + member.userId(), founder, null, 204);
        assertThat(get("/api/v1/clubs/" + club, founder)).containsEntry("memberCount", 1);
        call(DELETE, "/api/v1/clubs/" + club + "/members/" + member.userId(), founder, null, 404);
    }

    @Test
    void theFounderLeavesOnlyAfterNamingAnotherAdmin() {
        Session founder = register("leaver");
        String club = createClub(founder, "Handed-on club");
        Session successor = register("successor");
        Map<String, Object> refused = call(DELETE, "/api/v1/clubs/" + club + "/members/" + founder.userId(), founder, null, 409);
        assertThat(refused.get("type")).isEqualTo("/problems/conflict");
        call(PUT, "/api/v1/clubs/" + club + "/members/" + successor.userId(), founder, Map.of("role", "MEMBER"), 204);
        // the last ADMIN cannot step down either
        call(PUT, "/api/v1/clubs/" + club + "/members/" + founder.userId(), founder, Map.of("role", "MEMBER"), 409);
        call(PUT, "/api/v1/clubs/" + club + "/members/" + successor.userId(), founder, Map.of("role", "ADMIN"), 204);
        call(DELETE, "/api/v1/clubs/" + club + "/members/" + founder.userId(), founder, null, 204);
        Map<String, Object> after = get("/api/v1/clubs/" + club, founder);
        assertThat(after.get("myMembership")).isNull();
        assertThat(after.get("memberCount")).isEqualTo(1);
        // a member leaves on their own
        Session casual = register("casual");
        call(PUT, "/api/v1/clubs/" + club + "/members/" + casual.userId(), successor, Map.of("role", "MEMBER"), 204);
        call(DELETE, "/api/v1/clubs/" + club + "/members/" + casual.userId(), casual, null, 204);
    }

    @Test
    void discoveryFindsClubsByWordsAndTopicAndPagesWithoutRepeats() {
        Session founder = register("discover");
        String word = "zq" + Long.toString(System.nanoTime(), 36);
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            mine.add(createClub(founder, word + " club " + i));
        }
        List<Object> found = (List<Object>) get("/api/v1/clubs?q=" + word, founder).get("items");
        assertThat(found).extracting(c -> ((Map<String, Object>) c).get("id")).containsExactlyInAnyOrderElementsOf(mine);
        // a prefix is enough
        assertThat((List<Object>) get("/api/v1/clubs?q=" + word.substring(0, word.length() - 1), founder).get("items"))
                .as("clubs found by the prefix of " + word).hasSize(5);

        Set<Object> paged = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = get("/api/v1/clubs?limit=2&topicId=" + TECHNOLOGY + (cursor == null ? "" : "&cursor=" + cursor), founder);
            for (Object item : (List<Object>) page.get("items")) {
                assertThat(paged.add(((Map<String, Object>) item).get("id"))).as("no club twice").isTrue();
            }
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null && pages < 1000);
        assertThat(paged).containsAll(mine);
        call(GET, "/api/v1/clubs?cursor=garbage", founder, null, 400);
        call(GET, "/api/v1/clubs?limit=0", founder, null, 400);
    }

    @Test
    void aDeletedAccountLeavesItsClubsAndTheCountsFollow() {
        Session founder = register("keeper");
        String club = createClub(founder, "Club that loses a fan");
        Session fan = register("leavingfan");
        call(PUT, "/api/v1/clubs/" + club + "/follow", fan, null, 204);
        call(PUT, "/api/v1/clubs/" + club + "/members/" + fan.userId(), founder, Map.of("role", "MEMBER"), 204);
        call(DELETE, "/api/v1/me", fan, null, 204);
        Map<String, Object> after = get("/api/v1/clubs/" + club, founder);
        assertThat(after).containsEntry("followerCount", 0).containsEntry("memberCount", 1);
    }
}
