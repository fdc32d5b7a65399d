package dev.tribune.media;

import dev.tribune.media.spi.ProviderMisconfigured;
import dev.tribune.media.spi.ProviderUnavailable;
import dev.tribune.media.spi.RtcProvider;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every call that may reach a vendor goes through here, one circuit breaker per provider: when a vendor keeps
 * failing, joins answer 503 at once instead of each waiting for a timeout, and the outbox worker backs off.
 * There is deliberately no retry here: adapters' HTTP clients have timeouts (and twilio-java retries 5xx by itself),
 * and the outbox is the one place that retries later, so retries never multiply.
 *
 * <p>Whatever a vendor call throws reaches the caller as {@link ProviderUnavailable}: a join answers 503 with
 * Retry-After, never 500, for a vendor's problem. A refusal (a {@link ProviderMisconfigured} or any other) is logged
 * here with the vendor's words, which are for the operator, and the caller's problem says only that the provider
 * refused; the breaker still counts outages only.
 */
@Component
class ProviderCalls {

    private static final Logger log = LoggerFactory.getLogger(ProviderCalls.class);

    private final CircuitBreakerRegistry breakers;
    private final MeterRegistry meters;

    ProviderCalls(RtcProperties properties, MeterRegistry meters) {
        this.meters = meters;
        RtcProperties.Breaker settings = properties.breaker();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRatePercent())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                // only an unreachable vendor counts; a vendor's "no" to one request says nothing about its health
                .recordExceptions(ProviderUnavailable.class)
                .build());
        // a breaker is made on a provider's first call or probe (the health probe's, at start): its gauges with it
        breakers.getEventPublisher().onEntryAdded(added -> breakerGauges(added.getAddedEntry()));
    }

    /** One gauge per state, 1 for the breaker's state now, 0 for the others: {@code max by (provider)} is never empty. */
    private void breakerGauges(CircuitBreaker breaker) {
        for (CircuitBreaker.State state : new CircuitBreaker.State[] {CircuitBreaker.State.CLOSED, CircuitBreaker.State.OPEN,
                CircuitBreaker.State.HALF_OPEN}) {
            Gauge.builder("tribune.provider.breaker.state", breaker, b -> b.getState() == state ? 1 : 0)
                    .tag("provider", breaker.getName()).tag("state", state.name().toLowerCase(Locale.ROOT))
                    .description("1 while the provider's circuit breaker is in this state, else 0")
                    .register(meters);
        }
    }

    /** Calls that reached the vendor (success, error) and calls the open breaker refused without reaching it. */
    private Timer callTimer(String provider, String outcome) {
        return Timer.builder("tribune.provider.calls").tag("provider", provider).tag("outcome", outcome)
                .description("calls to an RTC provider: success, error (threw), refused (breaker open, not sent)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }

    <T> T call(RtcProvider provider, Supplier<T> call) {
        CircuitBreaker breaker = breakers.circuitBreaker(provider.name());
        Timer.Sample sample = Timer.start(meters);
        String outcome = "error";
        try {
            T result = breaker.executeSupplier(call);
            outcome = "success";
            return result;
        } catch (CallNotPermittedException e) {
            outcome = "refused";
            throw new ProviderUnavailable(provider.name() + " is failing; calls are paused for a while", e);
        } catch (ProviderUnavailable e) {
            throw e;
        } catch (RuntimeException e) {
            throw refused(provider.name(), e);
        } finally {
            sample.stop(callTimer(provider.name(), outcome));
        }
    }

    private static ProviderUnavailable refused(String provider, RuntimeException e) {
        if (e instanceof ProviderMisconfigured) {
            log.error("{} refuses Tribune's configuration: {}", provider, e.getMessage());
            return new ProviderUnavailable(provider + " is not set up correctly here; the operators can see why in the log and health", e);
        }
        log.error("{} refused a call", provider, e);
        return new ProviderUnavailable(provider + " refused the request; the operators can see why in the log", e);
    }

    void run(RtcProvider provider, Runnable call) {
        call(provider, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Probes the provider, and never throws: a {@link ProviderMisconfigured} it throws is a misconfigured verdict,
     * anything else an unreachable one, with the reason. While the
     * breaker is open the vendor is not called at all (it is reported as paused). A probe's outcome is not recorded
     * in the breaker: a provider whose probe reaches nothing (mesh) must not close a breaker that real calls opened,
     * and a probe must not take the one call a half-open breaker lets through to test the vendor.
     */
    RtcProvider.Probe probe(RtcProvider provider) {
        if (breakers.circuitBreaker(provider.name()).getState() == CircuitBreaker.State.OPEN) {
            return RtcProvider.Probe.unreachable(provider.name() + " kept failing; calls are paused for a while");
        }
        try {
            RtcProvider.Probe probe = provider.probe();
            return probe == null ? RtcProvider.Probe.unreachable(provider.name() + "'s probe answered nothing") : probe;
        } catch (ProviderMisconfigured e) {
            return RtcProvider.Probe.misconfigured(String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            return RtcProvider.Probe.unreachable(String.valueOf(e.getMessage()));
        }
    }

    /** For health reporting and tests: CLOSED, OPEN or HALF_OPEN. */
    String state(String provider) {
        return breakers.circuitBreaker(provider).getState().name();
    }
}
