package dev.tribune.demo;

import dev.tribune.accounts.AccountService;
import dev.tribune.shared.EmbeddedDatabase;
import dev.tribune.shared.Ids;
import dev.tribune.stage.Seating;
import dev.tribune.stage.Seating.PanelSeat;
import dev.tribune.stage.StageRole;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seeds a populated hallway with the embedded database: people and clubs on the first start (no accounts yet), and
 * the demo rooms on any start when nothing is live. The panel sits on the stage waiting for people to join; the
 * accounts and their password are listed in the README.
 */
@Component
@ConditionalOnBooleanProperty(name = "tribune.demo-data", matchIfMissing = true)
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "tribune-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final ObjectProvider<EmbeddedDatabase> embedded;
    private final AccountService accounts;
    private final JdbcClient jdbc;
    private final Seating seating;
    private final Clock clock;

    DemoData(ObjectProvider<EmbeddedDatabase> embedded, AccountService accounts, JdbcClient jdbc, Seating seating, Clock clock) {
        this.seating = seating;
        this.embedded = embedded;
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        // only a newcomer's own embedded database gets demo data, never a team's external one
        if (embedded.getIfAvailable() == null) {
            return;
        }
        if (!jdbc.sql("SELECT EXISTS (SELECT 1 FROM users)").query(Boolean.class).single()) {
            seedPeopleAndClubs();
        }
        // live rooms end when unused, so each start opens the demo rooms again if nothing is live
        if (!jdbc.sql("SELECT EXISTS (SELECT 1 FROM rooms WHERE status = 'LIVE')").query(Boolean.class).single()) {
            seedRooms();
        }
    }

    private void seedPeopleAndClubs() {
        Map<String, UUID> people = List.of(
                        new Person("alice", "Alice Host"), new Person("bob", "Bob Speaker"),
                        new Person("carol", "Carol Moderator"), new Person("dave", "Dave Listener"))
                .stream()
                .collect(Collectors.toMap(Person::username, p -> accounts.register(p.username(), PASSWORD, p.displayName())));
        Map<String, UUID> topics = jdbc.sql("SELECT name, id FROM topics").query((rs, n) -> Map.entry(rs.getString(1),
                rs.getObject(2, UUID.class))).list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        club("Open Source Builders", "People who ship software in the open", topics.get("Technology"),
                people.get("alice"), List.of(people.get("carol")), List.of(people.get("bob"), people.get("dave")));
        club("Late Night Jazz", "Listening sessions and stories behind the records", topics.get("Music"),
                people.get("bob"), List.of(), List.of(people.get("alice"), people.get("dave")));
        log.info("Seeded demo data: sign in as alice, bob, carol or dave with password '{}'", PASSWORD);
    }

    private void seedRooms() {
        Map<String, UUID> people = jdbc.sql("SELECT username, id FROM users WHERE username IN ('alice', 'bob', 'carol')")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getObject(2, UUID.class))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        UUID builders = jdbc.sql("SELECT id FROM clubs WHERE name = 'Open Source Builders'").query(UUID.class).optional().orElse(null);
        if (people.size() < 3 || builders == null) {
            return;
        }
        Instant now = clock.instant();
        room("Welcome to Tribune", "Say hello, raise your hand, and come up on stage.", null, "PUBLIC", now.minus(Duration.ofMinutes(2)),
                List.of(new PanelSeat(people.get("alice"), StageRole.HOST), new PanelSeat(people.get("carol"), StageRole.MODERATOR),
                        new PanelSeat(people.get("bob"), StageRole.SPEAKER)));
        room("Shipping a self-hosted audio stack", "WebRTC, SFUs and what broke last week.", builders, "CLUB", now.minus(Duration.ofMinutes(1)),
                List.of(new PanelSeat(people.get("alice"), StageRole.HOST)));
    }

    private UUID club(String name, String description, UUID topicId, UUID founder, List<UUID> admins, List<UUID> followers) {
        UUID id = Ids.newId();
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO clubs (id, name, description, topic_id, founder_id, follower_count, member_count, created_at,
                                   search_vector)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, club_search_vector(?, ?, (SELECT name FROM topics WHERE id = ?)))""")
                .params(id, name, description, topicId, founder, followers.size(), 1 + admins.size(), now,
                        name, description, topicId)
                .update();
        jdbc.sql("INSERT INTO club_members (club_id, user_id, role, joined_at) VALUES (?, ?, 'ADMIN', ?)").params(id, founder, now).update();
        for (UUID admin : admins) {
            jdbc.sql("INSERT INTO club_members (club_id, user_id, role, joined_at) VALUES (?, ?, 'ADMIN', ?)").params(id, admin, now).update();
        }
        for (UUID follower : followers) {
            jdbc.sql("INSERT INTO club_follows (user_id, club_id, followed_at) VALUES (?, ?, ?)").params(follower, id, now).update();
        }
        return id;
    }

    private void room(String name, String description, UUID clubId, String visibility, Instant startedAt, List<PanelSeat> panel) {
        UUID id = Ids.newId();
        Timestamp started = Timestamp.from(startedAt);
        jdbc.sql("""
                INSERT INTO rooms (id, name, description, club_id, visibility, status, created_by, provider, created_at,
                                   started_at, last_joined_at, search_vector)
                VALUES (?, ?, ?, ?, ?, 'LIVE', ?, 'mesh', ?, ?, ?, room_search_vector(?, ?,
                        (SELECT c.name || ' ' || t.name FROM clubs c JOIN topics t ON t.id = c.topic_id WHERE c.id = ?)))""")
                .params(id, name, description, clubId, visibility, panel.getFirst().userId(), started, started, started,
                        name, description, clubId)
                .update();
        seating.seatPanel(id, panel, startedAt);
    }

    private record Person(String username, String displayName) {
    }
}
