package dev.tribune.media;

import dev.tribune.media.spi.OpenProviderRooms;
import dev.tribune.media.spi.ProviderUnavailable;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The media module's API for the vendor room behind a Tribune room: made on demand through the provider (outside any
 * transaction: a vendor call must never hold a room's row), remembered in {@code provider_rooms}.
 */
@Component
public class ProviderRooms implements OpenProviderRooms {

    private final JdbcClient jdbc;
    private final RtcProviders providers;
    private final ProviderCalls calls;
    private final Clock clock;

    ProviderRooms(JdbcClient jdbc, RtcProviders providers, ProviderCalls calls, Clock clock) {
        this.jdbc = jdbc;
        this.providers = providers;
        this.calls = calls;
        this.clock = clock;
    }

    /**
     * The vendor room, made now if there is none (or the vendor closed it). Idempotent: two joins racing both ask
     * the vendor, whose create is itself idempotent per room name, and the first answer stored wins.
     *
     * @throws ProviderUnavailable when the vendor cannot be reached
     */
    public ProviderRoom ensure(UUID roomId, String providerName) {
        Optional<ProviderRoom> known = find(roomId);
        if (known.isPresent()) {
            return known.get();
        }
        RtcProvider provider = providers.of(providerName);
        String providerRoomId = calls.call(provider, () -> provider.ensureRoom(roomId));
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                INSERT INTO provider_rooms (room_id, provider, provider_room_id, ensured_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (room_id) DO UPDATE SET provider_room_id = EXCLUDED.provider_room_id,
                    ensured_at = EXCLUDED.ensured_at, closed_at = NULL
                WHERE provider_rooms.closed_at IS NOT NULL""")
                .params(roomId, providerName, providerRoomId, now).update();
        return find(roomId).orElseThrow();
    }

    /** The open vendor room, if one was made and the vendor has not closed it. */
    public Optional<ProviderRoom> find(UUID roomId) {
        return jdbc.sql("SELECT provider_room_id FROM provider_rooms WHERE room_id = ? AND closed_at IS NULL")
                .param(roomId)
                .query((rs, n) -> new ProviderRoom(roomId, rs.getString(1)))
                .optional();
    }

    /**
     * The open vendor rooms on one provider: made and not closed. A provider that lost its rooms (a media server
     * restarted) makes them again from this list.
     */
    @Override
    public List<ProviderRoom> open(String providerName) {
        return jdbc.sql("SELECT room_id, provider_room_id FROM provider_rooms WHERE provider = ? AND closed_at IS NULL")
                .param(providerName)
                .query((rs, n) -> new ProviderRoom(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
    }

    /** The room moved to another provider, whose room for it is {@code providerRoomId}; in the move's transaction. */
    void replaced(UUID roomId, String providerName, String providerRoomId) {
        jdbc.sql("""
                INSERT INTO provider_rooms (room_id, provider, provider_room_id, ensured_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (room_id) DO UPDATE SET provider = EXCLUDED.provider, provider_room_id = EXCLUDED.provider_room_id,
                    ensured_at = EXCLUDED.ensured_at, closed_at = NULL""")
                .params(roomId, providerName, providerRoomId, Timestamp.from(clock.instant())).update();
    }

    /** The vendor closed its room at {@code at}: forget it, unless it was made again after that. */
    void closed(UUID roomId, Instant at) {
        jdbc.sql("UPDATE provider_rooms SET closed_at = ? WHERE room_id = ? AND closed_at IS NULL AND ensured_at <= ?")
                .params(Timestamp.from(at), roomId, Timestamp.from(at)).update();
    }
}
