package dev.tribune.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code users} rows that accounts writes: sign-up, password changes and erasure. */
@Component
class Users {

    private static final String COLUMNS = "id, username, display_name, password_hash, guest, suspended_until, created_at, deleted_at";

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A taken username is a {@code DuplicateKeyException} (a {@code DataIntegrityViolationException}). */
    void insert(User user) {
        jdbc.sql("INSERT INTO users (id, username, display_name, password_hash, guest, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(user.id(), user.username(), user.displayName(), user.passwordHash(), user.guest(),
                        Timestamp.from(user.createdAt()))
                .update();
    }

    Optional<User> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?").param(id).query(Users::user).optional();
    }

    /** Usernames are stored lower-cased: the caller lower-cases what it looks for. */
    Optional<User> findByUsername(String username) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE username = ?").param(username).query(Users::user).optional();
    }

    void changePassword(UUID id, String passwordHash, Instant now) {
        jdbc.sql("UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?")
                .params(passwordHash, Timestamp.from(now), id).update();
    }

    /** Erases what identifies the person; the row stays so their chat lines and reports keep an author. */
    void erase(UUID id, Instant now) {
        jdbc.sql("UPDATE users SET username = NULL, display_name = ?, password_hash = NULL, deleted_at = ? WHERE id = ?")
                .params(User.DELETED_DISPLAY_NAME, Timestamp.from(now), id).update();
    }

    private static User user(ResultSet rs, int row) throws SQLException {
        return new User(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                rs.getString("password_hash"), rs.getBoolean("guest"), instant(rs.getTimestamp("suspended_until")),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("deleted_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
