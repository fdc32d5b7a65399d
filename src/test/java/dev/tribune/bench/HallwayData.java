package dev.tribune.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Generates the hallway benchmark's world in Tribune's schema, set-based in SQL: 50,000 users, 5,000 clubs,
 * 100,000 rooms (20,000 LIVE, 2,000 SCHEDULED), about 2,000,000 participants (most rooms small, 30 LIVE rooms with
 * 5,000 to 14,000) and about 500,000 follows (8,824 users following 10 to 199 clubs, popular clubs more often).
 * The bench schema keeps each row's ordinal so the tutorial's copy can use the same numbers as ids.
 */
final class HallwayData {

    private HallwayData() {
    }

    static final String WORDS = "(ARRAY['jazz','startup','python','football','poetry','design','crypto','cooking','travel','science',"
            + "'history','gaming','fitness','music','film','books','language','parenting','finance','health','comedy','art',"
            + "'photography','space','climate','coding','career','fashion','theatre','running','chess','anime','podcast',"
            + "'history','politics','philosophy','gardening','coffee','wine','hiking'])";

    static void generate(Connection db) throws SQLException {
        try (Statement sql = db.createStatement()) {
            run(sql, "SELECT setseed(0.42)");
            run(sql, "CREATE SCHEMA bench");
            run(sql, "INSERT INTO topics (id, name, description) SELECT uuidv7(), 'Bench topic ' || g, 'Topic ' || g "
                    + "FROM generate_series(1, 40) g");
            run(sql, "CREATE TABLE bench.t AS SELECT row_number() OVER (ORDER BY name) AS n, id FROM topics");
            run(sql, "INSERT INTO users (id, username, display_name, created_at) "
                    + "SELECT uuidv7(), 'bench' || g, 'Bench User ' || g, now() - interval '90 days' FROM generate_series(1, 50000) g");
            run(sql, "CREATE TABLE bench.u AS SELECT substr(username, 6)::int AS n, id FROM users WHERE username LIKE 'bench%'");
            run(sql, "CREATE UNIQUE INDEX ON bench.u (n)");

            run(sql, "CREATE TABLE bench.c AS SELECT g AS n, uuidv7() AS id, 1 + (random() * 49)::int AS topic, "
                    + "1 + ((g * 7919) % 50000) AS founder, "
                    + WORDS + "[1 + (random() * 39)::int] AS w1, " + WORDS + "[1 + (random() * 39)::int] AS w2 "
                    + "FROM generate_series(1, 5000) g");
            run(sql, "CREATE UNIQUE INDEX ON bench.c (n)");
            run(sql, """
                    INSERT INTO clubs (id, name, description, topic_id, founder_id, created_at)
                    SELECT c.id, initcap(c.w1) || ' ' || initcap(c.w2) || ' club ' || c.n, 'A club about ' || c.w1 || ' and ' || c.w2,
                           t.id, u.id, now() - interval '80 days'
                    FROM bench.c c JOIN bench.t t ON t.n = c.topic JOIN bench.u u ON u.n = c.founder""");
            run(sql, """
                    INSERT INTO club_members (club_id, user_id, role, joined_at)
                    SELECT c.id, u.id, 'ADMIN', now() - interval '80 days' FROM bench.c c JOIN bench.u u ON u.n = c.founder""");
            run(sql, """
                    INSERT INTO club_members (club_id, user_id, role, joined_at)
                    SELECT c.id, u.id, 'MEMBER', now() - interval '70 days'
                    FROM bench.c c CROSS JOIN LATERAL generate_series(1, (random() ^ 2 * 20)::int) k
                    JOIN bench.u u ON u.n = 1 + ((c.n * 104729 + k * 4729) % 50000)
                    ON CONFLICT DO NOTHING""");
            // 8,824 followers, each following 10-199 clubs; where they start is skewed toward popular clubs
            run(sql, """
                    INSERT INTO club_follows (user_id, club_id, followed_at)
                    SELECT u.id, c.id, now() - interval '60 days'
                    FROM (SELECT f, 10 + (189 * random() ^ 3.05)::int AS how_many, (4999 * random() ^ 2)::int AS first
                          FROM generate_series(1, 8824) f) fan
                    CROSS JOIN LATERAL generate_series(0, fan.how_many - 1) j
                    JOIN bench.u u ON u.n = 1 + ((fan.f * 5) % 50000)
                    JOIN bench.c c ON c.n = 1 + ((fan.first + j * 37) % 5000)
                    ON CONFLICT DO NOTHING""");
            run(sql, """
                    UPDATE clubs c SET follower_count = (SELECT count(*) FROM club_follows f WHERE f.club_id = c.id),
                                       member_count = (SELECT count(*) FROM club_members m WHERE m.club_id = c.id),
                                       search_vector = club_search_vector(c.name, c.description, t.name)
                    FROM topics t WHERE t.id = c.topic_id""");

            // rooms: 20% outside any club; club rooms 65% PUBLIC, 30% CLUB, 5% PRIVATE
            run(sql, "CREATE TABLE bench.r AS SELECT g AS n, uuidv7() AS id, "
                    + "CASE WHEN g % 5 = 0 THEN NULL ELSE 1 + (4999 * random() ^ 1.5)::int END AS club, random() AS v, "
                    + "'ENDED'::text AS status, 2 + (61 * random() ^ 3)::int AS size, "
                    + WORDS + "[1 + (random() * 39)::int] AS w1, " + WORDS + "[1 + (random() * 39)::int] AS w2 "
                    + "FROM generate_series(1, 100000) g");
            run(sql, "CREATE UNIQUE INDEX ON bench.r (n)");
            run(sql, "UPDATE bench.r SET status = 'LIVE' WHERE n IN (SELECT n FROM bench.r ORDER BY random() LIMIT 20000)");
            run(sql, "UPDATE bench.r SET status = 'SCHEDULED', size = 1 "
                    + "WHERE n IN (SELECT n FROM bench.r WHERE status = 'ENDED' ORDER BY random() LIMIT 2000)");
            run(sql, "UPDATE bench.r SET size = 5000 + (9000 * random())::int "
                    + "WHERE n IN (SELECT n FROM bench.r WHERE status = 'LIVE' ORDER BY random() LIMIT 30)");
            run(sql, """
                    INSERT INTO rooms (id, name, description, club_id, visibility, status, created_by, provider, invite_code,
                                       scheduled_for, started_at, ended_at, created_at)
                    SELECT r.id, initcap(r.w1) || ' and ' || r.w2 || ' ' || r.n, 'Talking about ' || r.w1 || ' and ' || r.w2,
                           c.id,
                           CASE WHEN r.club IS NULL OR r.v < 0.65 THEN 'PUBLIC' WHEN r.v < 0.95 THEN 'CLUB' ELSE 'PRIVATE' END,
                           r.status, host.id, 'mesh',
                           CASE WHEN r.club IS NOT NULL AND r.v >= 0.95 THEN md5(r.id::text) END,
                           CASE WHEN r.status = 'SCHEDULED' THEN now() + random() * interval '7 days' END,
                           CASE WHEN r.status = 'LIVE' THEN now() - random() * interval '6 hours'
                                WHEN r.status = 'ENDED' THEN now() - interval '6 hours' - random() * interval '60 days' END,
                           CASE WHEN r.status = 'ENDED' THEN now() - interval '5 hours' END,
                           now() - interval '61 days'
                    FROM bench.r r LEFT JOIN bench.c c ON c.n = r.club JOIN bench.u host ON host.n = 1 + ((r.n * 7919 + 4729) % 50000)""");
            run(sql, "UPDATE rooms SET ended_at = started_at + interval '1 hour' WHERE status = 'ENDED'");
            // participant k of room n is user 1 + ((n * 7919 + k * 4729) % 50000): distinct within a room
            run(sql, """
                    INSERT INTO participants (room_id, user_id, role, present, first_joined_at, joined_at, role_since, left_at, muted)
                    SELECT room.id, u.id,
                           CASE WHEN k = 1 THEN 'HOST' WHEN k = 2 AND r.size > 3 THEN 'MODERATOR'
                                WHEN k <= 2 + r.n % 4 THEN 'SPEAKER' ELSE 'AUDIENCE' END,
                           room.status = 'LIVE',
                           coalesce(room.started_at, room.created_at) + k * interval '1 second',
                           coalesce(room.started_at, room.created_at) + k * interval '1 second',
                           coalesce(room.started_at, room.created_at) + k * interval '1 second',
                           room.ended_at, true
                    FROM bench.r r JOIN rooms room ON room.id = r.id
                    CROSS JOIN LATERAL generate_series(1, r.size) k
                    JOIN bench.u u ON u.n = 1 + ((r.n * 7919 + k * 4729) % 50000)""");
            run(sql, """
                    UPDATE rooms r SET participant_count = s.present, speaker_count = s.panel, audience_count = s.audience,
                                       last_joined_at = s.last_join
                    FROM (SELECT room_id, count(*) FILTER (WHERE present) AS present,
                                 count(*) FILTER (WHERE role <> 'AUDIENCE' AND left_at IS NULL) AS panel,
                                 count(*) FILTER (WHERE present AND role = 'AUDIENCE') AS audience,
                                 max(joined_at) AS last_join
                          FROM participants GROUP BY room_id) s
                    WHERE r.id = s.room_id""");
            run(sql, """
                    UPDATE rooms r SET panel_preview = coalesce((
                        SELECT jsonb_agg(jsonb_build_object('userId', s.user_id, 'displayName', s.display_name, 'role', s.role)
                                         ORDER BY s.rank)
                        FROM (SELECT p.user_id, u.display_name, p.role,
                                     row_number() OVER (ORDER BY CASE p.role WHEN 'HOST' THEN 0 WHEN 'MODERATOR' THEN 1 ELSE 2 END,
                                                        p.role_since, p.user_id) AS rank
                              FROM participants p JOIN users u ON u.id = p.user_id
                              WHERE p.room_id = r.id AND p.role <> 'AUDIENCE' AND p.left_at IS NULL
                              ORDER BY rank LIMIT 6) s), '[]'::jsonb)
                    WHERE r.status IN ('LIVE', 'SCHEDULED')""");
            run(sql, """
                    UPDATE rooms r SET search_vector = room_search_vector(r.name, r.description, coalesce(
                        (SELECT c.name || ' ' || t.name FROM clubs c JOIN topics t ON t.id = c.topic_id WHERE c.id = r.club_id), ''))""");
            run(sql, "VACUUM ANALYZE");
        }
    }

