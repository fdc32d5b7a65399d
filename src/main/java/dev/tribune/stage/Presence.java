package dev.tribune.stage;

import dev.tribune.events.EventAudience;
import dev.tribune.events.InstanceLease;
import dev.tribune.events.RoomEvents;
import dev.tribune.events.SocketSubscribed;
import dev.tribune.events.SocketUnsubscribed;
import dev.tribune.media.ProviderOutbox;
import dev.tribune.rooms.RoomClosing;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Presence (ADR 0004): a participant is present while their socket is subscribed or their provider
 * reports them connected. The sweeper marks left those gone past the grace period (sockets closed, or held by an
 * instance whose lease ran out), hands an absent HOST's role to the longest-serving MODERATOR present, and ends
 * rooms whose HOST and MODERATORs are all gone. Rows are taken FOR UPDATE SKIP LOCKED, so every instance can sweep
 * and none sweeps a row twice.
 */
@Component
class Presence {

    private static final Logger log = LoggerFactory.getLogger(Presence.class);

    private final JdbcClient jdbc;
    private final Seats seats;
    private final RoomEvents events;
    private final RoomClosing closing;
    private final PresenceProperties properties;
    private final TransactionTemplate transactions;
    private final ProviderOutbox outbox;
    private final Clock clock;
    private final InstanceLease lease;
    private final SocketSightings sightings;

    Presence(JdbcClient jdbc, Seats seats, RoomEvents events, RoomClosing closing, PresenceProperties properties,
            PlatformTransactionManager transactionManager, ProviderOutbox outbox, Clock clock,
            InstanceLease lease, SocketSightings sightings) {
        this.sightings = sightings;
        this.lease = lease;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.seats = seats;
        this.events = events;
        this.closing = closing;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void on(SocketSubscribed subscribed) {
        sightings.opened(subscribed.roomId(), subscribed.userId(), subscribed.instanceId(), clock.instant());
    }

    /**
     * A close that cannot be recorded (the database away, or stopping with the instance) is logged in one line, not
     * thrown into the closing socket's handler: the socket is gone either way. The mark still names this instance,
     * so the participant counts as present until they reconnect or leave, or this instance's lease ends.
     */
    @EventListener
    void on(SocketUnsubscribed unsubscribed) {
        try {
            sightings.closed(unsubscribed.roomId(), unsubscribed.userId(), unsubscribed.instanceId(), clock.instant());
        } catch (DataAccessException e) {
            log.warn("Could not record a socket's close in room {}: {}", unsubscribed.roomId(), e.getMessage());
        }
    }

    @Scheduled(fixedDelayString = "${tribune.presence.sweep-interval:5s}", initialDelayString = "${tribune.presence.sweep-interval:5s}")
    public void sweep() {
        Instant before = clock.instant().minus(properties.grace());
        Shield shield = shield();
        List<UUID> rooms = seats.roomsWithGone(before, shield.from(), shield.until());
        // and rooms whose HOST left (deliberately or not) past the grace: hand on the role, or end the room
        List<UUID> hostless = seats.hostless(before);
        Set<UUID> all = new LinkedHashSet<>(rooms);
        all.addAll(hostless);
        all.forEach(roomId -> transactions.executeWithoutResult(status -> sweep(roomId, before, shield)));
    }

    /** The window of last sightings that the latest whole-deployment outage excuses, or an empty one. */
    private record Shield(Timestamp from, Timestamp until) {
    }

    private Shield shield() {
        Timestamp never = Timestamp.from(Instant.EPOCH);
        return lease.lastResumption()
                .filter(resumption -> resumption.outage().compareTo(properties.restartGrace()) <= 0)
                .map(resumption -> new Shield(Timestamp.from(resumption.downSince().minus(properties.grace())),
                        Timestamp.from(resumption.resumedAt())))
                .orElse(new Shield(never, never));
    }

    /**
     * One room, in one transaction: the room row first (as every stage change takes it, so no deadlock), skipped if
     * another instance or a stage change holds it right now; the next sweep comes round again.
     */
    private void sweep(UUID roomId, Instant before, Shield shield) {
        boolean mine = jdbc.sql("SELECT id FROM rooms WHERE id = ? FOR UPDATE SKIP LOCKED").param(roomId).query(UUID.class).optional().isPresent();
        if (!mine) {
            return;
        }
        List<Seats.Gone> gone = seats.gone(roomId, before, shield.from(), shield.until());
        for (Seats.Gone g : gone) {
            // a dropped connection keeps the role only through the grace; the HOST keeps the room until it passes on
            seats.markGone(g, clock.instant());
            events.append(g.roomId(), new StageEvent.ParticipantLeft(g.userId()),
                    g.role().onPanel() ? EventAudience.everyone() : EventAudience.staff());
            outbox.participantChanged(g.roomId(), g.userId());
        }
        handOnAbsentHost(roomId);
        seats.refreshPanel(roomId);
        // gone, not merely not yet arrived: a HOST who created the room and has not joined yet does not end it
        if (seats.unattended(roomId, before)) {
            closing.endUnattended(roomId);
        }
    }

    /** When the HOST has gone past the grace, the longest-serving MODERATOR present becomes HOST by itself. */
    private void handOnAbsentHost(UUID roomId) {
        UUID absentHost = seats.absentHost(roomId).orElse(null);
        if (absentHost == null) {
            return;
        }
        UUID successor = seats.longestServingModerator(roomId).orElse(null);
        if (successor == null) {
            return;
        }
        seats.passHost(roomId, absentHost, successor, clock.instant());
        events.append(roomId, new StageEvent.RoleChanged(absentHost, StageRole.MODERATOR, null), EventAudience.everyone());
        outbox.participantChanged(roomId, absentHost);
        events.append(roomId, new StageEvent.RoleChanged(successor, StageRole.HOST, null), EventAudience.everyone());
        outbox.participantChanged(roomId, successor);
    }
}
