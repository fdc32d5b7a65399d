package dev.tribune.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A suspended account signing in (API.md "Appeals"): 403 {@code /problems/suspended} with until, reason and an appeal
 * token that reads its notices and files its appeal, and nothing else.
 */
class SuspendedSignInTest extends StaffSessions {

    private static final String TECHNOLOGY = "01900000-0000-7000-8000-000000000001";

    @Autowired
    JdbcClient jdbc;

    Session staffMod;
    Session reported;
    Session reporter;
    String room;

    @BeforeEach
    void aRoomWhereSomeoneWasReported() {
        staffMod = register("ssstaff");
        Session founder = register("ssfounder");
        reported = register("ssreported");
        reporter = register("ssreporter");
        call(PUT, "/api/v1/staff/" + staffMod.userId(), staffAdmin(), Map.of("role", "MODERATOR"), 200);
        String club = (String) call(POST, "/api/v1/clubs", founder, Map.of("name", "Suspended " + UUID.randomUUID().toString().substring(0, 8),
                "topicId", TECHNOLOGY), 201).get("id");
        room = (String) call(POST, "/api/v1/rooms", founder, Map.of("name", "Suspensions", "clubId", club), 201).get("id");
        for (Session who : List.of(founder, reported, reporter)) {
            call(POST, "/api/v1/rooms/" + room + "/join", who, null, 200);
        }
    }

    /** The audit id of the suspension. */
    private String suspended(Map<String, Object> resolution) {
        String report = (String) call(POST, "/api/v1/reports", reporter, Map.of("reportedUserId", reported.userId().toString(),
                "roomId", room, "reason", "HARASSMENT"), 201).get("id");
        Map<String, Object> body = new HashMap<>(resolution);
        body.put("action", "SUSPEND_ACCOUNT");
        call(POST, "/api/v1/reports/" + report + "/resolve", staffMod, body, 200);
        return jdbc.sql("SELECT id::text FROM moderation_actions WHERE report_id = ?::uuid").param(report).query(String.class).single();
    }

    private Map<String, Object> signIn(int status) {
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = client.post().uri("/api/v1/auth/login").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", reported.username(), "password", "correct horse"))
                .exchange().expectStatus().isEqualTo(status).returnResult(Map.class).getResponseBody();
        return answer;
    }

    private Session withToken(String token) {
        return new Session(reported.userId(), reported.username(), token, null);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSignInTellsUntilWhenAndWhyAndItsAppealTokenReadsNoticesAndAppealsUntilOverturned() {
        Instant before = Instant.now();
        String audit = suspended(Map.of("durationDays", 7, "note", "repeated harassment"));

        Map<String, Object> refused = signIn(403);
        assertThat(refused).containsEntry("type", "/problems/suspended").containsEntry("status", 403)
                .containsEntry("reason", "repeated harassment").doesNotContainKeys("accessToken", "refreshToken");
        Instant until = Instant.parse((String) refused.get("until"));
        assertThat(until).isBetween(before.plus(Duration.ofDays(7)), Instant.now().plus(Duration.ofDays(7)));
        Session appealing = withToken((String) refused.get("appealToken"));
        assertThat(appealing.accessToken()).isNotBlank();

        // refreshing is refused the same way
        Map<String, Object> refreshRefused = call(POST, "/api/v1/auth/refresh", null, Map.of("refreshToken", reported.refreshToken()), 403);
        assertThat(refreshRefused).containsEntry("type", "/problems/suspended").containsKey("appealToken")
                .containsEntry("reason", "repeated harassment");

        // the session it had is refused on every path, notices and appeals included
        call(GET, "/api/v1/me/notices", reported, null, 403);
        call(POST, "/api/v1/appeals", reported, Map.of("auditId", audit, "text", "not me"), 403);

        List<Map<String, Object>> notices = (List<Map<String, Object>>) get("/api/v1/me/notices", appealing).get("items");
        assertThat(notices).extracting(n -> n.get("kind")).contains("SUSPENDED");

        // nothing else: 403 /problems/suspended
        assertThat(call(GET, "/api/v1/me", appealing, null, 403)).containsEntry("type", "/problems/suspended");
        assertThat(call(POST, "/api/v1/rooms", appealing, Map.of("name", "Back"), 403)).containsEntry("type", "/problems/suspended");
        call(POST, "/api/v1/me/notices/read", appealing, Map.of("upTo", Instant.now().toString()), 403);
        call(GET, "/api/v1/appeals", appealing, null, 403);
        call(POST, "/api/v1/rooms/" + room + "/join", appealing, null, 403);

        Map<String, Object> appeal = call(POST, "/api/v1/appeals", appealing, Map.of("auditId", audit, "text", "It was a quote"), 201);
        assertThat(appeal).containsEntry("status", "OPEN").containsEntry("action", "SUSPEND_ACCOUNT");
        call(POST, "/api/v1/appeals/" + appeal.get("id") + "/decide", staffAdmin(), Map.of("decision", "OVERTURN", "note", "context"), 200);

        Session back = session(signIn(200), reported.username());
        assertThat(get("/api/v1/me", back)).containsEntry("id", reported.userId().toString());
        // an appeal token never becomes an access token, suspended or not
        call(GET, "/api/v1/me", appealing, null, 403);
    }

    @Test
    void aSuspensionUntilLiftedHasNoUntilAndWithoutANoteTheReportsReason() {
        suspended(Map.of());
        Map<String, Object> refused = signIn(403);
        assertThat(refused).containsEntry("type", "/problems/suspended").containsEntry("until", null)
                .containsEntry("reason", "HARASSMENT");
    }

    @Test
    void anExpiredForgedOrAccessTokenIsNoAppealToken() {
        suspended(Map.of("durationDays", 1));
        Instant now = Instant.now();
        String expired = JWT.create().withIssuer("tribune").withSubject(reported.userId().toString()).withClaim("scope", "appeal")
                .withIssuedAt(now.minus(Duration.ofHours(1))).withExpiresAt(now.minus(Duration.ofMinutes(1)))
                .sign(Algorithm.HMAC256(TEST_JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        String forged = JWT.create().withIssuer("tribune").withSubject(reported.userId().toString()).withClaim("scope", "appeal")
                .withIssuedAt(now).withExpiresAt(now.plus(Duration.ofMinutes(30)))
                .sign(Algorithm.HMAC256("another-secret-another-secret-another-0123".getBytes(StandardCharsets.UTF_8)));
        String otherScope = JWT.create().withIssuer("tribune").withSubject(reported.userId().toString()).withClaim("scope", "admin")
                .withIssuedAt(now).withExpiresAt(now.plus(Duration.ofMinutes(30)))
                .sign(Algorithm.HMAC256(TEST_JWT_SECRET.getBytes(StandardCharsets.UTF_8)));
        for (String token : List.of(expired, forged, otherScope)) {
            assertThat(call(GET, "/api/v1/me/notices", withToken(token), null, 401)).containsEntry("type", "/problems/unauthorized");
        }
        // the genuine one still works, and a deleted account's does not
        String appealToken = (String) signIn(403).get("appealToken");
        get("/api/v1/me/notices", withToken(appealToken));
        jdbc.sql("UPDATE users SET deleted_at = now() WHERE id = ?").param(reported.userId()).update();
        call(GET, "/api/v1/me/notices", withToken(appealToken), null, 401);
    }
}
