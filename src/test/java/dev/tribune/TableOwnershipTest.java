package dev.tribune;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table has one owning module that writes it (STYLE.md rule 11); other modules ask the owner or react to its
 * events. Spring Modulith cannot see shared tables, so this test reads the SQL in the main sources: every
 * {@code INSERT INTO}, {@code UPDATE} and {@code DELETE FROM} of a table must stand in its owner's package (adapters
 * count as media). The writes that break the rule today are listed one by one below as debts; a new one fails the
 * test, and so does a debt that has been paid but is still listed, so the list only ever shrinks. Reads of another
 * module's table ({@code FROM} or {@code JOIN} it) are listed the same way, each with why SQL is kept there rather than
 * the owner's API: mostly a join the page's speed needs, or an owner the reader cannot depend on (it depends on the
 * reader already, and modules have no cycles).
 */
class TableOwnershipTest {

    /** The owner of every table the migrations create. */
    static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("users", "accounts"), Map.entry("refresh_tokens", "accounts"), Map.entry("ws_tickets", "accounts"),
            Map.entry("user_follows", "accounts"),
            Map.entry("topics", "clubs"), Map.entry("clubs", "clubs"), Map.entry("club_members", "clubs"),
            Map.entry("club_follows", "clubs"),
            Map.entry("rooms", "rooms"), Map.entry("room_reminders", "rooms"),
            Map.entry("participants", "stage"), Map.entry("bans", "stage"),
            Map.entry("chat_messages", "chat"),
            Map.entry("room_events", "events"), Map.entry("instance_leases", "events"),
            Map.entry("deployment_resumptions", "events"), Map.entry("signal_spill", "events"),
            Map.entry("provider_outbox", "media"), Map.entry("provider_rooms", "media"), Map.entry("janus_sessions", "media"),
            Map.entry("janus_peers", "media"),
            Map.entry("reports", "moderation"), Map.entry("moderation_actions", "moderation"),
            Map.entry("appeals", "moderation"), Map.entry("notices", "notifications"),
            Map.entry("push_devices", "notifications"), Map.entry("notice_broadcasts", "notifications"),
            Map.entry("push_outbox", "notifications"), Map.entry("notification_settings", "notifications"));

    /** Writes outside the owner, as {@code table <- module}, each with why it is there. */
    static final Map<String, String> EXCEPTIONS = Map.ofEntries(
            Map.entry("rooms <- events", "by design (ADR 0003): the room's event seq is taken from its row, locked until commit"),
            Map.entry("rooms <- stage", "by design (ADR 0008): the counter columns (counts, panel preview, last join) are "
                    + "written only by stage.Seats, with the seats they count, so the hallway reads them without a join"));

    /** Reads of a table outside its owner, as {@code table <- module}, each with why it stays SQL. */
    static final Map<String, String> READS = Map.ofEntries(
            Map.entry("participants <- events", "EventLog: who gets a role-addressed event; the stage depends on events"),
            Map.entry("bans <- rooms", "RoomAccess: a banned person cannot see the room; the stage depends on rooms"),
            Map.entry("rooms <- stage", "Presence (the sweep's hold of the room row), StageSignalGate (a LIVE mesh room?), "
                    + "Seats (the counters, the room read with the joiner's seat in one statement, LIVE rooms whose HOST is gone)"),
            Map.entry("rooms <- events", "EventLog: the room's event seq is taken from its row (ADR 0003)"),
            Map.entry("rooms <- media", "ProviderReconciler, ProviderReports: which provider a room is on"),
            Map.entry("users <- stage", "Seats: the panel preview carries display names, joined in one statement; a join reads the joiner's "
                    + "name with their seat"),
            Map.entry("provider_rooms <- stage", "Seats: a join reads the room's open vendor room with the room and the seat, in "
                    + "one statement (media's ProviderRooms.ensure makes it when there is none)"),
            Map.entry("instance_leases <- stage", "Seats: the presence sweep joins the leases of the instances holding sockets"),
            Map.entry("chat_messages <- moderation", "Evidence: the window's chat, deleted lines included, frozen into a report "
                    + "in one statement; Reports: where a reported message is (chat's API hides deleted lines)"),
            Map.entry("room_events <- moderation", "Evidence: the reported person's stage acts of the window, read from the log "
                    + "by type and user in one statement (the log's API streams to sockets, it does not search)"),
            Map.entry("club_members <- moderation", "Reports, AuditLog: the queue's and the log's visibility (the clubs one is ADMIN of) in the "
                    + "statement that pages it"),
            Map.entry("participants <- moderation", "Reports: the queue's visibility (LIVE rooms one is HOST or MODERATOR of) "
                    + "filtered in the statement that pages it; the stage depends on nothing of moderation's, so no port"),
            Map.entry("rooms <- moderation", "Reports: the queue's visibility (only LIVE rooms' HOSTs and MODERATORs)"),
            Map.entry("user_follows <- notifications", "NoticeBroadcasts: a broadcast's audience (up to 100,000 followers) read "
                    + "a chunk at a time in user id order in one statement; accounts offers no such read"),
            Map.entry("club_follows <- notifications", "NoticeBroadcasts: a club's people, followers and members each once, a chunk "
                    + "at a time in one statement"),
            Map.entry("club_members <- notifications", "NoticeBroadcasts: a club's people, followers and members each once, a chunk "
                    + "at a time in one statement"),
            Map.entry("rooms <- notifications", "NoticeBroadcasts: a live room's announcement reaches its host's followers "
                    + "and its club's people as its visibility allows, joined in the chunk's one query; ReminderSchedule: "
                    + "reminded SCHEDULED rooms about to start, in one query with room_reminders"),
            Map.entry("room_reminders <- notifications", "NoticeBroadcasts: who asked to be reminded of a room, a chunk at a time"),
            Map.entry("users <- notifications", "NoticeBroadcasts: erased, guest and suspended accounts are left out of an "
                    + "audience in the statement that reads the chunk"),
            Map.entry("users <- demo", "debt: demo data reads rows instead of calling the owners"),
            Map.entry("clubs <- demo", "debt: demo data reads rows instead of calling the owners"),
            Map.entry("topics <- demo", "debt: demo data reads rows instead of calling the owners"),
            Map.entry("rooms <- demo", "debt: demo data reads rows instead of calling the owners"));

    /** The one file of the stage that writes the room row: the counter columns belong with the seats they count. */
    private static final String STAGE_COUNTERS = "Seats.java";

    private static final Pattern WRITE = Pattern.compile("\\b(?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+([a-z_]+)");
    private static final Pattern READ = Pattern.compile("\\b(?:FROM|JOIN)\\s+([a-z_]+)");
    private static final Pattern CREATE = Pattern.compile("CREATE TABLE (?:IF NOT EXISTS )?([a-z_]+)");

    @Test
    void everyTableHasAnOwner() {
        assertThat(OWNERS.keySet()).containsExactlyInAnyOrderElementsOf(tablesInMigrations());
    }

    @Test
    void onlyItsOwnerWritesATable() {
        Map<String, Set<String>> writes = byModule(WRITE);
        List<String> strangers = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        writes.forEach((write, files) -> {
            String table = write.substring(0, write.indexOf(' '));
            String module = write.substring(write.lastIndexOf(' ') + 1);
            if (!module.equals(OWNERS.get(table))) {
                seen.add(write);
                if (!EXCEPTIONS.containsKey(write)) {
                    strangers.add(write + " in " + files);
                }
            }
        });
        assertThat(strangers).as("tables written outside their owner (ask the owner's API or react to its events)").isEmpty();
        assertThat(seen).as("listed exceptions that no longer occur: take them off the list").containsAll(EXCEPTIONS.keySet());
    }

    @Test
    void onlyItsOwnerReadsATableUnlessListed() {
        Map<String, Set<String>> reads = byModule(READ);
        List<String> strangers = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        reads.forEach((read, files) -> {
            String table = read.substring(0, read.indexOf(' '));
            String module = read.substring(read.lastIndexOf(' ') + 1);
            if (!module.equals(OWNERS.get(table))) {
                seen.add(read);
                if (!READS.containsKey(read)) {
                    strangers.add(read + " in " + files);
                }
            }
        });
        assertThat(strangers).as("tables read outside their owner without being listed (ask the owner's API, or list the "
                + "read in READS with why it stays SQL)").isEmpty();
        assertThat(seen).as("listed reads that no longer occur: take them off the list").containsAll(READS.keySet());
    }

    @Test
    void onlySeatsWritesTheRoomCountersInTheStage() {
        assertThat(byModule(WRITE).get("rooms <- stage")).as("stage files writing the rooms table").containsExactly(STAGE_COUNTERS);
    }

    @Test
    void theScannerFindsReadsInSqlText() {
        Matcher matcher = READ.matcher("\"SELECT p.role FROM participants p JOIN rooms r ON r.id = p.room_id\"");
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        assertThat(found).containsExactly("participants", "rooms");
    }

    @Test
    void theScannerFindsWritesInSqlText() {
        Matcher matcher = WRITE.matcher("\"\"\"\n UPDATE participants SET x = 1 \"\"\" + \"INSERT INTO bans (a) VALUES (?)\"");
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        assertThat(found).containsExactly("participants", "bans");
    }

    /** {@code "table <- module"} to the files that write (or read, as the pattern finds) it there. */
    private static Map<String, Set<String>> byModule(Pattern statement) {
        Set<String> tables = OWNERS.keySet();
        Map<String, Set<String>> writes = new TreeMap<>();
        List<Path> roots = new ArrayList<>(List.of(Path.of("src/main/java/dev/tribune")));
        try (Stream<Path> adapters = Files.list(Path.of("provider-adapters"))) {
            adapters.map(adapter -> adapter.resolve("src/main/java/dev/tribune")).filter(Files::isDirectory).forEach(roots::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                    String module = root.relativize(file).getName(0).toString();
                    Matcher matcher = statement.matcher(read(file));
                    while (matcher.find()) {
                        if (tables.contains(matcher.group(1))) {
                            writes.computeIfAbsent(matcher.group(1) + " <- " + module, k -> new TreeSet<>()).add(file.getFileName().toString());
                        }
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return writes;
    }

    private static Set<String> tablesInMigrations() {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> migrations = Files.list(Path.of("src/main/resources/db/migration"))) {
            migrations.forEach(migration -> {
                Matcher matcher = CREATE.matcher(read(migration));
                while (matcher.find()) {
                    tables.add(matcher.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tables;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
