package dev.tribune.stage;

import dev.tribune.media.ProviderOutbox;
import dev.tribune.media.spi.ProviderReport;
import dev.tribune.media.spi.RtcProvider.ParticipantState;
import org.springframework.context.event.EventListener;
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

    private final Seats seats;
    private final ProviderOutbox outbox;

    ProviderPresence(Seats seats, ProviderOutbox outbox) {
        this.seats = seats;
        this.outbox = outbox;
    }

    @EventListener
    void on(ProviderReport.ParticipantConnected report) {
        boolean changed = seats.providerReport(report.roomId(), report.userId(), report.at(), true);
        if (changed || !seats.inRoom(report.roomId(), report.userId())) {
            outbox.participantChanged(report.roomId(), report.userId());
        }
    }

    @EventListener
    void on(ProviderReport.ParticipantDisconnected report) {
        seats.providerReport(report.roomId(), report.userId(), report.at(), false);
    }

    @EventListener
    void on(ProviderReport.TrackPublished report) {
        ParticipantState state = seats.current(report.roomId(), report.userId());
        if (!state.canPublish() || state.forcedMute()) {
            // publishing without the right to: the reconciler takes it back (or, where the vendor cannot, disconnects)
            outbox.participantChanged(report.roomId(), report.userId());
        }
    }

    @EventListener
    void on(ProviderReport.RoomClosed report) {
        seats.providerRoomClosed(report.roomId(), report.at());
    }
}
