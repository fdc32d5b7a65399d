package dev.tribune.notifications;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How notices reach people beyond their open sockets.
 *
 * @param pollInterval   how often the workers look for work nobody woke them for (another instance's, a retry come due)
 * @param broadcastChunk recipients told per transaction when a broadcast is expanded
 * @param push           delivery through FCM (only when Firebase is on)
 */
@Validated
@ConfigurationProperties("tribune.notifications")
record NotificationProperties(
        @NotNull @DefaultValue("1s") Duration pollInterval,
        @Min(1) @Max(10_000) @DefaultValue("1000") int broadcastChunk,
        @Valid @NotNull @DefaultValue Push push) {

    /**
     * @param ratePerSecond messages handed to FCM per second by this instance, at most (FCM's own quota is 600,000 a
     *                      minute per project)
     * @param batchSize     outbox rows claimed at once; messages go to {@code sendEach} in lists of at most 500
     * @param workers       batches in flight at once on this instance
     * @param maxAttempts   attempts per notice before it is given up
     * @param backoff       the wait after a first failure, doubled each time, never shorter than FCM's Retry-After
     * @param maxBackoff    the longest wait between attempts
     * @param claimTimeout  how long a claimed row is left to its dispatcher before another may take it (a crashed
     *                      instance's claim runs out)
     */
    record Push(
            @Min(1) @DefaultValue("3000") int ratePerSecond,
            @Min(1) @Max(500) @DefaultValue("500") int batchSize,
            @Min(1) @Max(64) @DefaultValue("4") int workers,
            @Min(1) @DefaultValue("8") int maxAttempts,
            @NotNull @DefaultValue("2s") Duration backoff,
            @NotNull @DefaultValue("10m") Duration maxBackoff,
            @NotNull @DefaultValue("60s") Duration claimTimeout) {
    }
}
