package dev.tribune.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tribune.ApiTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Profiles, following people, the caller's own profile (PATCH /api/v1/me) and signing out everywhere. */
class PeopleTest extends ApiTest {

    static final String TECHNOLOGY = "01900000-0000-7000-8000-000000000001";
    private static final String NO_SUCH_USER = "01900000-0000-7000-8000-0000000000ff";

    private String club(Session founder, String name) {
        return (String) call(POST, "/api/v1/clubs", founder, Map.of("name", name, "topicId", TECHNOLOGY), 201).get("id");
    }

    private Map<String, Object> profile(Session viewer, Session person) {
        return get("/api/v1/users/" + person.userId(), viewer);
    }

    @Test
    void aProfileShowsBioCountsWhetherTheCallerFollowsAndTheClubs() {
        Session ann = register("ann");
        Session ben = register("ben");
        Session cy = register("cy");
        String founded = club(ann, "Ann's founded club");
        String joined = club(cy, "Cy's club");
        call(PUT, "/api/v1/clubs/" + joined + "/members/" + ann.userId(), cy, Map.of("role", "MEMBER"), 204);
        call(PATCH, "/api/v1/me", ann, Map.of("bio", "I host things."), 200);
        call(PUT, "/api/v1/users/" + ann.userId() + "/follow", ben, null, 204);
        call(PUT, "/api/v1/users/" + cy.userId() + "/follow", ann, null, 204);

        Map<String, Object> seen = profile(ben, ann);
        assertThat(seen).containsEntry("id", ann.userId().toString()).containsEntry("username", ann.username())
                .containsEntry("displayName", "Test ann").containsEntry("bio", "I host things.")
                .containsEntry("followerCount", 1).containsEntry("followingCount", 1).containsEntry("following", true);
        assertThat((List<Map<String, Object>>) seen.get("clubs")).containsExactlyInAnyOrder(
                Map.of("id", founded, "name", "Ann's founded club", "role", "ADMIN"),
                Map.of("id", joined, "name", "Cy's club", "role", "MEMBER"));
        assertThat(profile(cy, ann)).containsEntry("following", false);
        assertThat(profile(guest(), ann)).containsEntry("following", false).containsEntry("followerCount", 1);
        assertThat(profile(ann, cy)).containsEntry("bio", null).containsEntry("followerCount", 1).containsEntry("following", true);
    }

    @Test
    void guestsUnknownAndDeletedAccountsHaveNoProfile() {
        Session viewer = register("viewer");
        Session gone = register("gone");
        Session aGuest = guest();
        assertThat(call(GET, "/api/v1/users/" + aGuest.userId(), viewer, null, 404)).containsEntry("type", "/problems/not-found");
        assertThat(call(GET, "/api/v1/users/" + NO_SUCH_USER, viewer, null, 404)).containsEntry("type", "/problems/not-found");
        call(DELETE, "/api/v1/me", gone, null, 204);
        assertThat(call(GET, "/api/v1/users/" + gone.userId(), viewer, null, 404)).containsEntry("type", "/problems/not-found");
        call(GET, "/api/v1/users/not-an-id", viewer, null, 400);
        call(GET, "/api/v1/users/" + viewer.userId(), null, null, 401);
    }

    @Test
    void followingIsIdempotentAndUnfollowingToo() {
        Session fan = register("fan");
        Session star = register("star");
        String follow = "/api/v1/users/" + star.userId() + "/follow";
        call(PUT, follow, fan, null, 204);
        call(PUT, follow, fan, null, 204);
        assertThat(profile(fan, star)).containsEntry("followerCount", 1).containsEntry("following", true);
        assertThat(profile(fan, fan)).containsEntry("followingCount", 1).containsEntry("followerCount", 0);
        call(DELETE, follow, fan, null, 204);
        call(DELETE, follow, fan, null, 204);
        assertThat(profile(fan, star)).containsEntry("followerCount", 0).containsEntry("following", false);
    }

    @Test
    void followingYourselfAGuestFollowingAndFollowingNobodyAreRefused() {
        Session me = register("self");
        assertThat(call(PUT, "/api/v1/users/" + me.userId() + "/follow", me, null, 422))
                .containsEntry("type", "/problems/cannot-follow-yourself");
        Session aGuest = guest();
        assertThat(call(PUT, "/api/v1/users/" + me.userId() + "/follow", aGuest, null, 403)).containsEntry("type", "/problems/forbidden");
        call(DELETE, "/api/v1/users/" + me.userId() + "/follow", aGuest, null, 403);
        assertThat(call(PUT, "/api/v1/users/" + NO_SUCH_USER + "/follow", me, null, 404)).containsEntry("type", "/problems/not-found");
        call(PUT, "/api/v1/users/" + aGuest.userId() + "/follow", me, null, 404);
    }

