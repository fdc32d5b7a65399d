package dev.tribune.media.provider.janus;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The relay's tokens (janus-contract.md): HS256 JWTs with {@code sub} = user id, {@code room} = Tribune room id and
 * {@code exp}, signed with HMAC-SHA256(api-secret, "tribune janus grant"), so every instance mints and checks the same
 * tokens and no other key is needed. They never reach Janus: the relay checks and strips them.
 */
final class JanusTokens {

    static final String ISSUER = "tribune";
    static final String AUDIENCE = "tribune-janus-relay";
    static final Duration MAX_TTL = Duration.ofMinutes(10);
    private static final String KEY_LABEL = "tribune janus grant";

    record Minted(String token, Instant expiresAt) {
    }

    /** Whose token it is and for which room. */
    record Holder(UUID userId, UUID roomId) {
    }

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Duration ttl;
    private final Clock clock;

    JanusTokens(String apiSecret, Duration ttl, Clock clock) {
        this.algorithm = Algorithm.HMAC256(key(apiSecret));
        this.ttl = ttl.compareTo(MAX_TTL) > 0 ? MAX_TTL : ttl;
        this.clock = clock;
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withClaimPresence("room")
                .withClaimPresence("exp"))
                .build(clock);
    }

    Minted mint(UUID userId, UUID roomId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(ttl);
        String token = JWT.create()
                .withIssuer(ISSUER)
                .withAudience(AUDIENCE)
                .withSubject(userId.toString())
                .withClaim("room", roomId.toString())
                .withIssuedAt(now)
                .withExpiresAt(expires)
                .sign(algorithm);
        return new Minted(token, expires);
    }

    /** The holder of a valid, unexpired token; empty for anything else. */
    Optional<Holder> check(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            DecodedJWT decoded = verifier.verify(token.strip());
            return Optional.of(new Holder(UUID.fromString(decoded.getSubject()), UUID.fromString(decoded.getClaim("room").asString())));
        } catch (JWTVerificationException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    static byte[] key(String apiSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(apiSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(KEY_LABEL.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
