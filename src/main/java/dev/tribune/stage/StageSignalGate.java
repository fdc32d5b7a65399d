package dev.tribune.stage;

import dev.tribune.events.Signal;
import dev.tribune.events.SignalGate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stage's rules for mesh signalling (API.md {@code signal}, ADR 0006): both people must be in the same LIVE mesh
 * room; offers come only from a HOST, MODERATOR or SPEAKER, and an AUDIENCE member's answer never sends
 * ({@link MeshSignalRules}). Anyone in the room may tell a speaker {@code ready} ("send me your audio"), which is how a
 * speaker, who is not told of every listener's arrival, learns whom to offer to. A demoted, removed or banned
 * speaker's offers, and sending answers, are refused from that moment; honest clients drop their tracks when told of
 * the change.
 */
@Component
class StageSignalGate implements SignalGate {

    private final JdbcClient jdbc;
    private final Seats seats;

    StageSignalGate(JdbcClient jdbc, Seats seats) {
        this.jdbc = jdbc;
        this.seats = seats;
    }

    @Override
    public Optional<String> refusal(Signal signal) {
        if (signal.from().equals(signal.to())) {
            return Optional.of("A signal goes to someone else.");
        }
        String provider = jdbc.sql("SELECT provider FROM rooms WHERE id = ? AND status = 'LIVE'").param(signal.roomId())
                .query(String.class).optional().orElse(null);
        if (!"mesh".equals(provider)) {
            return Optional.of("Signals are relayed only in live mesh rooms.");
        }
        List<Seats.PresentSeat> present = seats.present(signal.roomId(), signal.from(), signal.to());
        Optional<Seats.PresentSeat> sender = present.stream().filter(s -> s.userId().equals(signal.from())).findFirst();
        if (sender.isEmpty()) {
            return Optional.of("You are not in this room.");
        }
        Optional<Seats.PresentSeat> recipient = present.stream().filter(s -> s.userId().equals(signal.to())).findFirst();
        if (recipient.isEmpty()) {
            return Optional.of("They are not in this room.");
        }
        return switch (signal.type()) {
            // "send me your audio": only a speaker has any to send
            case "ready" -> recipient.get().role().canPublish() ? Optional.empty() : Optional.of("Only people on the stage send audio.");
            case "offer" -> MeshSignalRules.offer(sender.get().role(), signal.sdp());
            case "answer" -> MeshSignalRules.answer(sender.get().role(), signal.sdp());
            default -> Optional.empty();
        };
    }
}
