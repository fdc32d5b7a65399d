package dev.tribune.accounts;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues and checks the service's own short-lived access tokens: HS256 JWTs carrying the user id ({@code sub})
 * and whether the user is a guest. Also a suspended account's appeal tokens: the same kind of JWT with
 * {@code scope: appeal}, which {@link #verify} never accepts as an access token.
 */
public class AccessTokens {

    static final String ISSUER = "tribune";
    private static final String GUEST = "guest";
    private static final String SCOPE = "scope";
    private static final String APPEAL = "appeal";
    /** Long enough to read the notices and write an appeal, short since it is handed out without a session. */
    static final Duration APPEAL_TTL = Duration.ofMinutes(30);

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final JWTVerifier appealVerifier;
    private final Clock clock;
    private final AuthProperties properties;

    AccessTokens(byte[] secret, Clock clock, AuthProperties properties) {
        this.algorithm = Algorithm.HMAC256(secret);
        this.clock = clock;
        this.properties = properties;
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER).withClaimPresence(GUEST))
                .build(clock);
        this.appealVerifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER).withClaim(SCOPE, APPEAL))
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

    /** A token that lets a suspended account only read its notices and appeal. */
    Issued issueAppeal(UUID userId) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(APPEAL_TTL);
        String token = JWT.create()
                .withIssuer(ISSUER)
                .withSubject(userId.toString())
                .withClaim(SCOPE, APPEAL)
                .withIssuedAt(now)
                .withExpiresAt(expiresAt)
                .sign(algorithm);
        return new Issued(token, expiresAt);
    }

    /** The user an appeal token proves, or empty when it is not a valid, unexpired appeal token of ours. */
    Optional<AuthenticatedUser> verifyAppeal(String token) {
        try {
            DecodedJWT jwt = appealVerifier.verify(token);
            return Optional.of(new AuthenticatedUser(UUID.fromString(jwt.getSubject()), false, jwt.getExpiresAtAsInstant()));
        } catch (JWTVerificationException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** The user a token proves, or empty when it is malformed, tampered with, expired, scoped (an appeal token) or not ours. */
    public Optional<AuthenticatedUser> verify(String token) {
        try {
            DecodedJWT jwt = verifier.verify(token);
            if (!jwt.getClaim(SCOPE).isMissing()) {
                return Optional.empty();
            }
            UUID id = UUID.fromString(jwt.getSubject());
            return Optional.of(new AuthenticatedUser(id, jwt.getClaim(GUEST).asBoolean(), jwt.getExpiresAtAsInstant()));
        } catch (JWTVerificationException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
