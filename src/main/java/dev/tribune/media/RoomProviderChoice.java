package dev.tribune.media;

import dev.tribune.rooms.ProviderChoice;
import org.springframework.stereotype.Component;

/** Media's answer to rooms' {@link ProviderChoice}: any active provider, or the configured default. */
@Component
class RoomProviderChoice implements ProviderChoice {

    private final RtcProviders providers;

    RoomProviderChoice(RtcProviders providers) {
        this.providers = providers;
    }

    @Override
    public String choose(String requested) {
        return providers.choose(requested);
    }
}
