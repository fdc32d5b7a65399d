package dev.tribune.media;

import dev.tribune.media.spi.RtcProvider;
import dev.tribune.shared.PeriodicProbe;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The active providers' health, written once over the SPI ({@link RtcProvider#probe}) for every adapter, as
 * spring-cloud-commons' {@code DiscoveryClientHealthIndicator} is over {@code DiscoveryClient}. Each provider is probed
 * on this bean's own thread every {@code tribune.rtc.probe-interval}; a health call only reads the last verdicts, so it
 * answers at once however slow a vendor is. DOWN when the default provider ({@code tribune.rtc.provider}) cannot be
 * reached, since new rooms go there: it is in the readiness group. Another provider that cannot be reached shows in
 * the details but leaves the instance ready (its rooms answer 503 on their own, through the breaker).
 */
@Component("providers")
class ProviderHealth implements HealthIndicator, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ProviderHealth.class);

    private final RtcProviders providers;
    private final ProviderCalls calls;
    private final RtcProperties properties;
    private final Clock clock;
    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    private final PeriodicProbe prober;

    record Verdict(boolean reachable, String reason, Instant since) {
    }

    ProviderHealth(RtcProviders providers, ProviderCalls calls, RtcProperties properties, Clock clock) {
        this.providers = providers;
        this.calls = calls;
        this.properties = properties;
        this.clock = clock;
        // the first round runs before serving, so readiness starts from a verdict (bounded by the adapters' timeouts)
        this.prober = new PeriodicProbe("provider-probes", properties.probeInterval(), this::probeAll);
    }

    @Override
    public Health health() {
        String main = providers.defaultProvider();
        Verdict defaultVerdict = verdicts.get(main);
        Health.Builder health = defaultVerdict != null && defaultVerdict.reachable() ? Health.up() : Health.down();
        health.withDetail("default", main);
        Map<String, Object> details = new TreeMap<>();
        for (String name : providers.active()) {
            Verdict verdict = verdicts.get(name);
            details.put(name, verdict == null
                    ? Map.of("reachable", false, "reason", "not probed yet")
                    : Map.of("reachable", verdict.reachable(), "reason", verdict.reason(), "since", verdict.since().toString()));
        }
        return health.withDetail("providers", details).build();
    }

    /** Since when the provider's probes have failed (or its breaker has been open), empty while it is reachable. */
    Optional<Instant> unreachableSince(String name) {
        Verdict verdict = verdicts.get(name);
        return verdict == null || verdict.reachable() ? Optional.empty() : Optional.of(verdict.since());
    }

    @Override
    public void start() {
        prober.start();
    }

    @Override
    public void stop() {
        prober.stop();
    }

    @Override
    public boolean isRunning() {
        return prober.isRunning();
    }

    /** Judged for as long as the web server serves, like the database's readiness. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void probeAll() {
        for (String name : providers.active()) {
            RtcProvider provider = providers.of(name);
            record(name, calls.probe(provider));
        }
    }

    private void record(String name, RtcProvider.Probe probe) {
        Verdict before = verdicts.get(name);
        Instant since = before != null && before.reachable() == probe.reachable() ? before.since() : clock.instant();
        verdicts.put(name, new Verdict(probe.reachable(), probe.reason(), since));
        if (before != null && before.reachable() != probe.reachable() || before == null && !probe.reachable()) {
            if (probe.reachable()) {
                log.info("Provider {} is reachable again", name);
            } else {
                log.warn("Provider {} cannot be reached{}: {}", name,
                        name.equals(providers.defaultProvider()) ? " (the default: readiness DOWN)" : "", probe.reason());
            }
        }
    }
}
