package dev.tribune.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final MutableClock clock = new MutableClock();
    private final RateLimiter limiter = new RateLimiter(clock);
    private final RateLimit fivePerTenSeconds = new RateLimit(5, Duration.ofSeconds(10));

    @Test
    void aBurstUpToTheLimitPassesAndTheNextIsRefusedWithTheWaitUntilOneMoreIsAllowed() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire("user:1", fivePerTenSeconds, "slow down");
        }
        assertThatThrownBy(() -> limiter.acquire("user:1", fivePerTenSeconds, "slow down"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.type()).isEqualTo(ProblemType.RATE_LIMITED);
                    assertThat(e.getMessage()).isEqualTo("slow down");
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2));
                });
    }

    @Test
    void permitsComeBackOverTheWindow() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire("user:2", fivePerTenSeconds, "slow down");
        }
        clock.advance(Duration.ofSeconds(2));
        limiter.acquire("user:2", fivePerTenSeconds, "slow down");
        assertThatThrownBy(() -> limiter.acquire("user:2", fivePerTenSeconds, "slow down")).isInstanceOf(ApiException.class);
    }

    @Test
    void keysAreLimitedSeparately() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire("user:3", fivePerTenSeconds, "slow down");
        }
        limiter.acquire("user:4", fivePerTenSeconds, "slow down");
    }

    @Test
    void aRefusedAttemptDoesNotSpendAPermit() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire("user:5", fivePerTenSeconds, "slow down");
        }
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> limiter.acquire("user:5", fivePerTenSeconds, "slow down")).isInstanceOf(ApiException.class);
        }
        clock.advance(Duration.ofSeconds(2));
        limiter.acquire("user:5", fivePerTenSeconds, "slow down");
    }

    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
