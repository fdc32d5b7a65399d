package dev.tribune.media.provider.fakefive;

import dev.tribune.media.spi.ReconcileRequests;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import dev.tribune.shared.StartupFailure;
import java.util.UUID;

/** Architecture-test fixture: an adapter that keeps to the SPI, its own package and StartupFailure. */
public class SpiOnlyAdapter {

    public record Settings(String url) {
    }

    void changed(ReconcileRequests reconciles, ProviderRoom room, Settings settings) {
        if (settings.url() == null) {
            throw new StartupFailure("no url", "set it", null);
        }
        reconciles.reconcileSoon(room.roomId(), UUID.randomUUID());
    }
}
