package dev.tribune.events;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param pollInterval     how often each instance re-reads the logs of its subscribed rooms, in case a ring was lost
 * @param outboxFrames     frames a socket may have waiting before it is closed as too slow (4408)
 * @param maxBadFrames     malformed or refused frames a socket may send before it is closed (1008)
 * @param retainEvents     events kept per room at least, beside {@code retainFor}
 * @param retainFor        how long events are kept at least
 * @param leaseTerm        how long an instance's lease lasts unrenewed (renewed every third of it): after it, plus the
 *                         presence grace, the participants of an instance that died without warning are marked left
 */
@Validated
@ConfigurationProperties("tribune.events")
record EventsProperties(
        @NotNull @DefaultValue("2s") Duration pollInterval,
        @Min(16) @DefaultValue("2000") int outboxFrames,
        @Min(1) @DefaultValue("20") int maxBadFrames,
        @Min(1) @DefaultValue("10000") int retainEvents,
        @NotNull @DefaultValue("24h") Duration retainFor,
        @NotNull @DefaultValue("30s") Duration leaseTerm) {
}
