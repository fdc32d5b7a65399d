package dev.tribune.media;

import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.RtcProvider.Probe.Outcome;
import dev.tribune.shared.PeriodicProbe;
import dev.tribune.shared.StartupFailure;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
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
 *
 * <p>The first round runs before anything is served, and a provider it finds misconfigured (the vendor refuses
 * Tribune's credentials, or its set-up breaks a guarantee: {@link RtcProvider.Probe#misconfigured}) stops start-up
 * with the vendor's reason, one line per provider: waiting would not help, and every join would fail. One that cannot be
 * reached does not: it may come back, and health says so meanwhile.
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

    record Verdict(Outcome outcome, String reason, Instant since) {

        boolean reachable() {
            return outcome == Outcome.REACHABLE;
        }
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
                    ? Map.of("reachable", false, "state", "unprobed", "reason", "not probed yet")
                    : Map.of("reachable", verdict.reachable(), "state", verdict.outcome().name().toLowerCase(Locale.ROOT),
                            "reason", verdict.reason(), "since", verdict.since().toString()));
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
        List<String> misconfigured = providers.active().stream().sorted()
                .filter(name -> verdicts.get(name) != null && verdicts.get(name).outcome() == Outcome.MISCONFIGURED)
                .map(name -> "  - " + name + ": " + verdicts.get(name).reason())
                .toList();
        if (!misconfigured.isEmpty()) {
            prober.stop();
            throw new StartupFailure("An RTC provider refuses Tribune's configuration:\n" + String.join("\n", misconfigured),
                    "Fix what each line names (the provider's tribune.rtc.<provider>.* settings, or its set-up at the vendor). "
                            + "A provider adapter turns off when the key that enables it is removed.", null);
        }
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
        Instant since = before != null && before.outcome() == probe.outcome() ? before.since() : clock.instant();
        verdicts.put(name, new Verdict(probe.outcome(), probe.reason(), since));
        if (before != null && before.outcome() == probe.outcome() || before == null && probe.reachable()) {
            return;
        }
        String readiness = name.equals(providers.defaultProvider()) ? " (the default: readiness DOWN)" : "";
        switch (probe.outcome()) {
            case REACHABLE -> log.info("Provider {} is reachable again", name);
            case UNREACHABLE -> log.warn("Provider {} cannot be reached{}: {}", name, readiness, probe.reason());
            case MISCONFIGURED -> log.error("Provider {} refuses Tribune's configuration{}: {}", name, readiness, probe.reason());
        }
    }
}
