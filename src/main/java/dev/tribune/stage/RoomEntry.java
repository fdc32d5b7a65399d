package dev.tribune.stage;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.media.ProviderRooms;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Entering a room, in two phases: the vendor room is made first, outside any transaction, and only then does
 * {@link StageService#join} seat the caller (through the room's {@link Arrivals}, which take the room's row). No vendor
 * call is made while that row is held, and a vendor that is down gives 503 with nothing written. Deliberately not
 * {@code @Transactional}: a transaction around both phases would hold a database connection across the vendor call
 * and the wait for the batch.
 */
@Service
class RoomEntry {

    private final StageService stage;
    private final ProviderRooms providerRooms;

    RoomEntry(StageService stage, ProviderRooms providerRooms) {
        this.stage = stage;
        this.providerRooms = providerRooms;
    }

    /** Joins (or rejoins, refreshing the media grant); a room the caller cannot join never causes a vendor call. */
    StageService.Joined enter(AuthenticatedUser caller, UUID roomId, String inviteCode) {
        Seats.Entry entry = stage.joinable(caller, roomId, inviteCode);
        return stage.join(caller, entry, entry.providerRoom().orElseGet(() -> providerRooms.ensure(roomId, entry.room().provider())));
    }
}
