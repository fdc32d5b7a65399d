package dev.tribune.stage;

import dev.tribune.accounts.UserDirectory;
import dev.tribune.accounts.UserRef;
import dev.tribune.events.PersonalFrames;
import dev.tribune.media.ProviderRooms;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.RtcProviders;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * {@code media.grant}: the log keeps only that a grant is due; the grant itself, with its token, is minted for the
 * participant's role at the moment the frame is sent, so a replay never hands out a stale or stolen token.
 */
@Component
class MediaGrantFrames implements PersonalFrames {

    private final Seats seats;
    private final RtcProviders providers;
    private final UserDirectory users;
    private final ProviderRooms providerRooms;

    MediaGrantFrames(Seats seats, RtcProviders providers, UserDirectory users, ProviderRooms providerRooms) {
        this.providerRooms = providerRooms;
        this.seats = seats;
        this.providers = providers;
        this.users = users;
    }

    @Override
    public boolean makesOwnFrames(String type) {
        return StageEvent.MediaGrantDue.TYPE.equals(type);
    }

    @Override
    public Optional<Object> dataFor(String type, UUID roomId, UUID userId) {
        if (!StageEvent.MediaGrantDue.TYPE.equals(type)) {
            return Optional.empty();
        }
        Optional<Seats.LiveSeat> seat = seats.inLiveRoom(roomId, userId);
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
                name, seat.get().role().canPublish()))));
    }
}
