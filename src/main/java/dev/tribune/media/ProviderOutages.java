package dev.tribune.media;

import dev.tribune.media.spi.RtcProvider;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Which providers count as down for failover, and where a room goes instead. A provider is down once its probes have
 * failed (or its breaker has been open) for {@code tribune.rtc.failover-after}: a blip shorter than that moves nothing.
 * It is up again as soon as one probe reaches it, so new rooms go back to it at once; rooms already moved stay where
 * they are (moving a room is a switch every listener hears).
 */
@Component
class ProviderOutages {

    private final RtcProviders providers;
    private final ProviderHealth health;
    private final RtcProperties properties;
    private final Clock clock;

    ProviderOutages(RtcProviders providers, ProviderHealth health, RtcProperties properties, Clock clock) {
        this.providers = providers;
        this.health = health;
        this.properties = properties;
        this.clock = clock;
    }

    boolean isDown(String provider) {
        return health.unreachableSince(provider)
                .map(since -> !since.plus(properties.failoverAfter()).isAfter(clock.instant()))
                .orElse(false);
    }

    /**
     * The first provider of {@code tribune.rtc.failover-to} that is active, not {@code failed}, reachable by its last
     * probe, and whose caps hold the room as it is now; empty when none can.
     */
    Optional<String> replacementFor(String failed, int participants, int speakers) {
        for (String candidate : properties.failoverTo()) {
            String name = candidate.toLowerCase(Locale.ROOT).strip();
            if (name.equals(failed) || !providers.active().contains(name) || health.unreachableSince(name).isPresent()) {
                continue;
            }
            RtcProvider.Capabilities caps = providers.of(name).capabilities();
            if (participants <= caps.maxParticipants() && speakers <= caps.maxSpeakers()) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    /** The provider a new room goes on: the one chosen, or its replacement while it is down. */
    String forNewRoom(String chosen) {
        return isDown(chosen) ? replacementFor(chosen, 0, 0).orElse(chosen) : chosen;
    }
}
