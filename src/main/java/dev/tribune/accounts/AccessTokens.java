package dev.tribune.accounts;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Issues and checks the service's own short-lived access tokens: HS256 JWTs carrying the user id ({@code sub})
 * and whether the user is a guest. Also a suspended account's appeal tokens ({@code scope: appeal}) and
 * {@code /ws} tickets ({@code scope: ws}, with a random {@code jti} that is spent once): the same kind of JWT,
 * which {@link #verify} never accepts as an access token, and each verifier accepts only its own scope.
 * Tokens are signed with one key and accepted under it or any of {@code tribune.auth.jwt-accepted-secrets}, so the
 * key can be rotated across instances without signing anyone out.
 */
public class AccessTokens {

    static final String ISSUER = "tribune";
    private static final String GUEST = "guest";
    private static final String SCOPE = "scope";
    private static final String APPEAL = "appeal";
    private static final String SOCKET = "ws";
    /** Long enough to read the notices and write an appeal, short since it is handed out without a session. */
    static final Duration APPEAL_TTL = Duration.ofMinutes(30);

    private final Algorithm algorithm;
    private final List<JWTVerifier> verifiers;
    private final List<JWTVerifier> appealVerifiers;
    private final List<JWTVerifier> ticketVerifiers;
    private final Clock clock;
    private final AuthProperties properties;

    /** {@code secret} signs and verifies; each of {@code acceptedSecrets} only verifies. */
    AccessTokens(byte[] secret, List<byte[]> acceptedSecrets, Clock clock, AuthProperties properties) {
        this.algorithm = Algorithm.HMAC256(secret);
        this.clock = clock;
        this.properties = properties;
        List<Algorithm> keys = Stream.concat(Stream.of(algorithm),
                acceptedSecrets.stream().map(Algorithm::HMAC256)).toList();
        this.verifiers = keys.stream().map(key -> ((JWTVerifier.BaseVerification) JWT.require(key).withIssuer(ISSUER)
                .withClaimPresence(GUEST)).build(clock)).toList();
        this.appealVerifiers = keys.stream().map(key -> ((JWTVerifier.BaseVerification) JWT.require(key).withIssuer(ISSUER)
                .withClaim(SCOPE, APPEAL)).build(clock)).toList();
        this.ticketVerifiers = keys.stream().map(key -> ((JWTVerifier.BaseVerification) JWT.require(key).withIssuer(ISSUER)
                .withClaim(SCOPE, SOCKET).withClaimPresence(GUEST).withClaimPresence("jti")).build(clock)).toList();
    }

    AccessTokens(byte[] secret, Clock clock, AuthProperties properties) {
        this(secret, List.of(), clock, properties);
    }

    /** The token as the first key that accepts it reads it; the signing key's verdict is the one thrown otherwise. */
    private static DecodedJWT verified(List<JWTVerifier> candidates, String token) {
        JWTVerificationException first = null;
        for (JWTVerifier candidate : candidates) {
            try {
                return candidate.verify(token);
            } catch (JWTVerificationException e) {
                first = first == null ? e : first;
            }
        }
        throw first;
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

    /** A {@code /ws} ticket: its holder, and the id it is spent under (checked once, by whoever redeems it). */
    record SocketTicket(String ticket, UUID userId, boolean guest, String id, Instant expiresAt) {
    }

    SocketTicket issueSocketTicket(UUID userId, boolean guest, Duration ttl) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        String id = SecretTokens.newSecret();
        String ticket = JWT.create()
                .withIssuer(ISSUER)
                .withSubject(userId.toString())
                .withClaim(GUEST, guest)
                .withClaim(SCOPE, SOCKET)
                .withJWTId(id)
                .withIssuedAt(now)
                .withExpiresAt(expiresAt)
                .sign(algorithm);
        return new SocketTicket(ticket, userId, guest, id, expiresAt);
    }

    /** The ticket, or empty when it is not a valid, unexpired {@code /ws} ticket of ours. Whether it was spent is not known here. */
    Optional<SocketTicket> verifySocketTicket(String ticket) {
        try {
            DecodedJWT jwt = verified(ticketVerifiers, ticket);
            return Optional.of(new SocketTicket(ticket, UUID.fromString(jwt.getSubject()), jwt.getClaim(GUEST).asBoolean(),
                    jwt.getId(), jwt.getExpiresAtAsInstant()));
        } catch (JWTVerificationException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** The user an appeal token proves, or empty when it is not a valid, unexpired appeal token of ours. */
    Optional<AuthenticatedUser> verifyAppeal(String token) {
        try {
            DecodedJWT jwt = verified(appealVerifiers, token);
            return Optional.of(new AuthenticatedUser(UUID.fromString(jwt.getSubject()), false, jwt.getExpiresAtAsInstant()));
        } catch (JWTVerificationException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }

    /** The user a token proves, or empty when it is malformed, tampered with, expired, scoped (an appeal token) or not ours. */
    public Optional<AuthenticatedUser> verify(String token) {
        try {
            DecodedJWT jwt = verified(verifiers, token);
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
