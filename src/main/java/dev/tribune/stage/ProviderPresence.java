package dev.tribune.stage;

import dev.tribune.media.ProviderOutbox;
import dev.tribune.media.spi.ProviderReport;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The provider's side of presence (ADR 0004): a participant whose media connection the vendor reports
 * up counts as present even without an event socket. Each report is applied only if it is newer than the last one
 * applied for that participant ({@code provider_seen_at}), so retried and reordered callbacks change nothing.
 *
 * <p>Vendor tokens cannot be revoked one by one, so every (re)connection and every published track asks the
 * provider outbox to re-apply the participant's current role: a demoted, removed or banned user holding an older
 * token is brought back in line (or out of the room) within one reconcile.
 */
@Component
class ProviderPresence {

    private final JdbcClient jdbc;
    private final ProviderOutbox outbox;

    ProviderPresence(JdbcClient jdbc, ProviderOutbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    @EventListener
    void on(ProviderReport.ParticipantConnected report) {
        int changed = apply(report.roomId(), report.userId(), report.at(), true);
        if (changed == 1 || !inRoom(report)) {
            outbox.participantChanged(report.roomId(), report.userId());
        }
    }

    @EventListener
    void on(ProviderReport.ParticipantDisconnected report) {
        apply(report.roomId(), report.userId(), report.at(), false);
    }

    @EventListener
    void on(ProviderReport.TrackPublished report) {
        Optional<Boolean> mayPublish = jdbc.sql("""
                SELECT role <> 'AUDIENCE' AND NOT forced_mute FROM participants
                WHERE room_id = ? AND user_id = ? AND left_at IS NULL""")
                .params(report.roomId(), report.userId()).query(Boolean.class).optional();
        if (!mayPublish.orElse(false)) {
            // publishing without the right to: the reconciler takes it back (or, where the vendor cannot, disconnects)
            outbox.participantChanged(report.roomId(), report.userId());
        }
    }

    @EventListener
    void on(ProviderReport.RoomClosed report) {
        jdbc.sql("""
                UPDATE participants SET provider_connected = false, provider_seen_at = ?
                WHERE room_id = ? AND provider_connected AND provider_seen_at < ?""")
                .params(ts(report), report.roomId(), ts(report)).update();
    }

    private int apply(UUID roomId, UUID userId, Instant at, boolean connected) {
        // on equal times the disconnect wins: vendors with one-second timestamps can report a join and a leave at once,
        // and wrongly thinking someone gone costs only the grace period (their socket may still hold them)
        String newer = connected ? "provider_seen_at < ?" : "provider_seen_at <= ?";
        return jdbc.sql("""
                UPDATE participants SET provider_connected = ?, provider_seen_at = ?
                WHERE room_id = ? AND user_id = ? AND (provider_seen_at IS NULL OR %s)""".formatted(newer))
                .params(connected, Timestamp.from(at), roomId, userId, Timestamp.from(at)).update();
    }

    private boolean inRoom(ProviderReport.ParticipantConnected report) {
        return jdbc.sql("SELECT 1 FROM participants WHERE room_id = ? AND user_id = ? AND left_at IS NULL")
                .params(report.roomId(), report.userId()).query(Integer.class).optional().isPresent();
    }

    private static Timestamp ts(ProviderReport report) {
        return Timestamp.from(report.at());
    }
}
