package dev.tribune.stage;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a room's joins are committed together ({@link Arrivals}).
 *
 * @param maxBatch     the most arrivals one transaction seats; more waiting go in the next one
 * @param answerWithin the longest a join waits for its batch to commit before it answers 503 (try again); longer
 *                     than the pool's connection timeout and the lock timeout, so that a database that is away is
 *                     reported as such first
 */
@Validated
@ConfigurationProperties("tribune.stage.arrivals")
record ArrivalsProperties(@Min(1) @Max(2000) @DefaultValue("500") int maxBatch,
        @NotNull @DefaultValue("20s") Duration answerWithin) {
}
