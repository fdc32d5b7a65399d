package dev.tribune.rooms;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param unusedTimeout   a LIVE room with nobody present that nobody has joined for this long ends by itself
 * @param scheduledGrace  a SCHEDULED room not started this long after its time is cancelled
 * @param maxScheduleAhead how far ahead a room may be scheduled
 * @param sweepInterval   how often the rooms that should end by themselves are looked for
 */
@Validated
@ConfigurationProperties("tribune.rooms")
record RoomsProperties(
        @NotNull @DefaultValue("10m") Duration unusedTimeout,
        @NotNull @DefaultValue("1h") Duration scheduledGrace,
        @NotNull @DefaultValue("90d") Duration maxScheduleAhead,
        @NotNull @DefaultValue("30s") Duration sweepInterval) {
}
