package dev.tribune.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import dev.tribune.ApiTest;
import dev.tribune.events.InstanceLease;
import java.sql.Timestamp;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A whole-deployment outage shorter than {@code tribune.presence.restart-grace} is nobody's absence: those connected
 * when it went down keep their place for the grace counted from the restart. (The other test contexts run with no
 * restart grace: sharing one database and pausing cached contexts, they would look like restarting deployments.)
 */
@TestPropertySource(properties = "tribune.presence.restart-grace=10m")
class RestartGraceTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Presence presence;

    @Autowired
    InstanceLease lease;

    Session host;
    Session moderator;
    Session listener;
    String room;

    @BeforeEach
    void aRoomOfAnEarlierDeployment() {
        // resumptions recorded by test contexts resuming belong to no test; only this one reads them
        jdbc.sql("DELETE FROM deployment_resumptions").update();
        host = register("rhost");
        moderator = register("rmod");
        listener = register("rlistener");
        room = (String) call(POST, "/api/v1/rooms", host, Map.of("name", "Restart"), 201).get("id");
        for (Session s : new Session[] {host, moderator, listener}) {
            call(POST, "/api/v1/rooms/" + room + "/join", s, null, 200);
            jdbc.sql("UPDATE participants SET socket_instance_id = ?, socket_seen_at = now() WHERE room_id = ?::uuid AND user_id = ?")
                    .params(lease.id(), room, s.userId()).update();
        }
        call(PUT, "/api/v1/rooms/" + room + "/moderators/" + moderator.userId(), host, null, 204);
    }

    private Map<String, Object> row(Session who) {
        return jdbc.sql("SELECT role, present FROM participants WHERE room_id = ?::uuid AND user_id = ?").params(room, who.userId())
                .query().singleRow();
    }

    private long events(String type) {
        return jdbc.sql("SELECT count(*) FROM room_events WHERE room_id = ?::uuid AND type = ?").params(room, type).query(Long.class).single();
    }

    /**
     * The whole deployment was down from {@code downAgo} until {@code backAgo} (the default restart grace is 10
     * minutes); the moderator's socket was held by an instance whose lease ran out when it went down.
     */
    private void afterAnOutage(String downAgo, String backAgo, Runnable check) {
        UUID dead = UUID.randomUUID();
        jdbc.sql("INSERT INTO instance_leases (instance_id, hostname, started_at, renewed_at, expires_at) "
                + "VALUES (?, 'gone', now() - interval '1 hour', now() - interval '" + downAgo + "', now() - interval '" + downAgo + "')")
                .param(dead).update();
        jdbc.sql("UPDATE participants SET socket_instance_id = ? WHERE room_id = ?::uuid AND user_id = ?").params(dead, room, moderator.userId()).update();
        Timestamp resumedAt = jdbc.sql("INSERT INTO deployment_resumptions (resumed_at, down_since) "
                + "VALUES (now() - interval '" + backAgo + "', now() - interval '" + downAgo + "') RETURNING resumed_at")
                .query(Timestamp.class).single();
        try {
            check.run();
        } finally {
            jdbc.sql("DELETE FROM deployment_resumptions WHERE resumed_at = ?").param(resumedAt).update();
        }
    }

    private void socketClosed(Session who, String ago) {
        jdbc.sql("UPDATE participants SET socket_instance_id = NULL, socket_seen_at = now() - interval '" + ago + "' "
                + "WHERE room_id = ?::uuid AND user_id = ?").params(room, who.userId()).update();
    }

    @Test
    void afterAnOutageShorterThanTheRestartGraceThoseConnectedWhenItWentDownKeepTheirPlaceForTheGraceFromTheRestart() {
        afterAnOutage("3 minutes", "5 seconds", () -> {
            // dropped 10 s before the outage: still within the grace when everything went down
            socketClosed(listener, "3 minutes 10 seconds");
            presence.sweep();
            assertThat(row(moderator)).containsEntry("present", true).containsEntry("role", "MODERATOR");
            assertThat(row(listener)).containsEntry("present", true);
            assertThat(events("participant.left")).isZero();
        });
    }

    @Test
    void theGraceAfterARestartRunsOutLikeAnyOther() {
        afterAnOutage("3 minutes", "1 minute", () -> {
            socketClosed(listener, "3 minutes 10 seconds");
            presence.sweep();
            assertThat(row(moderator)).containsEntry("present", false).containsEntry("role", "AUDIENCE");
            assertThat(row(listener)).containsEntry("present", false);
        });
    }

    @Test
    void someoneAlreadyGoneBeforeTheOutageIsSweptAsUsual() {
        afterAnOutage("3 minutes", "5 seconds", () -> {
            socketClosed(listener, "4 minutes");
            presence.sweep();
            assertThat(row(listener)).containsEntry("present", false);
            assertThat(row(moderator)).containsEntry("present", true);
        });
    }

    @Test
    void anOutageLongerThanTheRestartGraceIsNotExcused() {
        afterAnOutage("20 minutes", "5 seconds", () -> {
            presence.sweep();
            assertThat(row(moderator)).containsEntry("present", false);
        });
    }
}
