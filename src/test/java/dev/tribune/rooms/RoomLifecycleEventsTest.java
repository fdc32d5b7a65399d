package dev.tribune.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.http.HttpMethod.POST;

import dev.tribune.accounts.AuthenticatedUser;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rooms tells media (and the stage, which seats a new room's HOST) of a room's life only by its events, and media follows them inside the same transaction: every way
 * a room goes LIVE or ends publishes its event once, and the provider outbox row it causes commits or rolls back with
 * the room's own change (DESIGN.md decisions 3 and 5).
 */
@RecordApplicationEvents
class RoomLifecycleEventsTest extends RoomTestSupport {

    /** The outbox key of the room itself, as opposed to one of its participants. */
    private static final UUID ROOM_ITSELF = new UUID(0, 0);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RoomService rooms;

    @Autowired
    RoomClosing closing;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    ApplicationEvents events;

    @Test
    void mediaWritesTheOutboxRowFromTheEventsAlone() {
        UUID room = settledRoom(register("evonly"));
        rolledBack(() -> {
            publisher.publishEvent(new RoomEnded(room, "mesh", null));
            assertThat(roomRows(room)).as("media reacted to RoomEnded inside the transaction").isEqualTo(1);
        });
        assertThat(roomRows(room)).isZero();
        rolledBack(() -> {
            publisher.publishEvent(new RoomWentLive(room, "mesh"));
            assertThat(roomRows(room)).as("media reacted to RoomWentLive inside the transaction").isEqualTo(1);
        });
        assertThat(roomRows(room)).isZero();
    }

    @Test
    void anEndRolledBackLeavesNoOutboxRowAndTheRoomLive() {
        Session host = register("rollback");
        UUID room = settledRoom(host);
        rolledBack(() -> {
            rooms.end(user(host), room);
            assertThat(roomRows(room)).isEqualTo(1);
        });
        assertThat(roomRows(room)).as("the outbox row went with the rolled-back end").isZero();
        assertThat(jdbc.sql("SELECT status FROM rooms WHERE id = ?").param(room).query(String.class).single()).isEqualTo("LIVE");
    }

    @Test
    void creatingALiveRoomPublishesRoomWentLiveOnce() {
        Session host = register("golive");
        UUID room = inRolledBackTransaction(() -> rooms.create(user(host), request("Live now", null)));
        assertThat(events.stream(RoomWentLive.class).filter(e -> e.roomId().equals(room)))
                .singleElement().satisfies(e -> assertThat(e.provider()).isEqualTo("mesh"));
        assertThat(events.stream(RoomEnded.class).filter(e -> e.roomId().equals(room))).isEmpty();
    }

    @Test
    void creatingARoomPublishesRoomCreatedOnceAndTheStageSeatsItsHostInThatTransaction() {
        Session host = register("seathost");
        UUID[] room = new UUID[1];
        rolledBack(() -> {
            room[0] = rooms.create(user(host), request("Seated", null));
            assertThat(hostSeats(room[0], host)).as("the stage seated the HOST inside the creating transaction").isEqualTo(1);
        });
        assertThat(events.stream(RoomCreated.class).filter(e -> e.roomId().equals(room[0])))
                .singleElement().satisfies(e -> assertThat(e.host()).isEqualTo(host.userId()));
        assertThat(hostSeats(room[0], host)).as("the HOST's seat rolled back with the room").isZero();
    }

    @Test
    void schedulingPublishesNothingAndStartingPublishesRoomWentLiveOnce() {
        Session host = register("golater");
        String id = roomId(host, "Later", "scheduledFor", Instant.now().plus(1, ChronoUnit.HOURS).toString());
        UUID room = UUID.fromString(id);
        assertThat(roomRows(room)).as("a scheduled room has nothing for its provider yet").isZero();
        inRolledBackTransaction(() -> {
            rooms.start(user(host), room);
            return room;
        });
        assertThat(events.stream(RoomWentLive.class).filter(e -> e.roomId().equals(room))).hasSize(1);
    }

    @Test
    void theHostEndingARoomPublishesRoomEndedOnce() {
        Session host = register("endmanual");
        UUID room = settledRoom(host);
        inRolledBackTransaction(() -> {
            rooms.end(user(host), room);
            return room;
        });
        assertThat(events.stream(RoomEnded.class).filter(e -> e.roomId().equals(room)))
                .singleElement().satisfies(e -> assertThat(e.by()).isEqualTo(host.userId()));
    }

    @Test
    void anUnusedRoomEndingByItselfPublishesRoomEndedOnce() {
        UUID room = settledRoom(register("endunused"));
        inRolledBackTransaction(() -> {
            // made abandoned inside this transaction, so no sweeper elsewhere can end it first
            jdbc.sql("UPDATE rooms SET started_at = now() - interval '11 minutes' WHERE id = ?").param(room).update();
            rooms.endAbandonedRooms();
            return room;
        });
        assertThat(events.stream(RoomEnded.class).filter(e -> e.roomId().equals(room)))
                .singleElement().satisfies(e -> assertThat(e.by()).isNull());
    }

    @Test
    void aScheduledRoomNeverStartedEndsWithRoomEndedOnce() {
        Session host = register("endsched");
        UUID room = UUID.fromString(roomId(host, "Forgotten", "scheduledFor", Instant.now().plus(1, ChronoUnit.HOURS).toString()));
        inRolledBackTransaction(() -> {
            jdbc.sql("UPDATE rooms SET scheduled_for = now() - interval '2 hours' WHERE id = ?").param(room).update();
            rooms.endAbandonedRooms();
            return room;
        });
        assertThat(events.stream(RoomEnded.class).filter(e -> e.roomId().equals(room))).hasSize(1);
    }

    @Test
    void anUnattendedRoomEndedByPresencePublishesRoomEndedOnceAndAnEndedRoomNeverAgain() {
        UUID room = settledRoom(register("endpresence"));
        inRolledBackTransaction(() -> {
            closing.endUnattended(room);
            closing.endUnattended(room);
            rooms.endAbandonedRooms();
            return room;
        });
        assertThat(events.stream(RoomEnded.class).filter(e -> e.roomId().equals(room)))
                .singleElement().satisfies(e -> assertThat(e.provider()).isEqualTo("mesh"));
    }

    @Test
    void aRoomEndedByItsHostIsNotEndedAgainByTheSweepers() {
        Session host = register("endonce");
        UUID room = settledRoom(host);
        call(POST, "/api/v1/rooms/" + room + "/end", host, null, 200);
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> roomRows(room) == 0);
        events.clear();
        inRolledBackTransaction(() -> {
            closing.endUnattended(room);
            jdbc.sql("UPDATE rooms SET started_at = now() - interval '11 minutes' WHERE id = ?").param(room).update();
            rooms.endAbandonedRooms();
            return room;
        });
        assertThat(events.stream(RoomEnded.class).filter(e -> e.roomId().equals(room))).isEmpty();
    }

    /**
     * Runs {@code act} in a transaction that then rolls back; inside it, the room the act names must have its outbox
     * row already, written by media's listener in this very transaction. After the rollback the row is gone with it.
     */
    private UUID inRolledBackTransaction(Supplier<UUID> act) {
        UUID[] room = new UUID[1];
        rolledBack(() -> {
            room[0] = act.get();
            if (events.stream(RoomWentLive.class).anyMatch(e -> e.roomId().equals(room[0]))
                    || events.stream(RoomEnded.class).anyMatch(e -> e.roomId().equals(room[0]))) {
                assertThat(roomRows(room[0])).as("the outbox row, inside the publisher's transaction").isEqualTo(1);
            }
        });
        assertThat(roomRows(room[0])).as("the outbox row rolled back with the change").isZero();
        return room[0];
    }

    private void rolledBack(Runnable act) {
        transactions.executeWithoutResult(status -> {
            status.setRollbackOnly();
            act.run();
        });
    }

    /** A LIVE room whose going-live has reached its provider: no outbox row left for it. */
    private UUID settledRoom(Session host) {
        UUID room = UUID.fromString(roomId(host, "Settled"));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> roomRows(room) == 0);
        return room;
    }

    private long hostSeats(UUID room, Session host) {
        return jdbc.sql("SELECT count(*) FROM participants WHERE room_id = ? AND user_id = ? AND role = 'HOST'")
                .params(room, host.userId()).query(Long.class).single();
    }

    private long roomRows(UUID room) {
        return jdbc.sql("SELECT count(*) FROM provider_outbox WHERE room_id = ? AND user_id = ?").params(room, ROOM_ITSELF)
                .query(Long.class).single();
    }

    private static AuthenticatedUser user(Session session) {
        return new AuthenticatedUser(session.userId(), false, Instant.now().plus(1, ChronoUnit.HOURS));
    }

    private static RoomDtos.CreateRoomRequest request(String name, Instant scheduledFor) {
        return new RoomDtos.CreateRoomRequest(name, null, null, scheduledFor, null, null);
    }
}
