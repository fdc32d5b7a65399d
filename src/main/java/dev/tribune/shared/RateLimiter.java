package dev.tribune.shared;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token buckets keyed by whatever is being limited ("auth:203.0.113.7", "chat:user:..."), held in this
 * instance's memory. Limits are per instance: with N instances behind a balancer a client gets at most N times
 * the limit, which is fine for abuse protection and costs no database round trip per request.
 */
@Component
public class RateLimiter {

    private final Clock clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(Clock clock) {
        this.clock = clock;
    }

    /**
     * Takes one permit for {@code key}, or throws a 429 problem saying when to retry.
     */
    public void acquire(String key, RateLimit limit, String detail) {
        long now = clock.millis();
        long[] wait = {0};
        buckets.compute(key, (k, bucket) -> {
            Bucket current = bucket == null ? Bucket.full(limit, now) : bucket.refill(limit, now);
            if (current.tokens >= 1) {
                return new Bucket(current.tokens - 1, now);
            }
            wait[0] = (long) Math.ceil((1 - current.tokens) * millisPerToken(limit));
            return current;
        });
        if (wait[0] > 0) {
            throw ApiException.rateLimited(detail, Duration.ofMillis(wait[0]));
        }
    }

    /** Forgets buckets that have refilled completely, so the map holds only clients seen lately. */
    @Scheduled(fixedDelayString = "PT1M")
    void forgetIdleBuckets() {
        long idle = clock.millis() - Duration.ofHours(1).toMillis();
        buckets.values().removeIf(b -> b.updatedAt < idle);
    }

    private static double millisPerToken(RateLimit limit) {
        return (double) limit.window().toMillis() / limit.permits();
    }

    private record Bucket(double tokens, long updatedAt) {

        static Bucket full(RateLimit limit, long now) {
            return new Bucket(limit.permits(), now);
        }

        Bucket refill(RateLimit limit, long now) {
            double added = (now - updatedAt) / millisPerToken(limit);
            return new Bucket(Math.min(limit.permits(), tokens + added), now);
        }
    }
}
