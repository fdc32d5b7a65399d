package dev.tribune.stage;

import dev.tribune.media.RtcProviders;
import dev.tribune.media.spi.RtcProvider;
import dev.tribune.rooms.Room;
import dev.tribune.shared.ApiException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The panel is as large as the room's provider carries ({@code Capabilities.maxSpeakers}): the mesh's 8 browsers
 * sending to each other, Twilio's 16 (a subscriber holds 20 subscribe rules), Janus's setting. Past it the provider
 * would drop someone's audio or the browsers would choke, so a promotion that would pass it is refused with 409
 * {@code /problems/stage-full} and the host decides who steps down. Called while the stage act holds the room's row
 * ({@code StageGuard.live}), so two promotions at once cannot both take the last place.
 */
@Component
class PanelCapacity {

    private final JdbcClient jdbc;
    private final RtcProviders providers;

    PanelCapacity(JdbcClient jdbc, RtcProviders providers) {
        this.jdbc = jdbc;
        this.providers = providers;
    }

    /** Throws unless one more person fits on the room's panel. */
    void requireSeat(Room room) {
        RtcProvider provider = providers.of(room.provider());
        int max = provider.capabilities().maxSpeakers();
        // speaker_count: the people present on the panel, HOST included, kept by Seats with every change
        int panel = jdbc.sql("SELECT speaker_count FROM rooms WHERE id = ?").param(room.id()).query(Integer.class).single();
        if (panel >= max) {
            throw new ApiException(StageProblems.STAGE_FULL, "The stage is full: " + provider.name() + " rooms carry at most "
                    + max + " people on the panel. Move someone back to the audience first.");
        }
    }
}
