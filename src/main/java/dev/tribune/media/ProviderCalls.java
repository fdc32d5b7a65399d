package dev.tribune.media;

import dev.tribune.media.spi.ProviderUnavailable;
import dev.tribune.media.spi.RtcProvider;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Every call that may reach a vendor goes through here, one circuit breaker per provider: when a vendor keeps
 * failing, joins answer 503 at once instead of each waiting for a timeout, and the outbox worker backs off.
 * There is deliberately no retry here: adapters' HTTP clients have timeouts (and twilio-java retries 5xx by itself),
 * and the outbox is the one place that retries later, so retries never multiply.
 */
@Component
class ProviderCalls {

    private final CircuitBreakerRegistry breakers;

    ProviderCalls(RtcProperties properties) {
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
    }

    <T> T call(RtcProvider provider, Supplier<T> call) {
        CircuitBreaker breaker = breakers.circuitBreaker(provider.name());
        try {
            return breaker.executeSupplier(call);
        } catch (CallNotPermittedException e) {
            throw new ProviderUnavailable(provider.name() + " is failing; calls are paused for a while", e);
        }
    }

    void run(RtcProvider provider, Runnable call) {
        call(provider, () -> {
            call.run();
            return null;
        });
    }

    /**
     * Probes the provider, and never throws: what it throws is an unreachable verdict with the reason. While the
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
        } catch (RuntimeException e) {
            return RtcProvider.Probe.unreachable(String.valueOf(e.getMessage()));
        }
    }

    /** For health reporting and tests: CLOSED, OPEN or HALF_OPEN. */
    String state(String provider) {
        return breakers.circuitBreaker(provider).getState().name();
    }
}
