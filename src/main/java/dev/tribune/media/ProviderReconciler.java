package dev.tribune.media;

import dev.tribune.events.EventAudience;
import dev.tribune.events.RoomEvents;
import dev.tribune.media.spi.ParticipantStateSource;
import dev.tribune.media.spi.RtcProvider;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reconciles providers to the rooms' current state. Takes due outbox rows (SKIP LOCKED: any instance may run it),
 * reads the participant's or room's state as the database has it now, calls the provider with no room row locked,
 * and removes the row only if no newer change bumped its version meanwhile; otherwise it runs again. Failures are
 * retried with backoff.
 */
@Component
class ProviderReconciler {

    private static final Logger log = LoggerFactory.getLogger(ProviderReconciler.class);

    private static final Duration CLAIM = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final RtcProviders providers;
    private final ProviderRooms rooms;
    private final ProviderCalls calls;
    private final RoomEvents events;
    private final TransactionTemplate transactions;
    private final ParticipantStateSource states;
    private final Clock clock;

    ProviderReconciler(JdbcClient jdbc, RtcProviders providers, ProviderRooms rooms, ProviderCalls calls, RoomEvents events,
            TransactionTemplate transactions, ParticipantStateSource states, Clock clock) {
        this.jdbc = jdbc;
        this.providers = providers;
        this.rooms = rooms;
        this.calls = calls;
        this.events = events;
        this.transactions = transactions;
        this.states = states;
        this.clock = clock;
    }

    private record Due(UUID roomId, UUID userId, int attempts, String provider) {
    }

    @Scheduled(fixedDelayString = "${tribune.rtc.reconcile-interval:500ms}")
    public void reconcileDue() {
        List<Due> due = jdbc.sql("""
                SELECT o.room_id, o.user_id, o.attempts, r.provider FROM provider_outbox o JOIN rooms r ON r.id = o.room_id
                WHERE o.due_at <= :now AND r.provider IN (:active) ORDER BY o.due_at LIMIT 100""")
                // an instance only works for the providers configured on it (during a rolling change of settings,
                // another instance may know a provider this one does not)
                .param("now", Timestamp.from(clock.instant())).param("active", providers.active())
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3), rs.getString(4)))
                .list();
        due.forEach(this::reconcile);
    }

    private void reconcile(Due due) {
        // claim the row for a while; a crashed instance's claim runs out
        boolean claimed = jdbc.sql("""
                UPDATE provider_outbox SET claimed_until = ?
                WHERE room_id = ? AND user_id = ? AND (claimed_until IS NULL OR claimed_until < ?)""")
                .params(Timestamp.from(clock.instant().plus(CLAIM)), due.roomId(), due.userId(), Timestamp.from(clock.instant()))
                .update() == 1;
        if (!claimed) {
            return;
        }
        long version = jdbc.sql("SELECT version FROM provider_outbox WHERE room_id = ? AND user_id = ?").params(due.roomId(), due.userId())
                .query(Long.class).single();
        boolean participant = !ProviderOutbox.ROOM.equals(due.userId());
        try {
            RtcProvider provider = providers.of(due.provider());
            if (!participant) {
                reconcileRoom(provider, due.roomId());
            } else {
                // no vendor room (never made, or the vendor closed it): nobody is connected there to bring in line
                Optional<RtcProvider.ProviderRoom> room = rooms.find(due.roomId());
                if (room.isPresent()) {
                    RtcProvider.ParticipantState state = states.current(due.roomId(), due.userId());
                    calls.run(provider, () -> provider.reconcile(room.get(), due.userId(), state));
                }
            }
            int done = jdbc.sql("DELETE FROM provider_outbox WHERE room_id = ? AND user_id = ? AND version = ?")
                    .params(due.roomId(), due.userId(), version).update();
            if (done == 0) {
                // changed again meanwhile: release the claim, the next round applies the newer state
                jdbc.sql("UPDATE provider_outbox SET claimed_until = NULL WHERE room_id = ? AND user_id = ?")
                        .params(due.roomId(), due.userId()).update();
            }
            if (participant && due.attempts() > 0) {
                tell(due, new MediaEvent.Synced(due.userId()));
            }
        } catch (RuntimeException e) {
            Duration backoff = Duration.ofSeconds(Math.min(60, 1L << Math.min(6, due.attempts())));
            jdbc.sql("""
                    UPDATE provider_outbox SET attempts = attempts + 1, last_error = ?, due_at = ?, claimed_until = NULL
                    WHERE room_id = ? AND user_id = ?""")
                    .params(String.valueOf(e.getMessage()), Timestamp.from(clock.instant().plus(backoff)), due.roomId(), due.userId())
                    .update();
            log.warn("Could not reconcile room {} at its provider (attempt {}): {}", due.roomId(), due.attempts() + 1, e.getMessage());
            if (participant && due.attempts() == 0) {
                // the user's client shows that their change (a promotion, say) has not reached the media server yet
                tell(due, new MediaEvent.SyncPending(due.userId(), backoff.toSeconds()));
            }
        }
    }

    private void reconcileRoom(RtcProvider provider, UUID roomId) {
        boolean ended = "ENDED".equals(jdbc.sql("SELECT status FROM rooms WHERE id = ?").param(roomId).query(String.class).single());
        if (!ended) {
            rooms.ensure(roomId, provider.name());
            return;
        }
        Optional<RtcProvider.ProviderRoom> room = rooms.find(roomId);
        if (room.isPresent()) {
            calls.run(provider, () -> provider.endRoom(room.get()));
            rooms.closed(roomId, clock.instant());
        }
    }

    private void tell(Due due, MediaEvent event) {
        transactions.executeWithoutResult(status -> events.append(due.roomId(), event, EventAudience.only(due.userId())));
    }
}
