package dev.tribune.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * What the fan-out measures of itself: frames handed to sockets, and how long after its append an event was handed
 * to this instance's subscribers. Both are booked once per batch or per event, never per frame: the fan-out's inner
 * loop only counts into a local int.
 */
@Component
class DeliveryMetrics {

    private final Counter delivered;
    private final Timer lag;
    private final Clock clock;

    DeliveryMetrics(MeterRegistry meters, Clock clock) {
        this.clock = clock;
        this.delivered = Counter.builder("tribune.events.delivered")
                .description("room event frames handed to sockets (live and replayed)").register(meters);
        this.lag = Timer.builder("tribune.events.delivery.lag")
                .description("from an event's append to its frame handed to the last of this instance's subscribers")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters);
    }

    void delivered(int frames) {
        if (frames > 0) {
            delivered.increment(frames);
        }
    }

    /** Appended on another instance, an event's time is that instance's clock: skew is read as no lag, not negative. */
    void handedOver(Instant appendedAt) {
        lag.record(Math.max(0, clock.millis() - appendedAt.toEpochMilli()), TimeUnit.MILLISECONDS);
    }
}
