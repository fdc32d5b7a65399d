package dev.tribune.stage;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.media.ProviderRooms;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Entering a room, in two phases: the vendor room is made first, outside any transaction, and only then does the
 * transactional {@link StageService#join} take the room's row. No vendor call is made while that row is held, and a
 * vendor that is down gives 503 with nothing written. Deliberately not {@code @Transactional}: wrapping both phases
 * in one transaction would hold a database connection (and, after the join's lock, the row) across the vendor call.
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
        providerRooms.ensure(roomId, stage.joinable(caller, roomId, inviteCode).provider());
        return stage.join(caller, roomId, inviteCode);
    }
}