    /** The same world in the tutorial's schema (ops/bench/hallway/baseline/seed-hallway.sql), numbered by the bench ordinals. */
    static void copyToTutorial(Connection db, String tutorialSchemaDdl) throws SQLException {
        try (Statement sql = db.createStatement()) {
            run(sql, "CREATE SCHEMA tutorial");
            run(sql, "SET search_path TO tutorial");
            run(sql, tutorialSchemaDdl);
            run(sql, "SET search_path TO public");
            run(sql, "INSERT INTO tutorial.topics (id, name, description) OVERRIDING SYSTEM VALUE "
                    + "SELECT t.n, tp.name, tp.description FROM bench.t t JOIN topics tp ON tp.id = t.id");
            run(sql, "INSERT INTO tutorial.users (id, username, email, name, join_date) OVERRIDING SYSTEM VALUE "
                    + "SELECT u.n, us.username, us.username || '@example.com', us.display_name, us.created_at "
                    + "FROM bench.u u JOIN users us ON us.id = u.id");
            run(sql, "INSERT INTO tutorial.clubs (id, founder_id, name, topic_id, date) OVERRIDING SYSTEM VALUE "
                    + "SELECT c.n, c.founder, cl.name, c.topic, cl.created_at FROM bench.c c JOIN clubs cl ON cl.id = c.id");
            run(sql, "INSERT INTO tutorial.rooms (id, name, club_id, date) OVERRIDING SYSTEM VALUE "
                    + "SELECT r.n, ro.name, r.club, coalesce(ro.started_at, ro.scheduled_for, ro.created_at) "
                    + "FROM bench.r r JOIN rooms ro ON ro.id = r.id");
            run(sql, "INSERT INTO tutorial.followers (club_id, user_id) "
                    + "SELECT c.n, u.n FROM club_follows f JOIN bench.c c ON c.id = f.club_id JOIN bench.u u ON u.id = f.user_id");
            run(sql, "INSERT INTO tutorial.participants (room_id, user_id, role, join_date) "
                    + "SELECT r.n, u.n, p.role, p.joined_at FROM participants p "
                    + "JOIN bench.r r ON r.id = p.room_id JOIN bench.u u ON u.id = p.user_id");
            run(sql, "VACUUM ANALYZE");
        }
    }

    private static void run(Statement sql, String statement) throws SQLException {
        sql.execute(statement);
    }
}
