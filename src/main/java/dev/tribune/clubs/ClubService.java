package dev.tribune.clubs;

import dev.tribune.accounts.AccountDeleted;
import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.UserDirectory;
import dev.tribune.accounts.UserRef;
import dev.tribune.clubs.ClubDtos.ClubCard;
import dev.tribune.clubs.ClubDtos.ClubView;
import dev.tribune.clubs.ClubDtos.CreateClubRequest;
import dev.tribune.clubs.ClubDtos.MemberView;
import dev.tribune.clubs.ClubDtos.PersonView;
import dev.tribune.clubs.ClubDtos.TopicRef;
import dev.tribune.clubs.ClubDtos.TopicView;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.Cursors;
import dev.tribune.shared.Ids;
import dev.tribune.shared.Page;
import dev.tribune.shared.SearchTerms;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Clubs, their members and followers. Follower and member counts live on the club row and move in the same
 * statement-level transaction as the row that changes them, and only when a row really changed, so concurrent and
 * repeated follows keep them exact.
 */
@Service
public class ClubService {

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final Clock clock;

    ClubService(JdbcClient jdbc, UserDirectory users, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
    }

    private record ClubRow(UUID id, String name, String description, UUID topicId, String topicName, UUID founderId,
            int followerCount, int memberCount, Instant createdAt) {
    }

    private static final String CLUB_COLUMNS = """
            c.id, c.name, c.description, c.topic_id, t.name AS topic_name, c.founder_id, c.follower_count, c.member_count,
            c.created_at""";

