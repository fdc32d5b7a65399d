package dev.tribune.media;

import dev.tribune.media.spi.RtcProvider;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.StartupFailure;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Which RTC providers this deployment can put a room on, and which one new rooms get by default. An adapter is
 * active when it is a bean: mesh always, a vendor's when its settings are present.
 */
@Service
public class RtcProviders {

    private final Map<String, RtcProvider> providers;
    private final Set<String> active;
    private final String defaultProvider;

    RtcProviders(RtcProperties properties, List<RtcProvider> adapters) {
        this.providers = new TreeMap<>(adapters.stream().collect(Collectors.toMap(RtcProvider::name, Function.identity())));
        this.active = providers.keySet();
        this.defaultProvider = properties.provider().toLowerCase(Locale.ROOT).strip();
        if (!active.contains(defaultProvider)) {
            throw new StartupFailure("tribune.rtc.provider is '" + properties.provider() + "', which is not an active provider here "
                    + "(active: " + String.join(", ", active) + ").",
                    "Set tribune.rtc.provider to one of " + String.join(", ", active)
                            + ", or configure that provider's tribune.rtc.<provider>.* settings.", null);
        }
    }

    /** The adapter a room was put on. */
    public RtcProvider of(String name) {
        RtcProvider provider = providers.get(name);
        if (provider == null) {
            throw new IllegalStateException("provider '" + name + "' is no longer active; configure it again");
        }
        return provider;
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
