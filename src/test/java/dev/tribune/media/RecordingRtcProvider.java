package dev.tribune.media;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/**
 * A provider for tests that records what the reconciler asks of it, optionally slowly (a vendor under load), so
 * tests can see that the provider ends where the room is.
 */
@Component
public class RecordingRtcProvider implements RtcProvider {

    public record Call(UUID roomId, UUID userId, ParticipantState state) {
    }

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    public final List<UUID> endedRooms = new CopyOnWriteArrayList<>();
    public final List<UUID> ensuredRooms = new CopyOnWriteArrayList<>();
    public volatile Duration delay = Duration.ZERO;
    /** A vendor outage: every call that would reach the vendor fails as unreachable. */
    public volatile boolean down;
    private final Clock clock;

    RecordingRtcProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, 50, 1000);
    }

    @Override
    public MediaGrant grant(GrantRequest request) {
        return new MediaGrant(name(), "token-for-" + request.userId(), clock.instant().plusSeconds(600), request.canPublish(), Map.of());
    }

    @Override
    public String ensureRoom(UUID roomId) {
        if (down) {
            throw new ProviderUnavailable("recording provider is down");
        }
        ensuredRooms.add(roomId);
        return "vendor-" + roomId;
    }

    @Override
    public void reconcile(ProviderRoom room, UUID userId, ParticipantState state) {
        // a vendor under load: the call takes this long
        java.util.concurrent.locks.LockSupport.parkNanos(delay.toNanos());
        if (down) {
            throw new ProviderUnavailable("recording provider is down");
        }
        calls.add(new Call(room.roomId(), userId, state));
    }

    @Override
    public void endRoom(ProviderRoom room) {
        endedRooms.add(room.roomId());
    }
}
