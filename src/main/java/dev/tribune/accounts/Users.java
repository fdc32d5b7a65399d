package dev.tribune.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code users} rows that accounts writes: sign-up (password, guest, Firebase), password changes and erasure. */
@Component
class Users {

    private static final String COLUMNS = "id, username, display_name, password_hash, guest, suspended_until, created_at, deleted_at, bio";

    private final JdbcClient jdbc;
    private final RecentlyActive recentlyActive;

    Users(JdbcClient jdbc, RecentlyActive recentlyActive) {
        this.jdbc = jdbc;
        this.recentlyActive = recentlyActive;
    }

    /** A taken username is a {@code DuplicateKeyException} (a {@code DataIntegrityViolationException}). */
    void insert(User user) {
        jdbc.sql("INSERT INTO users (id, username, display_name, password_hash, guest, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(user.id(), user.username(), user.displayName(), user.passwordHash(), user.guest(),
                        Timestamp.from(user.createdAt()))
                .update();
    }

    /**
     * A Firebase-only account: no password, {@code firebase_uid} set. False, and nothing written, when the username
     * or the Firebase user is taken; a concurrent sign-in of the same Firebase user is waited for, so that the caller
     * then finds its account.
     */
    boolean insertFirebase(User user, String firebaseUid) {
        return jdbc.sql("""
                INSERT INTO users (id, username, display_name, guest, firebase_uid, created_at) VALUES (?, ?, ?, false, ?, ?)
                ON CONFLICT DO NOTHING""")
                .params(user.id(), user.username(), user.displayName(), firebaseUid, Timestamp.from(user.createdAt()))
                .update() == 1;
    }

    /** The living account a Firebase user signs in to (an erased account has none). */
    Optional<User> findByFirebaseUid(String firebaseUid) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE firebase_uid = ? AND deleted_at IS NULL")
                .param(firebaseUid).query(Users::user).optional();
    }

    Optional<String> firebaseUidOf(UUID id) {
        return jdbc.sql("SELECT firebase_uid FROM users WHERE id = ? AND firebase_uid IS NOT NULL")
                .param(id).query(String.class).optional();
    }

    /** Links a registered account that has no Firebase user yet; false when it has one or is not such an account. */
    boolean linkFirebase(UUID id, String firebaseUid) {
        return jdbc.sql("UPDATE users SET firebase_uid = ? WHERE id = ? AND firebase_uid IS NULL AND NOT guest AND deleted_at IS NULL")
                .params(firebaseUid, id).update() == 1;
    }

    /**
     * A guest becomes a registered account of the Firebase user in place, keeping its id (and so its place in rooms).
     * False when it is no longer a living guest. A taken username or Firebase user is a {@code DuplicateKeyException}.
     */
    boolean guestBecomesFirebaseAccount(UUID id, String username, String displayName, String firebaseUid) {
        return jdbc.sql("""
                UPDATE users SET guest = false, username = ?, display_name = ?, firebase_uid = ?
                WHERE id = ? AND guest AND deleted_at IS NULL""")
                .params(username, displayName, firebaseUid, id).update() == 1;
    }

    /** Those of {@code usernames} that an account holds. */
    List<String> taken(List<String> usernames) {
        return jdbc.sql("SELECT username FROM users WHERE username = ANY(?)")
                .param(usernames.toArray(String[]::new)).query(String.class).list();
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

    void changeDisplayName(UUID id, String displayName) {
        jdbc.sql("UPDATE users SET display_name = ? WHERE id = ?").params(displayName, id).update();
    }

    /** Null clears it. */
    void changeBio(UUID id, String bio) {
        jdbc.sql("UPDATE users SET bio = ? WHERE id = ?").params(bio, id).update();
    }

    /**
     * Erases what identifies the person; the row stays so their chat lines and reports keep an author. The Firebase
     * user is let go, so that the same Google account signing in again starts afresh.
     */
    void erase(UUID id, Instant now) {
        jdbc.sql("""
                UPDATE users SET username = NULL, display_name = ?, password_hash = NULL, bio = NULL, firebase_uid = NULL,
                       deleted_at = ?
                WHERE id = ?""")
                .params(User.DELETED_DISPLAY_NAME, Timestamp.from(now), id).update();
        recentlyActive.forget(id);
    }

    void suspend(UUID id, Instant until) {
        jdbc.sql("UPDATE users SET suspended_until = ? WHERE id = ?").params(until == null ? null : Timestamp.from(until), id).update();
        recentlyActive.forget(id);
    }

    List<AccountSuspensions.Suspension> suspendedNow() {
        return jdbc.sql("SELECT id, suspended_until FROM users WHERE suspended_until > now() AND deleted_at IS NULL ORDER BY id")
                .query((rs, n) -> new AccountSuspensions.Suspension(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant()))
                .list();
    }

    Optional<StaffRole> staffRole(UUID id) {
        return jdbc.sql("SELECT platform_role FROM users WHERE id = ? AND deleted_at IS NULL AND platform_role <> 'USER'")
                .param(id).query(String.class).optional().map(StaffRole::valueOf);
    }

    /** Only registered, living accounts hold a role; false when there is no such account. */
    boolean setPlatformRole(UUID id, String role) {
        return jdbc.sql("UPDATE users SET platform_role = ? WHERE id = ? AND NOT guest AND deleted_at IS NULL")
                .params(role, id).update() == 1;
    }

    void makeAdmin(String username) {
        jdbc.sql("UPDATE users SET platform_role = 'ADMIN' WHERE username = ? AND deleted_at IS NULL")
                .param(username).update();
    }

    List<StaffRoles.StaffMember> staff() {
        return jdbc.sql("""
                SELECT id, username, display_name, guest, platform_role FROM users
                WHERE platform_role <> 'USER' AND deleted_at IS NULL
                ORDER BY platform_role = 'ADMIN' DESC, username""")
                .query((rs, n) -> new StaffRoles.StaffMember(new UserRef(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getString(3), rs.getBoolean(4)), StaffRole.valueOf(rs.getString(5))))
                .list();
    }

    private static User user(ResultSet rs, int row) throws SQLException {
        return new User(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                rs.getString("password_hash"), rs.getBoolean("guest"), instant(rs.getTimestamp("suspended_until")),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("deleted_at")),
                rs.getString("bio"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
