package dev.tribune.stage;

import dev.tribune.events.EventAudience;
import dev.tribune.events.InstanceLease;
import dev.tribune.events.RoomEvents;
import dev.tribune.events.SocketSubscribed;
import dev.tribune.events.SocketUnsubscribed;
import dev.tribune.media.ProviderOutbox;
import dev.tribune.rooms.Panel;
import dev.tribune.rooms.RoomClosing;
import dev.tribune.rooms.StageRole;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
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

    private final JdbcClient jdbc;
    private final RoomEvents events;
    private final Panel panel;
    private final RoomClosing closing;
    private final PresenceProperties properties;
    private final TransactionTemplate transactions;
    private final ProviderOutbox outbox;
    private final Clock clock;
    private final InstanceLease lease;

    Presence(JdbcClient jdbc, RoomEvents events, Panel panel, RoomClosing closing, PresenceProperties properties,
            PlatformTransactionManager transactionManager, ProviderOutbox outbox, Clock clock,
            InstanceLease lease) {
        this.lease = lease;
        this.outbox = outbox;
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.events = events;
        this.panel = panel;
        this.closing = closing;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener
    void on(SocketSubscribed subscribed) {
        jdbc.sql("UPDATE participants SET socket_instance_id = ?, socket_seen_at = ? WHERE room_id = ? AND user_id = ? AND left_at IS NULL")
                .params(subscribed.instanceId(), now(), subscribed.roomId(), subscribed.userId()).update();
    }

    @EventListener
    void on(SocketUnsubscribed unsubscribed) {
        jdbc.sql("""
                UPDATE participants SET socket_instance_id = NULL, socket_seen_at = ?
                WHERE room_id = ? AND user_id = ? AND socket_instance_id = ?""")
                .params(now(), unsubscribed.roomId(), unsubscribed.userId(), unsubscribed.instanceId()).update();
    }

    private record Gone(UUID roomId, UUID userId, StageRole role) {
    }

    /**
     * Present participants with neither a socket nor the provider vouching for them since {@code :before}. Their last
     * sign of life is when their socket closed, or when the lease of the instance holding it ran out. Those who were
     * still within their grace when the whole deployment went down ({@code :shieldFrom}) count as seen when it came
     * back ({@code :shieldUntil}): an outage is not their absence.
     */
    private static final String GONE = """
            FROM participants p LEFT JOIN instance_leases l ON l.instance_id = p.socket_instance_id
            CROSS JOIN LATERAL (SELECT CASE WHEN p.socket_instance_id IS NULL THEN coalesce(p.socket_seen_at, p.joined_at)
                                            ELSE l.expires_at END AS at) last_seen
            WHERE %s p.present AND NOT p.provider_connected AND (p.provider_seen_at IS NULL OR p.provider_seen_at < :before)
              AND (p.socket_instance_id IS NULL OR l.expires_at IS NOT NULL)
              AND (CASE WHEN last_seen.at > :shieldFrom AND last_seen.at < :shieldUntil THEN :shieldUntil ELSE last_seen.at END) < :before
            """;

    @Scheduled(fixedDelayString = "${tribune.presence.sweep-interval:5s}", initialDelayString = "${tribune.presence.sweep-interval:5s}")
    public void sweep() {
        Instant before = clock.instant().minus(properties.grace());
        Shield shield = shield();
        List<UUID> rooms = jdbc.sql("SELECT DISTINCT p.room_id " + GONE.formatted("") + " LIMIT 5000")
                .param("before", Timestamp.from(before)).param("shieldFrom", shield.from()).param("shieldUntil", shield.until())
                .query(UUID.class).list();
        // and rooms whose HOST left (deliberately or not) past the grace: hand on the role, or end the room
        List<UUID> hostless = jdbc.sql("""
                SELECT r.id FROM rooms r
                WHERE r.status = 'LIVE' AND EXISTS (SELECT 1 FROM participants h WHERE h.room_id = r.id AND h.role = 'HOST'
                                                      AND NOT h.present AND h.left_at < ?)
                LIMIT 5000""").param(Timestamp.from(before)).query(UUID.class).list();
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
        List<Gone> gone = jdbc.sql("SELECT p.room_id, p.user_id, p.role " + GONE.formatted("p.room_id = :room AND"))
                .param("room", roomId).param("before", Timestamp.from(before))
                .param("shieldFrom", shield.from()).param("shieldUntil", shield.until())
                .query((rs, n) -> new Gone(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), StageRole.valueOf(rs.getString(3))))
                .list();
        for (Gone g : gone) {
            // a dropped connection keeps the role only through the grace; the HOST keeps the room until it passes on
            jdbc.sql("""
                    UPDATE participants SET present = false, left_deliberately = false, socket_instance_id = NULL,
                        -- they went when last seen, not when the sweeper noticed
                        left_at = least(greatest(coalesce(socket_seen_at, joined_at), provider_seen_at), ?),
                        hand_raised_at = NULL, role = CASE WHEN role = 'HOST' THEN 'HOST' ELSE 'AUDIENCE' END
                    WHERE room_id = ? AND user_id = ?""").params(now(), g.roomId(), g.userId()).update();
            jdbc.sql("""
                    UPDATE rooms SET participant_count = greatest(participant_count - 1, 0),
                        audience_count = greatest(audience_count - CASE WHEN ? THEN 1 ELSE 0 END, 0)
                    WHERE id = ?""").params(g.role() == StageRole.AUDIENCE, g.roomId()).update();
            events.append(g.roomId(), new StageEvent.ParticipantLeft(g.userId()),
                    g.role().onPanel() ? EventAudience.everyone() : EventAudience.staff());
            outbox.participantChanged(g.roomId(), g.userId());
        }
        handOnAbsentHost(roomId);
        panel.refresh(roomId);
        // gone, not merely not yet arrived: a HOST who created the room and has not joined yet does not end it
        boolean unattended = jdbc.sql("""
                SELECT NOT EXISTS (SELECT 1 FROM participants WHERE room_id = ? AND role IN ('HOST', 'MODERATOR')
                                   AND (present OR left_at IS NULL OR left_at >= ?))""")
                .params(roomId, Timestamp.from(before)).query(Boolean.class).single();
        if (unattended) {
            closing.endUnattended(roomId);
        }
    }

    /** When the HOST has gone past the grace, the longest-serving MODERATOR present becomes HOST by itself. */
    private void handOnAbsentHost(UUID roomId) {
        UUID absentHost = jdbc.sql("SELECT user_id FROM participants WHERE room_id = ? AND role = 'HOST' AND NOT present AND left_at IS NOT NULL")
                .param(roomId).query(UUID.class).optional().orElse(null);
        if (absentHost == null) {
            return;
        }
        UUID successor = jdbc.sql("""
                SELECT user_id FROM participants WHERE room_id = ? AND role = 'MODERATOR' AND present
                ORDER BY role_since, user_id LIMIT 1""").param(roomId).query(UUID.class).optional().orElse(null);
        if (successor == null) {
            return;
        }
        jdbc.sql("UPDATE participants SET role = 'MODERATOR', role_since = ? WHERE room_id = ? AND user_id = ?")
                .params(now(), roomId, absentHost).update();
        jdbc.sql("UPDATE participants SET role = 'HOST', role_since = ? WHERE room_id = ? AND user_id = ?")
                .params(now(), roomId, successor).update();
        events.append(roomId, new StageEvent.RoleChanged(absentHost, StageRole.MODERATOR, null), EventAudience.everyone());
        outbox.participantChanged(roomId, absentHost);
        events.append(roomId, new StageEvent.RoleChanged(successor, StageRole.HOST, null), EventAudience.everyone());
        outbox.participantChanged(roomId, successor);
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
