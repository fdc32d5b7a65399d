package dev.tribune.media;

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

    /** For health reporting and tests: CLOSED, OPEN or HALF_OPEN. */
    String state(String provider) {
        return breakers.circuitBreaker(provider).getState().name();
    }
}
