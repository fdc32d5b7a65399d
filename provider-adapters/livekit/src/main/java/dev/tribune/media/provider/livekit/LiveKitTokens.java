package dev.tribune.media.provider.livekit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.tribune.media.spi.WebhookRejected;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * LiveKit's access tokens (protocol auth/grants.go): HS256 JWTs signed with the API secret, {@code iss} = API key,
 * {@code sub} = identity, the permissions in the {@code video} claim. Minted locally, for browsers (join) and for
 * each RoomService call; webhook signatures are tokens of the same kind carrying the body's hash.
 */
final class LiveKitTokens {

    /** Tribune's limit for any grant; LiveKit's SDKs default to 6 h. */
    static final Duration JOIN_TTL = Duration.ofMinutes(10);
    /** As LiveKit's server SDKs sign their RoomService calls. */
    static final Duration API_TTL = Duration.ofMinutes(10);
    /** As LiveKit's own verifier (protocol auth/verifier.go) allows for clocks apart. */
    static final long WEBHOOK_LEEWAY_SECONDS = 60;
    /** The only source a speaker may publish (the lower-cased TrackSource name, as grants spell it). */
    static final String MICROPHONE = "microphone";

    record Minted(String token, Instant expiresAt) {
    }

    private final String apiKey;
    private final Algorithm algorithm;
    private final JWTVerifier webhooks;
    private final Clock clock;

    LiveKitTokens(String apiKey, String apiSecret, Clock clock) {
        this.apiKey = apiKey;
        this.algorithm = Algorithm.HMAC256(apiSecret.getBytes(StandardCharsets.UTF_8));
        this.clock = clock;
        this.webhooks = ((JWTVerifier.BaseVerification) JWT.require(algorithm)
                .withIssuer(apiKey)
                .acceptLeeway(WEBHOOK_LEEWAY_SECONDS))
                .build(clock);
    }

    /**
     * A browser's join token. Publishing is stated explicitly either way: LiveKit grants every publish permission
     * that is left unset, so a listener's token must say {@code canPublish: false}.
     */
    Minted join(String room, String identity, String name, boolean canPublish) {
        Map<String, Object> video = new LinkedHashMap<>();
        video.put("room", room);
        video.put("roomJoin", true);
        video.put("canSubscribe", true);
        video.put("canPublish", canPublish);
        video.put("canPublishData", false);
        if (canPublish) {
            video.put("canPublishSources", List.of(MICROPHONE));
        }
        Instant now = now();
        Instant expires = now.plus(JOIN_TTL);
        JWTCreator.Builder token = JWT.create()
                .withIssuer(apiKey)
                .withSubject(identity)
                .withNotBefore(now)
                .withIssuedAt(now)
                .withExpiresAt(expires)
                .withClaim("video", video);
        if (name != null && !name.isBlank()) {
            token.withClaim("name", name);
        }
        return new Minted(token.sign(algorithm), expires);
    }

    /** For one RoomService call: {@code roomCreate} (create, delete) or {@code roomAdmin} on one room. */
    String api(Map<String, Object> video) {
        Instant now = now();
        return JWT.create()
                .withIssuer(apiKey)
                .withNotBefore(now)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(API_TTL))
                .withClaim("video", video)
                .sign(algorithm);
    }

    static Map<String, Object> roomCreate() {
        return Map.of("roomCreate", true);
    }

    static Map<String, Object> roomList() {
        return Map.of("roomList", true);
    }

    static Map<String, Object> roomAdmin(String room) {
        return Map.of("roomAdmin", true, "room", room);
    }

    /**
     * Checks a webhook the way LiveKit signs it (protocol webhook/url_notifier.go, verifier.go): the
     * {@code Authorization} header is a bare JWT signed with our secret, issued by our API key, not expired, whose
     * {@code sha256} claim is the base64 SHA-256 of the raw body.
     */
    void verifyWebhook(String authorization, byte[] body) {
        if (authorization == null || authorization.isBlank()) {
            throw new WebhookRejected("LiveKit webhook without an Authorization header");
        }
        DecodedJWT token;
        try {
            token = webhooks.verify(authorization.strip());
        } catch (JWTVerificationException e) {
            throw new WebhookRejected("LiveKit webhook token refused: " + e.getMessage());
        }
        if (token.getExpiresAt() == null) {
            throw new WebhookRejected("LiveKit webhook token has no expiry");
        }
        String claimed = token.getClaim("sha256").asString();
        if (claimed == null) {
            throw new WebhookRejected("LiveKit webhook token carries no body hash");
        }
        byte[] expected = Base64.getEncoder().encodeToString(sha256(body)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, claimed.getBytes(StandardCharsets.UTF_8))) {
            throw new WebhookRejected("LiveKit webhook body does not match its signed hash");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
