package dev.tribune.clubs;

import dev.tribune.accounts.ClubMemberships;
import dev.tribune.shared.SearchTerms;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The clubs module's API: who belongs to or follows which club, and club look-ups for rooms, search and profiles. */
@Service
public class ClubDirectory implements ClubMemberships {

    private final JdbcClient jdbc;

    ClubDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ClubSummary> find(UUID clubId) {
        return jdbc.sql("SELECT c.id, c.name, t.name FROM clubs c JOIN topics t ON t.id = c.topic_id WHERE c.id = ?")
                .param(clubId)
                .query((rs, n) -> new ClubSummary(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .optional();
    }

    /** Names of the clubs given, in one query, for a page of room cards. */
    public Map<UUID, String> names(Collection<UUID> clubIds) {
        if (clubIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT id, name FROM clubs WHERE id = ANY(?)")
                .param(clubIds.toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject(1, UUID.class), rs.getString(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The clubs a user follows or belongs to: the clubs whose CLUB rooms they may see. */
    public Set<UUID> clubsOf(UUID userId) {
        return jdbc.sql("""
                SELECT club_id FROM club_follows WHERE user_id = ?
                UNION
                SELECT club_id FROM club_members WHERE user_id = ?""")
                .params(userId, userId)
                .query(UUID.class)
                .list().stream().collect(Collectors.toSet());
    }

    public boolean followsOrBelongs(UUID userId, UUID clubId) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM club_follows WHERE user_id = ? AND club_id = ?)
                    OR EXISTS (SELECT 1 FROM club_members WHERE user_id = ? AND club_id = ?)""")
                .params(userId, clubId, userId, clubId)
                .query(Boolean.class).single();
    }

    @Override
    public List<Membership> membershipsOf(UUID userId) {
        return jdbc.sql("""
                SELECT c.id, c.name, m.role FROM club_members m JOIN clubs c ON c.id = m.club_id
                WHERE m.user_id = ? ORDER BY c.name, c.id""")
                .param(userId)
                .query((rs, n) -> new Membership(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .list();
    }

    public Optional<ClubRole> roleOf(UUID userId, UUID clubId) {
        return jdbc.sql("SELECT role FROM club_members WHERE club_id = ? AND user_id = ?")
                .params(clubId, userId)
                .query(String.class).optional().map(ClubRole::valueOf);
    }

    /** Clubs matching the terms, best first; every club is open to discovery. */
    public List<ClubHit> search(SearchTerms terms, int limit, int offset) {
        return jdbc.sql("""
                SELECT c.id, c.name, c.description, t.name, c.follower_count, c.member_count,
                       ts_rank(c.search_vector, q) AS rank
                FROM clubs c JOIN topics t ON t.id = c.topic_id, search_query(?) q
                WHERE c.search_vector @@ q
                ORDER BY rank DESC, c.id DESC
                LIMIT ? OFFSET ?""")
                .params(terms.array(), limit, offset)
                .query((rs, n) -> new ClubHit(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getInt(5), rs.getInt(6), rs.getDouble(7)))
                .list();
    }
}
