package dev.tribune.rooms;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.UserDirectory;
import dev.tribune.clubs.ClubDirectory;
import dev.tribune.clubs.ClubHit;
import dev.tribune.rooms.RoomDtos.ClubCard;
import dev.tribune.rooms.RoomDtos.RoomCard;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.Cursors;
import dev.tribune.shared.Page;
import dev.tribune.shared.SearchTerms;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hallway feeds and search. Every feed is one indexed, keyset-paged read of the rooms table (partial indexes
 * on LIVE and SCHEDULED rooms), with counts and the panel preview taken from the room row: a page touches O(page)
 * rows however many participants the rooms hold. The caller's clubs (follows and memberships) are read once and
 * passed in as an array.
 */
@Service
class Hallway {

    enum Feed {
        ALL, FOLLOWING, SCHEDULED;

        /** The feed a {@code feed} parameter names, in any case; 400 for any other word. */
        static Feed named(String feed) {
            return switch (feed.toLowerCase(Locale.ROOT)) {
                case "all" -> ALL;
                case "following" -> FOLLOWING;
                case "scheduled" -> SCHEDULED;
                default -> throw ApiException.invalid("feed", "must be one of all, following, scheduled");
            };
        }
    }

    private static final Instant FAR_FUTURE = Instant.parse("9999-01-01T00:00:00Z");
    private static final UUID MAX_ID = new UUID(-1L, -1L);
    private static final UUID MIN_ID = new UUID(0L, 0L);

    private final JdbcClient jdbc;
    private final ClubDirectory clubs;
    private final RoomCards cards;
    private final UserDirectory users;

    Hallway(JdbcClient jdbc, ClubDirectory clubs, RoomCards cards, UserDirectory users) {
        this.jdbc = jdbc;
        this.users = users;
        this.clubs = clubs;
        this.cards = cards;
    }

    @Transactional(readOnly = true)
    Page<RoomCard> feed(AuthenticatedUser caller, Feed feed, int limit, String cursor) {
        UUID[] myClubs = myClubs(caller);
        String[] people = feed != Feed.FOLLOWING || caller.guest() ? new String[0]
                : users.followedBy(caller.id()).stream().map(UUID::toString).toArray(String[]::new);
        String list = "feed-" + feed.name().toLowerCase();
        Cursors.Key after = Cursors.key(cursor, list,
                feed == Feed.SCHEDULED ? new Cursors.Key(Instant.EPOCH, MIN_ID) : new Cursors.Key(FAR_FUTURE, MAX_ID));
        String sql = switch (feed) {
            // the plain bound beside each row comparison is for the planner, which cannot estimate a row
            // comparison and would otherwise sort every candidate instead of reading the index in order
            case ALL -> """
                    SELECT %1$s FROM rooms r
                    WHERE r.status = 'LIVE'
                      AND (r.visibility = 'PUBLIC' OR (r.visibility = 'CLUB' AND r.club_id = ANY(:clubs)))
                      AND r.started_at <= :at AND (r.started_at, r.id) < (:at, :id)
                    ORDER BY r.started_at DESC, r.id DESC
                    LIMIT :limit""";
            // index-ordered reads merged: PUBLIC rooms outside any club (their own partial index), the rooms of the
            // caller's clubs, and, when the caller follows people, the PUBLIC rooms of other clubs with one of them
            // on the panel preview (the room row's copy of the panel up to its sixth seat, so rooms need not ask
            // the stage row by row); the three never find the same room
            case FOLLOWING -> """
                    SELECT * FROM (
                        (SELECT %1$s FROM rooms r
                         WHERE r.status = 'LIVE' AND r.club_id IS NULL AND r.visibility = 'PUBLIC'
                           AND r.started_at <= :at AND (r.started_at, r.id) < (:at, :id)
                         ORDER BY r.started_at DESC, r.id DESC LIMIT :limit)
                        UNION ALL
                        (SELECT %1$s FROM rooms r
                         WHERE r.status = 'LIVE' AND r.club_id = ANY(:clubs) AND r.visibility <> 'PRIVATE'
                           AND r.started_at <= :at AND (r.started_at, r.id) < (:at, :id)
                         ORDER BY r.started_at DESC, r.id DESC LIMIT :limit)%2$s) r
                    ORDER BY r.started_at DESC, r.id DESC
                    LIMIT :limit """.formatted("%1$s", people.length == 0 ? "" : """
                        UNION ALL
                        (SELECT %1$s FROM rooms r
                         WHERE r.status = 'LIVE' AND r.club_id IS NOT NULL AND r.visibility = 'PUBLIC'
                           AND NOT r.club_id = ANY(:clubs)
                           AND EXISTS (SELECT 1 FROM jsonb_array_elements(r.panel_preview) seat
                                       WHERE seat ->> 'userId' = ANY(:people))
                           AND r.started_at <= :at AND (r.started_at, r.id) < (:at, :id)
                         ORDER BY r.started_at DESC, r.id DESC LIMIT :limit)""");
            case SCHEDULED -> """
                    SELECT %1$s FROM rooms r
                    WHERE r.status = 'SCHEDULED'
                      AND (r.visibility = 'PUBLIC' OR (r.visibility = 'CLUB' AND r.club_id = ANY(:clubs)))
                      AND r.scheduled_for >= :at AND (r.scheduled_for, r.id) > (:at, :id)
                    ORDER BY r.scheduled_for, r.id
                    LIMIT :limit""";
        };
        var statement = jdbc.sql(sql.formatted(Room.COLUMNS));
        if (people.length > 0) {
            statement = statement.param("people", people);
        }
        List<Room> rows = statement
                .param("clubs", myClubs).param("at", Timestamp.from(after.at())).param("id", after.id()).param("limit", limit + 1)
                .query(Room::map).list();
        boolean more = rows.size() > limit;
        List<Room> shown = more ? rows.subList(0, limit) : rows;
        String next = null;
        if (more) {
            Room last = shown.getLast();
            Instant lastAt = feed == Feed.SCHEDULED ? last.scheduledFor() : last.startedAt();
            next = Cursors.encode(list, lastAt, last.id());
        }
        return new Page<>(cards.cards(shown), next);
    }

