package dev.tribune.media;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param provider the default RTC provider for new rooms; must be an active one
 * @param breaker       when calls to a vendor are paused because it keeps failing
 * @param probeInterval how often each active provider is probed for the {@code providers} health contributor
 */
@Validated
@ConfigurationProperties("tribune.rtc")
record RtcProperties(@DefaultValue("mesh") String provider, @DefaultValue @Valid Breaker breaker,
        @DefaultValue("5s") Duration probeInterval) {

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