    @Test
    void deletingAnAccountRemovesItsFollowsBothWays() {
        Session leaving = register("leaving");
        Session friend = register("friend");
        call(PUT, "/api/v1/users/" + friend.userId() + "/follow", leaving, null, 204);
        call(PUT, "/api/v1/users/" + leaving.userId() + "/follow", friend, null, 204);
        call(DELETE, "/api/v1/me", leaving, null, 204);
        assertThat(profile(friend, friend)).containsEntry("followerCount", 0).containsEntry("followingCount", 0);
    }

    @Test
    void theCallerChangesTheirDisplayNameAndBio() {
        Session me = register("named");
        Map<String, Object> changed = call(PATCH, "/api/v1/me", me, Map.of("displayName", "  New Name  ", "bio", "Line one\nline two"), 200);
        assertThat(changed).containsEntry("id", me.userId().toString()).containsEntry("username", me.username())
                .containsEntry("displayName", "New Name").containsEntry("bio", "Line one\nline two")
                .containsEntry("guest", false).containsEntry("adminOfClubs", List.of());
        // a field left out stays as it was; an empty bio clears it
        assertThat(call(PATCH, "/api/v1/me", me, Map.of("bio", ""), 200)).containsEntry("displayName", "New Name").containsEntry("bio", null);
        assertThat(get("/api/v1/me", me)).containsEntry("displayName", "New Name").containsEntry("bio", null);
        assertThat(call(PATCH, "/api/v1/me", me, Map.of(), 200)).containsEntry("displayName", "New Name");
    }

    @Test
    void badProfileChangesAreRefusedAndGuestsHaveNoProfileToChange() {
        Session me = register("picky");
        assertThat(call(PATCH, "/api/v1/me", me, Map.of("displayName", "   "), 400).get("errors").toString()).contains("displayName");
        assertThat(call(PATCH, "/api/v1/me", me, Map.of("displayName", ""), 400).get("errors").toString()).contains("displayName");
        assertThat(call(PATCH, "/api/v1/me", me, Map.of("displayName", "x".repeat(51)), 400).get("errors").toString()).contains("displayName");
        assertThat(call(PATCH, "/api/v1/me", me, Map.of("displayName", "bell\u0007"), 400).get("errors").toString()).contains("displayName");
        assertThat(call(PATCH, "/api/v1/me", me, Map.of("bio", "x".repeat(301)), 400).get("errors").toString()).contains("bio");
        assertThat(call(PATCH, "/api/v1/me", me, Map.of("bio", "tab\there"), 400).get("errors").toString()).contains("bio");
        assertThat(call(PATCH, "/api/v1/me", me, Map.of("bio", "x".repeat(300)), 200)).containsEntry("bio", "x".repeat(300));
        Map<String, Object> wrongType = new HashMap<>();
        wrongType.put("displayName", 42);
        call(PATCH, "/api/v1/me", me, wrongType, 400);
        assertThat(get("/api/v1/me", me)).containsEntry("displayName", "Test picky");
        assertThat(call(PATCH, "/api/v1/me", guest(), Map.of("displayName", "Guesty"), 403)).containsEntry("type", "/problems/forbidden");
    }

    @Test
    void meListsTheClubsTheCallerIsAnAdminOf() {
        Session founder = register("admin");
        Session member = register("member");
        String first = club(founder, "Administered club");
        String other = club(member, "Member's own club");
        call(PUT, "/api/v1/clubs/" + first + "/members/" + member.userId(), founder, Map.of("role", "MEMBER"), 204);
        assertThat((List<Object>) get("/api/v1/me", founder).get("adminOfClubs"))
                .containsExactly(Map.of("id", first, "name", "Administered club"));
        assertThat((List<Object>) get("/api/v1/me", member).get("adminOfClubs"))
                .containsExactly(Map.of("id", other, "name", "Member's own club"));
        assertThat(get("/api/v1/me", guest())).containsEntry("adminOfClubs", List.of()).containsEntry("bio", null);
    }

    @Test
    void signingOutEverywhereKillsEveryRefreshToken() {
        Session phone = register("everywhere");
        Session laptop = session(client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", phone.username(), "password", "correct horse"))
                .exchange().expectStatus().isOk().returnResult(Map.class).getResponseBody(), phone.username());
        call(DELETE, "/api/v1/me/sessions", laptop, null, 204);
        for (Session device : List.of(phone, laptop)) {
            client.post().uri("/api/v1/auth/refresh").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("refreshToken", device.refreshToken()))
                    .exchange().expectStatus().isUnauthorized()
                    .expectBody().jsonPath("$.type").isEqualTo("/problems/unauthorized");
        }
        // signing in again works; a guest may sign out everywhere too
        client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", phone.username(), "password", "correct horse")).exchange().expectStatus().isOk();
        call(DELETE, "/api/v1/me/sessions", guest(), null, 204);
        call(DELETE, "/api/v1/me/sessions", null, null, 401);
    }
}
