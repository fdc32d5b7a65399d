package dev.tribune.shared;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How gauges read from the database are sampled ({@link SampledGauges}).
 *
 * @param sampleInterval how often they are read: a scrape shows the last reading, at most this old
 * @param queryTimeout   longest one reading may run before it is given up and its gauges read as unknown (NaN)
 */
@Validated
@ConfigurationProperties("tribune.metrics")
public record MetricsProperties(
        @NotNull @DefaultValue("15s") Duration sampleInterval,
        @NotNull @DefaultValue("2s") Duration queryTimeout) {
}
