package dev.tribune.media;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param provider      the default RTC provider for new rooms; must be an active one
 * @param breaker       when calls to a vendor are paused because it keeps failing
 * @param probeInterval how often each active provider is probed for the {@code providers} health contributor
 * @param failoverAfter how long a provider must stay unreachable (probe failing or breaker open) before its live rooms
 *                      move to another provider and new rooms stop going to it
 * @param failoverTo    where rooms move, in order of preference: the first active, reachable provider (not the failed
 *                      one) whose caps hold the room; names that are not active here are skipped
 */
@Validated
@ConfigurationProperties("tribune.rtc")
record RtcProperties(@DefaultValue("mesh") String provider, @DefaultValue @Valid Breaker breaker,
        @DefaultValue("5s") Duration probeInterval, @NotNull @DefaultValue("15s") Duration failoverAfter,
        @NotNull @DefaultValue({"janus", "mesh"}) List<String> failoverTo) {

    /**
     * @param window             how many recent calls the failure rate is taken over
     * @param minimumCalls       no verdict before this many calls
     * @param failureRatePercent failing share of the window that opens the breaker
     * @param openFor            how long calls are refused before one is let through to test the vendor
     */
    record Breaker(@Min(1) @DefaultValue("10") int window, @Min(1) @DefaultValue("5") int minimumCalls,
            @Min(1) @Max(100) @DefaultValue("50") int failureRatePercent, @DefaultValue("15s") Duration openFor) {
    }
}
