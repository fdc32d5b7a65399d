package dev.tribune.accounts;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and checks the service's own short-lived access tokens: HS256 JWTs carrying the user id ({@code sub})
 * and whether the user is a guest.
 */
public class AccessTokens {

    static final String ISSUER = "tribune";
    private static final String GUEST = "guest";

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Clock clock;
    private final AuthProperties properties;

    AccessTokens(byte[] secret, Clock clock, AuthProperties properties) {
        this.algorithm = Algorithm.HMAC256(secret);
        this.clock = clock;
        this.properties = properties;
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER).withClaimPresence(GUEST))
                .build(clock);
    }

    record Issued(String token, Instant expiresAt) {
    }

    Issued issue(UUID userId, boolean guest) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.tokenTtl());
        String token = JWT.create()
                .withIssuer(ISSUER)
                .withSubject(userId.toString())
                .withClaim(GUEST, guest)
                .withIssuedAt(now)
                .withExpiresAt(expiresAt)
                .sign(algorithm);
        return new Issued(token, expiresAt);
    }

    /** The user a token proves, or empty when it is malformed, tampered with, expired or not ours. */
    public Optional<AuthenticatedUser> verify(String token) {
        try {
            DecodedJWT jwt = verifier.verify(token);
            UUID id = UUID.fromString(jwt.getSubject());
            return Optional.of(new AuthenticatedUser(id, jwt.getClaim(GUEST).asBoolean(), jwt.getExpiresAtAsInstant()));
        } catch (JWTVerificationException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