    private static ClubRow clubRow(ResultSet rs) throws SQLException {
        return new ClubRow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                rs.getObject("topic_id", UUID.class), rs.getString("topic_name"), rs.getObject("founder_id", UUID.class),
                rs.getInt("follower_count"), rs.getInt("member_count"), rs.getTimestamp("created_at").toInstant());
    }

    @Transactional(readOnly = true)
    Page<TopicView> topics(int limit, String cursor) {
        String after = cursor == null ? "" : Cursors.decode(cursor, "topics", 1).getFirst();
        List<TopicView> rows = jdbc.sql("SELECT id, name, description FROM topics WHERE name > ? ORDER BY name LIMIT ?")
                .params(after, limit + 1)
                .query((rs, n) -> new TopicView(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .list();
        return Page.of(rows, limit, t -> Cursors.encode("topics", t.name()), t -> t);
    }

    @Transactional
    public ClubView create(AuthenticatedUser caller, CreateClubRequest request) {
        requireNotGuest(caller, "Guests cannot create clubs: sign up first.");
        String topicName = jdbc.sql("SELECT name FROM topics WHERE id = ?").param(request.topicId()).query(String.class)
                .optional().orElseThrow(() -> ApiException.invalid("topicId", "is not a known topic"));
        UUID id = Ids.newId();
        Timestamp now = Timestamp.from(clock.instant());
        String description = request.description() == null ? "" : request.description().strip();
        jdbc.sql("""
                INSERT INTO clubs (id, name, description, topic_id, founder_id, member_count, created_at, search_vector)
                VALUES (?, ?, ?, ?, ?, 1, ?, club_search_vector(?, ?, ?))""")
                .params(id, request.name().strip(), description, request.topicId(), caller.id(), now,
                        request.name().strip(), description, topicName)
                .update();
        jdbc.sql("INSERT INTO club_members (club_id, user_id, role, joined_at) VALUES (?, ?, 'ADMIN', ?)")
                .params(id, caller.id(), now).update();
        return view(caller, id);
    }

    @Transactional(readOnly = true)
    ClubView view(AuthenticatedUser caller, UUID clubId) {
        ClubRow club = club(clubId);
        UserRef founder = users.findAll(List.of(club.founderId())).get(club.founderId());
        ClubRole mine = jdbc.sql("SELECT role FROM club_members WHERE club_id = ? AND user_id = ?")
                .params(clubId, caller.id()).query(String.class).optional().map(ClubRole::valueOf).orElse(null);
        boolean following = jdbc.sql("SELECT EXISTS (SELECT 1 FROM club_follows WHERE club_id = ? AND user_id = ?)")
                .params(clubId, caller.id()).query(Boolean.class).single();
        return new ClubView(club.id(), club.name(), club.description(), new TopicRef(club.topicId(), club.topicName()),
                PersonView.of(founder), club.followerCount(), club.memberCount(), mine, following, club.createdAt());
    }

    /**
     * Discovery: with words, best match first (offset-paged, since ranks do not page by key); without, newest first
     * (keyset-paged on the time-ordered id). Either can be narrowed to one topic.
     */
    @Transactional(readOnly = true)
    Page<ClubCard> discover(String q, UUID topicId, int limit, String cursor) {
        if (q != null && !q.isBlank()) {
            SearchTerms terms = SearchTerms.parse("q", q);
            int offset = cursor == null ? 0 : Cursors.offset(Cursors.decode(cursor, "clubs-q", 1).getFirst());
            List<ClubRow> rows = jdbc.sql("SELECT " + CLUB_COLUMNS + """
                     FROM clubs c JOIN topics t ON t.id = c.topic_id, search_query(:q) query
                    WHERE c.search_vector @@ query AND (CAST(:topic AS uuid) IS NULL OR c.topic_id = :topic)
                    ORDER BY ts_rank(c.search_vector, query) DESC, c.id DESC
                    LIMIT :limit OFFSET :offset""")
                    .param("q", terms.array()).param("topic", topicId).param("limit", limit + 1).param("offset", offset)
                    .query((rs, n) -> clubRow(rs)).list();
            return Page.of(rows, limit, last -> Cursors.encode("clubs-q", Integer.toString(offset + limit)), ClubService::card);
        }
        UUID before = cursor == null ? null : Cursors.uuid(Cursors.decode(cursor, "clubs", 1).getFirst());
        List<ClubRow> rows = jdbc.sql("SELECT " + CLUB_COLUMNS + """
                 FROM clubs c JOIN topics t ON t.id = c.topic_id
                WHERE (CAST(:topic AS uuid) IS NULL OR c.topic_id = :topic)
                  AND (CAST(:before AS uuid) IS NULL OR c.id < :before)
                ORDER BY c.id DESC
                LIMIT :limit""")
                .param("topic", topicId).param("before", before).param("limit", limit + 1)
                .query((rs, n) -> clubRow(rs)).list();
        return Page.of(rows, limit, last -> Cursors.encode("clubs", last.id().toString()), ClubService::card);
    }

    @Transactional(readOnly = true)
    Page<MemberView> members(UUID clubId, int limit, String cursor) {
        club(clubId);
        Cursors.Key after = Cursors.key(cursor, "members", new Cursors.Key(Instant.EPOCH, new UUID(0, 0)));
        record Row(UUID userId, ClubRole role, Instant joinedAt) {
        }
        List<Row> rows = jdbc.sql("""
                SELECT user_id, role, joined_at FROM club_members
                WHERE club_id = ? AND (joined_at, user_id) > (?, ?)
                ORDER BY joined_at, user_id LIMIT ?""")
                .params(clubId, Timestamp.from(after.at()), after.id(), limit + 1)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), ClubRole.valueOf(rs.getString(2)), rs.getTimestamp(3).toInstant()))
                .list();
        Map<UUID, UserRef> people = users.findAll(rows.stream().map(Row::userId).toList());
        return Page.of(rows, limit, last -> Cursors.encode("members", last.joinedAt(), last.userId()),
                row -> new MemberView(PersonView.of(people.get(row.userId())), row.role(), row.joinedAt()));
    }

    @Transactional
    public void follow(AuthenticatedUser caller, UUID clubId) {
        requireNotGuest(caller, "Guests cannot follow clubs: sign up first.");
        club(clubId);
        int added = jdbc.sql("INSERT INTO club_follows (user_id, club_id, followed_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
                .params(caller.id(), clubId, Timestamp.from(clock.instant())).update();
        if (added == 1) {
            jdbc.sql("UPDATE clubs SET follower_count = follower_count + 1 WHERE id = ?").param(clubId).update();
        }
    }

    @Transactional
    void unfollow(AuthenticatedUser caller, UUID clubId) {
        requireNotGuest(caller, "Guests cannot follow clubs: sign up first.");
        club(clubId);
        unfollow(caller.id(), clubId);
    }

    private void unfollow(UUID userId, UUID clubId) {
        int removed = jdbc.sql("DELETE FROM club_follows WHERE user_id = ? AND club_id = ?").params(userId, clubId).update();
        if (removed == 1) {
            jdbc.sql("UPDATE clubs SET follower_count = follower_count - 1 WHERE id = ?").param(clubId).update();
        }
    }

    /** Adds a member or changes a member's role; club ADMINs only. */
    @Transactional
    public void putMember(AuthenticatedUser caller, UUID clubId, UUID userId, ClubRole role) {
        lockClub(clubId);
        requireAdmin(caller, clubId);
        UserRef user = users.find(userId).orElseThrow(() -> ApiException.notFound("No such user."));
        if (user.guest()) {
            throw ApiException.conflict("Guests cannot join clubs.");
        }
        Optional<ClubRole> current = roleOf(clubId, userId);
        if (current.isEmpty()) {
            jdbc.sql("INSERT INTO club_members (club_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)")
                    .params(clubId, userId, role.name(), Timestamp.from(clock.instant())).update();
            jdbc.sql("UPDATE clubs SET member_count = member_count + 1 WHERE id = ?").param(clubId).update();
        } else if (current.get() != role) {
            if (current.get() == ClubRole.ADMIN) {
                requireAnotherAdmin(clubId, userId, "A club needs an ADMIN: make someone else ADMIN first.");
            }
            jdbc.sql("UPDATE club_members SET role = ? WHERE club_id = ? AND user_id = ?").params(role.name(), clubId, userId).update();
        }
    }

    /** Removes a member: a club ADMIN removing someone, or a member leaving. The last ADMIN cannot go. */
    @Transactional
    void removeMember(AuthenticatedUser caller, UUID clubId, UUID userId) {
        lockClub(clubId);
        boolean leaving = caller.id().equals(userId);
        if (!leaving) {
            requireAdmin(caller, clubId);
        }
        Optional<ClubRole> current = roleOf(clubId, userId);
        if (current.isEmpty()) {
            if (leaving) {
                return;
            }
            throw ApiException.notFound("That user is not a member of this club.");
        }
        if (current.get() == ClubRole.ADMIN) {
            requireAnotherAdmin(clubId, userId, leaving
                    ? "Name another ADMIN before you leave the club."
                    : "A club needs an ADMIN: make someone else ADMIN first.");
        }
        deleteMembership(clubId, userId);
    }

    private void deleteMembership(UUID clubId, UUID userId) {
        int removed = jdbc.sql("DELETE FROM club_members WHERE club_id = ? AND user_id = ?").params(clubId, userId).update();
        if (removed == 1) {
            jdbc.sql("UPDATE clubs SET member_count = member_count - 1 WHERE id = ?").param(clubId).update();
        }
    }

    /** A deleted account no longer follows or belongs to anything; the counts follow. */
    @EventListener
    void on(AccountDeleted deleted) {
        jdbc.sql("SELECT club_id FROM club_follows WHERE user_id = ?").param(deleted.userId()).query(UUID.class).list()
                .forEach(club -> unfollow(deleted.userId(), club));
        jdbc.sql("SELECT club_id FROM club_members WHERE user_id = ?").param(deleted.userId()).query(UUID.class).list()
                .forEach(club -> deleteMembership(club, deleted.userId()));
    }

    private ClubRow club(UUID clubId) {
        return jdbc.sql("SELECT " + CLUB_COLUMNS + " FROM clubs c JOIN topics t ON t.id = c.topic_id WHERE c.id = ?")
                .param(clubId).query((rs, n) -> clubRow(rs)).optional()
                .orElseThrow(() -> ApiException.notFound("No such club."));
    }

    /** Membership changes of one club are serialised, so two admins cannot both step down and leave it without one. */
    private void lockClub(UUID clubId) {
        jdbc.sql("SELECT id FROM clubs WHERE id = ? FOR UPDATE").param(clubId).query(UUID.class).optional()
                .orElseThrow(() -> ApiException.notFound("No such club."));
    }

    private Optional<ClubRole> roleOf(UUID clubId, UUID userId) {
        return jdbc.sql("SELECT role FROM club_members WHERE club_id = ? AND user_id = ?").params(clubId, userId)
                .query(String.class).optional().map(ClubRole::valueOf);
    }

    private void requireAdmin(AuthenticatedUser caller, UUID clubId) {
        if (roleOf(clubId, caller.id()).orElse(null) != ClubRole.ADMIN) {
            throw ApiException.forbidden("Only the club's ADMINs can manage its members.");
        }
    }

    private void requireAnotherAdmin(UUID clubId, UUID userId, String detail) {
        boolean another = jdbc.sql("SELECT EXISTS (SELECT 1 FROM club_members WHERE club_id = ? AND role = 'ADMIN' AND user_id <> ?)")
                .params(clubId, userId).query(Boolean.class).single();
        if (!another) {
            throw ApiException.conflict(detail);
        }
    }

    private static void requireNotGuest(AuthenticatedUser caller, String detail) {
        if (caller.guest()) {
            throw ApiException.forbidden(detail);
        }
    }

    private static ClubCard card(ClubRow row) {
        return new ClubCard(row.id(), row.name(), row.description(), new TopicRef(row.topicId(), row.topicName()),
                row.followerCount(), row.memberCount());
    }
}
