package dev.tribune.media;

import dev.tribune.shared.ApiException;
import dev.tribune.shared.StartupFailure;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * Which RTC providers this deployment can put a room on, and which one new rooms get by default. Mesh is always
 * active; a vendor adapter is active when its settings are present (its SPI registration lands with the stage).
 */
@Service
public class RtcProviders {

    private final Set<String> active;
    private final String defaultProvider;

    RtcProviders(RtcProperties properties) {
        this.active = new TreeSet<>(Set.of("mesh"));
        this.defaultProvider = properties.provider().toLowerCase(Locale.ROOT).strip();
        if (!active.contains(defaultProvider)) {
            throw new StartupFailure("tribune.rtc.provider is '" + properties.provider() + "', which is not an active provider here "
                    + "(active: " + String.join(", ", active) + ").",
                    "Set tribune.rtc.provider to one of " + String.join(", ", active)
                            + ", or configure that provider's tribune.rtc.<provider>.* settings.", null);
        }
    }

    public String defaultProvider() {
        return defaultProvider;
    }

    public Set<String> active() {
        return Set.copyOf(active);
    }

    /** The provider a new room asked for, or the default; a 400 naming the field when it is not active. */
    public String choose(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultProvider;
        }
        String name = requested.toLowerCase(Locale.ROOT).strip();
        if (!active.contains(name)) {
            throw ApiException.invalid("provider", "must be an active provider: one of " + String.join(", ", active));
        }
        return name;
    }
}
