package dev.tribune.accounts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code user_follows} rows: who follows whom. */
@Component
class Follows {

    private final JdbcClient jdbc;

    Follows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void follow(UUID follower, UUID followee, Instant now) {
        jdbc.sql("INSERT INTO user_follows (follower_id, followee_id, followed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(follower, followee, Timestamp.from(now)).update();
    }

    void unfollow(UUID follower, UUID followee) {
        jdbc.sql("DELETE FROM user_follows WHERE follower_id = ? AND followee_id = ?").params(follower, followee).update();
    }

    boolean follows(UUID follower, UUID followee) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM user_follows WHERE follower_id = ? AND followee_id = ?)")
                .params(follower, followee).query(Boolean.class).single();
    }

    int followers(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM user_follows WHERE followee_id = ?").param(userId).query(Integer.class).single();
    }

    int following(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM user_follows WHERE follower_id = ?").param(userId).query(Integer.class).single();
    }

    /** An erased account neither follows nor is followed by anyone. */
    void forget(UUID userId) {
        jdbc.sql("DELETE FROM user_follows WHERE follower_id = ? OR followee_id = ?").params(userId, userId).update();
    }
}
