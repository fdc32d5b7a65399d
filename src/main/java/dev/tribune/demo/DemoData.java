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
import dev.tribune.stage.Seating.PanelSeat;
import dev.tribune.stage.Seating;
import dev.tribune.stage.StageRole;
import java.time.Clock;
import java.time.Duration;
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
    private final ClubService clubs;
    private final RoomService rooms;
    private final JdbcClient jdbc;
    private final Seating seating;
    private final Clock clock;

    DemoData(ObjectProvider<EmbeddedDatabase> embedded, AccountService accounts, ClubService clubs, RoomService rooms, JdbcClient jdbc,
            Seating seating, Clock clock) {
        this.seating = seating;
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
        room("Welcome to Tribune", "Say hello, raise your hand, and come up on stage.", null, Visibility.PUBLIC,
                List.of(new PanelSeat(people.get("alice"), StageRole.HOST), new PanelSeat(people.get("carol"), StageRole.MODERATOR),
                        new PanelSeat(people.get("bob"), StageRole.SPEAKER)));
        room("Shipping a self-hosted audio stack", "WebRTC, SFUs and what broke last week.", builders, Visibility.CLUB,
                List.of(new PanelSeat(people.get("alice"), StageRole.HOST)));
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

    /** Opened LIVE on mesh by its HOST (the first seat), the way people open rooms; the rest of the panel then sits down. */
    private void room(String name, String description, UUID clubId, Visibility visibility, List<PanelSeat> panel) {
        UUID id = rooms.create(signedIn(panel.getFirst().userId()), new CreateRoomRequest(name, clubId, visibility, null, "mesh", description));
        seating.seatPanel(id, panel.subList(1, panel.size()), clock.instant());
    }

    private AuthenticatedUser signedIn(UUID userId) {
        return new AuthenticatedUser(userId, false, clock.instant().plus(Duration.ofMinutes(1)));
    }

    private record Person(String username, String displayName) {
    }
}
