package dev.tribune.demo;

import dev.tribune.accounts.AccountService;
import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.clubs.ClubDtos.CreateClubRequest;
import dev.tribune.clubs.ClubRole;
import dev.tribune.clubs.ClubService;
import dev.tribune.rooms.RoomDtos.CreateRoomRequest;
import dev.tribune.rooms.RoomService;
import dev.tribune.rooms.Visibility;
import dev.tribune.shared.EmbeddedDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * Seeds a world to browse with the embedded database: people and clubs on the first start (no accounts yet), and on
 * any start with nothing upcoming, two rooms scheduled for tomorrow that their host (alice) can start. It never opens a
 * LIVE room: a live room's panel would list people who are not there, and the room would be silent. A newcomer sees
 * the live rooms real people open, or an empty hallway that invites them to create one. The accounts and their
 * password are listed in the README.
 */
@Component
@ConditionalOnBooleanProperty(name = "tribune.demo-data", matchIfMissing = true)
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "tribune-demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final ObjectProvider<EmbeddedDatabase> embedded;
    private final AccountService accounts;
    private final ClubService clubs;
    private final RoomService rooms;
    private final JdbcClient jdbc;
    private final Clock clock;

    DemoData(ObjectProvider<EmbeddedDatabase> embedded, AccountService accounts, ClubService clubs, RoomService rooms, JdbcClient jdbc,
            Clock clock) {
        this.embedded = embedded;
        this.accounts = accounts;
        this.clubs = clubs;
        this.rooms = rooms;
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
        // scheduled rooms nobody starts end after their time, so each start schedules the demo rooms again
        if (!jdbc.sql("SELECT EXISTS (SELECT 1 FROM rooms WHERE status = 'SCHEDULED')").query(Boolean.class).single()) {
            scheduleRooms();
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

    private void scheduleRooms() {
        UUID alice = jdbc.sql("SELECT id FROM users WHERE username = 'alice'").query(UUID.class).optional().orElse(null);
        UUID builders = jdbc.sql("SELECT id FROM clubs WHERE name = 'Open Source Builders'").query(UUID.class).optional().orElse(null);
        if (alice == null || builders == null) {
            return;
        }
        Instant tomorrow = clock.instant().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        room(alice, "Welcome to Tribune", "Say hello, raise your hand, and come up on stage.", null, tomorrow);
        room(alice, "Shipping a self-hosted audio stack", "WebRTC, SFUs and what broke last week.", builders,
                tomorrow.plus(Duration.ofHours(2)));
    }

    /** Made the way people make clubs: the founder creates it and names the admins, the followers follow. */
    private UUID club(String name, String description, UUID topicId, UUID founder, List<UUID> admins, List<UUID> followers) {
        UUID id = clubs.create(signedIn(founder), new CreateClubRequest(name, topicId, description)).id();
        for (UUID admin : admins) {
            clubs.putMember(signedIn(founder), id, admin, ClubRole.ADMIN);
        }
        for (UUID follower : followers) {
            clubs.follow(signedIn(follower), id);
        }
        return id;
    }

    /** Scheduled by its HOST on mesh, PUBLIC so that anyone browsing finds it under Upcoming. */
    private void room(UUID host, String name, String description, UUID clubId, Instant startsAt) {
        rooms.create(signedIn(host), new CreateRoomRequest(name, clubId, Visibility.PUBLIC, startsAt, "mesh", description));
    }

    private AuthenticatedUser signedIn(UUID userId) {
        return new AuthenticatedUser(userId, false, clock.instant().plus(Duration.ofMinutes(1)));
    }

    private record Person(String username, String displayName) {
    }
}
