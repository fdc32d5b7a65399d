package dev.tribune.media;

import dev.tribune.media.spi.ProviderUnavailable;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.rooms.RoomProviderMoves;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Live provider failover: the LIVE rooms of a provider that is down (ProviderOutages) move to the provider that can hold
 * them. The new vendor room is made first, outside any transaction (a vendor call never holds a room's row); then, in
 * one transaction, rooms moves the room (a conditional update: any instance may run this, a room moves once), the room's
 * vendor room is replaced, its outbox rows are due at once so they reach the new provider, and stage hands everyone in
 * the room a grant for it. The room stays LIVE throughout; the hallway never sees it go.
 */
@Component
class ProviderFailover {

    private static final Logger log = LoggerFactory.getLogger(ProviderFailover.class);
    private static final int ROOMS_PER_ROUND = 200;

    private final JdbcClient jdbc;
    private final RtcProviders providers;
    private final ProviderOutages outages;
    private final ProviderCalls calls;
    private final ProviderRooms providerRooms;
    private final ProviderOutbox outbox;
    private final RoomProviderMoves moves;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    /** Rooms already reported as having nowhere to go, so the log says it once per room, not every round. */
    private final Set<UUID> stranded = ConcurrentHashMap.newKeySet();

    ProviderFailover(JdbcClient jdbc, RtcProviders providers, ProviderOutages outages, ProviderCalls calls,
            ProviderRooms providerRooms, ProviderOutbox outbox, RoomProviderMoves moves, TransactionTemplate transactions,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.providers = providers;
        this.outages = outages;
        this.calls = calls;
        this.providerRooms = providerRooms;
        this.outbox = outbox;
        this.moves = moves;
        this.transactions = transactions;
        this.meters = meters;
    }

    record LiveRoom(UUID id, int participants, int speakers) {
    }

    /** One round: every down provider's LIVE rooms (at most {@value #ROOMS_PER_ROUND} each), moved where they fit. */
    @Scheduled(fixedDelayString = "${tribune.rtc.failover-check-interval:1s}")
    public void moveRoomsOffDownProviders() {
        for (String provider : providers.active()) {
            if (outages.isDown(provider)) {
                liveRoomsOn(provider).forEach(room -> moveOff(provider, room));
            }
        }
    }

    private List<LiveRoom> liveRoomsOn(String provider) {
        return jdbc.sql("""
                SELECT id, participant_count, speaker_count FROM rooms WHERE status = 'LIVE' AND provider = ?
                ORDER BY participant_count DESC LIMIT ?""")
                .params(provider, ROOMS_PER_ROUND)
                .query((rs, n) -> new LiveRoom(rs.getObject(1, UUID.class), rs.getInt(2), rs.getInt(3)))
                .list();
    }

    /** Whether the room moved (here: another instance may have moved it first). */
    boolean moveOff(String from, LiveRoom room) {
        Optional<String> target = outages.replacementFor(from, room.participants(), room.speakers());
        if (target.isEmpty()) {
            if (stranded.add(room.id())) {
                log.warn("Room {} stays on {}, which is down: no provider of tribune.rtc.failover-to is reachable and holds "
                        + "{} people ({} on the panel)", room.id(), from, room.participants(), room.speakers());
            }
            return false;
        }
        String to = target.get();
        RtcProvider provider = providers.of(to);
        String providerRoomId;
        try {
            providerRoomId = calls.call(provider, () -> provider.ensureRoom(room.id()));
        } catch (ProviderUnavailable e) {
            log.warn("Room {} could not move from {} to {} yet: {}", room.id(), from, to, e.getMessage());
            return false;
        }
        Boolean moved = transactions.execute(status -> {
            if (!moves.move(room.id(), from, to)) {
                return false;
            }
            providerRooms.replaced(room.id(), to, providerRoomId);
            outbox.roomMoved(room.id());
            return true;
        });
        if (Boolean.TRUE.equals(moved)) {
            stranded.remove(room.id());
            Counter.builder("tribune.provider.failovers").tag("from", from).tag("to", to)
                    .description("live rooms moved off a provider that was down").register(meters).increment();
            log.warn("Room {} moved from {} (down) to {}, with {} people", room.id(), from, to, room.participants());
        }
        return Boolean.TRUE.equals(moved);
    }
}
