package dev.tribune.stage;

import dev.tribune.accounts.UserDirectory;
import dev.tribune.accounts.UserRef;
import dev.tribune.events.PersonalFrames;
import dev.tribune.media.ProviderRooms;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.RtcProviders;
import dev.tribune.rooms.StageRole;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code media.grant}: the log keeps only that a grant is due; the grant itself, with its token, is minted for the
 * participant's role at the moment the frame is sent, so a replay never hands out a stale or stolen token.
 */
@Component
class MediaGrantFrames implements PersonalFrames {

    private final JdbcClient jdbc;
    private final RtcProviders providers;
    private final UserDirectory users;
    private final ProviderRooms providerRooms;

    MediaGrantFrames(JdbcClient jdbc, RtcProviders providers, UserDirectory users, ProviderRooms providerRooms) {
        this.providerRooms = providerRooms;
        this.jdbc = jdbc;
        this.providers = providers;
        this.users = users;
    }

    @Override
    public Optional<Object> dataFor(String type, UUID roomId, UUID userId) {
        if (!StageEvent.MediaGrantDue.TYPE.equals(type)) {
            return Optional.empty();
        }
        record Seat(String provider, StageRole role) {
        }
        Optional<Seat> seat = jdbc.sql("""
                SELECT r.provider, p.role FROM participants p JOIN rooms r ON r.id = p.room_id
                WHERE p.room_id = ? AND p.user_id = ? AND p.left_at IS NULL AND r.status = 'LIVE'""")
                .params(roomId, userId)
                .query((rs, n) -> new Seat(rs.getString(1), StageRole.valueOf(rs.getString(2)))).optional();
        if (seat.isEmpty()) {
            return Optional.of(Map.of("media", Map.of()));
        }
        Optional<RtcProvider.ProviderRoom> providerRoom = providerRooms.find(roomId);
        if (providerRoom.isEmpty()) {
            // the vendor closed its room: the client joins again, which makes a new one and brings a fresh grant
            return Optional.of(Map.of("media", Map.of()));
        }
        String name = users.find(userId).map(UserRef::displayName).orElse(null);
        RtcProvider provider = providers.of(seat.get().provider());
        return Optional.of(Map.of("media", provider.grant(new RtcProvider.GrantRequest(roomId, providerRoom.get().providerRoomId(), userId,
                name, seat.get().role().onPanel()))));
    }
}
