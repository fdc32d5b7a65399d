package dev.tribune.media;

import dev.tribune.rooms.ProviderChoice;
import org.springframework.stereotype.Component;

/**
 * Media's answer to rooms' {@link ProviderChoice}: any active provider, or the configured default; while that provider
 * is down past {@code tribune.rtc.failover-after}, the one its rooms fail over to (it would be moved there anyway).
 */
@Component
class RoomProviderChoice implements ProviderChoice {

    private final RtcProviders providers;
    private final ProviderOutages outages;

    RoomProviderChoice(RtcProviders providers, ProviderOutages outages) {
        this.providers = providers;
        this.outages = outages;
    }

    @Override
    public String choose(String requested) {
        return outages.forNewRoom(providers.choose(requested));
    }
}
