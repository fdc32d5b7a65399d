package dev.tribune.media.provider.fakefour;

import dev.tribune.media.ProviderOutbox;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;

/** Architecture-test fixture: an adapter that reaches past the SPI into the media core (its outbox). */
public class OutboxWritingAdapter {

    void changed(ProviderOutbox outbox, ProviderRoom room) {
        outbox.roomChanged(room.roomId());
    }
}
