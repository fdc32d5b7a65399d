package dev.tribune.accounts;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The accounts module's API for other modules: how to show people, looked up in one query per page. */
@Service
public class UserDirectory {

    private final JdbcClient jdbc;
    private final RecentlyActive recentlyActive;

    UserDirectory(JdbcClient jdbc, RecentlyActive recentlyActive) {
        this.jdbc = jdbc;
        this.recentlyActive = recentlyActive;
    }

    /**
     * The account was stopped (suspended or deleted), perhaps by another instance: its next request here reads its
     * standing rather than trusting that it was active moments ago.
     */
    public void stoppedElsewhere(UUID userId) {
        recentlyActive.forget(userId);
    }

    /** An account that exists and is not deleted. */
    public Optional<UserRef> find(UUID id) {
        return jdbc.sql("SELECT id, username, display_name, guest FROM users WHERE id = ? AND deleted_at IS NULL")
                .param(id)
                .query((rs, n) -> new UserRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .optional();
    }

    /** Whether the account exists and may act now: not deleted, not suspended. */
    public boolean isActive(UUID id) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM users WHERE id = ? AND deleted_at IS NULL
                               AND (suspended_until IS NULL OR suspended_until <= now()))""")
                .param(id).query(Boolean.class).single();
    }

    /** The people someone follows (the following feed lists the LIVE rooms they are on the panel of). */
    public Set<UUID> followedBy(UUID followerId) {
        return jdbc.sql("SELECT followee_id FROM user_follows WHERE follower_id = ?").param(followerId)
                .query(UUID.class).list().stream().collect(Collectors.toSet());
    }

    /** Everyone named, deleted accounts included (shown as "deleted user"). */
    public Map<UUID, UserRef> findAll(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT id, username, display_name, guest FROM users WHERE id = ANY(?)")
                .param(ids.toArray(UUID[]::new))
                .query((rs, n) -> new UserRef(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .list().stream().collect(Collectors.toMap(UserRef::id, Function.identity()));
    }
}