    /** A club's LIVE rooms (newest first) then its SCHEDULED ones (soonest first), as the caller may see them. */
    @Transactional(readOnly = true)
    Page<RoomCard> clubRooms(AuthenticatedUser caller, UUID clubId, int limit, String cursor) {
        clubs.find(clubId).orElseThrow(() -> ApiException.notFound("No such club."));
        boolean insider = !caller.guest() && clubs.followsOrBelongs(caller.id(), clubId);
        int offset = cursor == null ? 0 : Cursors.offset(Cursors.decode(cursor, "club-rooms", 1).getFirst());
        List<Room> rows = jdbc.sql("""
                SELECT %s FROM rooms r
                WHERE r.club_id = :club AND r.status IN ('LIVE', 'SCHEDULED')
                  AND (r.visibility = 'PUBLIC' OR (r.visibility = 'CLUB' AND :insider))
                ORDER BY r.status = 'SCHEDULED', r.started_at DESC, r.scheduled_for, r.id
                LIMIT :limit OFFSET :offset""".formatted(Room.COLUMNS))
                .param("club", clubId).param("insider", insider).param("limit", limit + 1).param("offset", offset)
                .query(Room::map).list();
        return Page.of(cards.cards(rows), limit, last -> Cursors.encode("club-rooms", Integer.toString(offset + limit)), c -> c);
    }

    enum Kind {
        ROOMS, CLUBS;

        /** The kind a {@code type} parameter names, in any case (null for both); 400 for any other word. */
        static Kind named(String type) {
            return type == null ? null : switch (type.toLowerCase(Locale.ROOT)) {
                case "rooms" -> ROOMS;
                case "clubs" -> CLUBS;
                default -> throw ApiException.invalid("type", "must be rooms or clubs");
            };
        }
    }

    /**
     * LIVE and SCHEDULED rooms the caller may see (never PRIVATE ones) and clubs, by full-text match on names,
     * descriptions, club and topic names; best match first. Without a kind, both, merged by rank.
     */
    @Transactional(readOnly = true)
    Page<Object> search(AuthenticatedUser caller, String q, Kind kind, int limit, String cursor) {
        SearchTerms terms = SearchTerms.parse("q", q);
        int offset = cursor == null ? 0 : Cursors.offset(Cursors.decode(cursor, "search", 1).getFirst());
        int window = offset + limit + 1;
        List<Ranked> hits = new ArrayList<>();
        if (kind != Kind.CLUBS) {
            UUID[] myClubs = myClubs(caller);
            record RoomHit(Room room, double rank) {
            }
            List<RoomHit> rooms = jdbc.sql("""
                    SELECT %s, ts_rank(r.search_vector, query) AS rank
                    FROM rooms r, search_query(:q) query
                    WHERE r.status IN ('LIVE', 'SCHEDULED') AND r.search_vector @@ query
                      AND (r.visibility = 'PUBLIC' OR (r.visibility = 'CLUB' AND r.club_id = ANY(:clubs)))
                    ORDER BY rank DESC, r.id DESC
                    LIMIT :window""".formatted(Room.COLUMNS))
                    .param("q", terms.array()).param("clubs", myClubs).param("window", window)
                    .query((rs, n) -> new RoomHit(Room.map(rs, n), rs.getDouble("rank"))).list();
            List<RoomCard> roomCards = cards.cards(rooms.stream().map(RoomHit::room).toList());
            for (int i = 0; i < rooms.size(); i++) {
                hits.add(new Ranked(roomCards.get(i), rooms.get(i).rank(), rooms.get(i).room().id()));
            }
        }
        if (kind != Kind.ROOMS) {
            for (ClubHit club : clubs.search(terms, window, 0)) {
                hits.add(new Ranked(new ClubCard("club", club.id(), club.name(), club.description(), club.topicName(),
                        club.followerCount(), club.memberCount()), club.rank(), club.id()));
            }
        }
        hits.sort(Comparator.comparingDouble(Ranked::rank).reversed().thenComparing(Ranked::id, Comparator.reverseOrder()));
        List<Object> window2 = hits.stream().skip(offset).limit(limit + 1L).map(Ranked::item).toList();
        return Page.of(window2, limit, last -> Cursors.encode("search", Integer.toString(offset + limit)), item -> item);
    }

    private record Ranked(Object item, double rank, UUID id) {
    }

    private UUID[] myClubs(AuthenticatedUser caller) {
        Set<UUID> mine = caller.guest() ? Set.of() : clubs.clubsOf(caller.id());
        return mine.toArray(UUID[]::new);
    }
}
