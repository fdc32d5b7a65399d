package dev.tribune.media.spi;

import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import java.util.List;

/** The vendor rooms the core believes open on a provider, so one that lost its rooms (a restart) can make them again. */
public interface OpenProviderRooms {

    /** Made by {@link RtcProvider#ensureRoom} and not closed since. */
    List<ProviderRoom> open(String providerName);
}
