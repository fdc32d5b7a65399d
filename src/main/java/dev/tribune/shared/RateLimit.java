package dev.tribune.shared;

import java.time.Duration;

/** At most {@code permits} actions per {@code window}, refilled evenly (a token bucket). */
public record RateLimit(int permits, Duration window) {

    public RateLimit {
        if (permits < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a rate limit needs at least one permit and a positive window");
        }
    }
}
