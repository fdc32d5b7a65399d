package dev.tribune.media.provider.hms;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The two JWTs 100ms accepts, both HS256 with the app secret and {@code version: 2}: the management token that
 * authenticates our REST calls, and the app token a browser joins a room with.
 *
 * <p>Both are dated {@link #SKEW} in the past ({@code iat = nbf}) so a vendor clock a little behind ours does not
 * refuse them as not yet valid; {@code exp} counts from that same instant, so a token never lives longer than its
 * stated lifetime.
 */
class HmsTokens {

    /** An app token (a join grant) lives 10 minutes: the client joins again to refresh it (API.md "media"). */
    static final Duration APP_TOKEN_TTL = Duration.ofMinutes(10);
    /** The management token is kept and reused for an hour, and replaced this long before it runs out. */
    static final Duration MANAGEMENT_TOKEN_TTL = Duration.ofHours(1);
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);
    static final Duration SKEW = Duration.ofSeconds(10);

    /** An app token and when it stops working. */
    record AppToken(String token, Instant expiresAt) {
    }

    private record Held(String token, Instant expiresAt) {
    }

    private final String accessKey;
    private final Algorithm algorithm;
    private final Clock clock;
    private Held management;

    HmsTokens(String accessKey, String appSecret, Clock clock) {
        this.accessKey = accessKey;
        this.algorithm = Algorithm.HMAC256(appSecret);
        this.clock = clock;
    }

    /** The management token in use, minted anew when there is none or it runs out within {@link #RENEW_BEFORE}. */
    synchronized String management() {
        Instant now = clock.instant();
        if (management == null || !now.isBefore(management.expiresAt().minus(RENEW_BEFORE))) {
            management = mintManagement(now);
        }
        return management.token();
    }

    /** Forgets the management token in use, unless another thread already replaced it; 100ms refused it (401). */
    synchronized void managementRefused(String refused) {
        if (management != null && management.token().equals(refused)) {
            management = null;
        }
    }

    private Held mintManagement(Instant now) {
        Instant from = now.minus(SKEW);
        Instant expires = from.plus(MANAGEMENT_TOKEN_TTL);
        String token = JWT.create()
                .withClaim("access_key", accessKey)
                .withClaim("type", "management")
                .withClaim("version", 2)
                .withJWTId(UUID.randomUUID().toString())
                .withIssuedAt(from)
                .withNotBefore(from)
                .withExpiresAt(expires)
                .sign(algorithm);
        return new Held(token, expires);
    }

    /** The token a peer joins {@code roomId} (100ms' room id) with, as {@code userId} in {@code role}. */
    AppToken app(String roomId, String userId, String role) {
        Instant from = clock.instant().minus(SKEW);
        Instant expires = from.plus(APP_TOKEN_TTL);
        String token = JWT.create()
                .withClaim("access_key", accessKey)
                .withClaim("room_id", roomId)
                .withClaim("user_id", userId)
                .withClaim("role", role)
                .withClaim("type", "app")
                .withClaim("version", 2)
                .withJWTId(UUID.randomUUID().toString())
                .withIssuedAt(from)
                .withNotBefore(from)
                .withExpiresAt(expires)
                .sign(algorithm);
        return new AppToken(token, expires);
    }
}
