package dev.tribune.media.provider.fakefive;

import dev.tribune.media.spi.ReconcileRequests;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import java.util.UUID;

/** Architecture-test fixture: an adapter that keeps to the SPI and its own package. */
public class SpiOnlyAdapter {

    public record Settings(String url) {
    }

    void changed(ReconcileRequests reconciles, ProviderRoom room, Settings settings) {
        if (settings.url() != null) {
            reconciles.reconcileSoon(room.roomId(), UUID.randomUUID());
        }
    }
}
