package dev.tribune.media.provider.livekit;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.tribune.media.spi.WebhookCall;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the LiveKit tests share: obviously fake credentials, a fixed clock, the adapter wired as its configuration
 * wires it, and a webhook signer written from LiveKit's own (protocol webhook/url_notifier.go), independently of
 * the adapter's verifier.
 */
final class LiveKitTestKit {

    static final String API_KEY = "APItribunetestkey";
    static final String API_SECRET = "fake-livekit-secret-for-tests-only-0123456789";
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private LiveKitTestKit() {
    }

    static LiveKitProperties properties(String url, String apiUrl) {
        return properties(url, apiUrl, Duration.ofSeconds(5));
    }

    static LiveKitProperties properties(String url, String apiUrl, Duration readTimeout) {
        return new LiveKitProperties(url, API_KEY, API_SECRET, apiUrl, Duration.ofSeconds(2), readTimeout,
                Duration.ofMinutes(10), Duration.ofSeconds(30), 50, 3000);
    }

    static LiveKitRtcProvider provider(LiveKitProperties properties, Clock clock) {
        JsonMapper json = JsonMapper.builder().build();
        LiveKitTokens tokens = new LiveKitTokens(properties.apiKey(), properties.apiSecret(), clock);
        LiveKitRoomService rooms = new LiveKitRoomService(properties.apiBase(), properties.connectTimeout(), properties.readTimeout(),
                tokens, json);
        return new LiveKitRtcProvider(properties, tokens, rooms, new LiveKitWebhooks(tokens, json, clock), json, clock);
    }

    /** Verifies a token as LiveKit does (HS256 with our secret, issued by our key) and returns its claims. */
    static DecodedJWT verified(String token, Clock clock) {
        JWTVerifier verifier = ((JWTVerifier.BaseVerification) JWT.require(Algorithm.HMAC256(API_SECRET)).withIssuer(API_KEY))
                .build(clock);
        return verifier.verify(token);
    }

    /** The {@code video} grant of a RoomService call's {@code Authorization: Bearer} token. */
    static Map<String, Object> apiGrant(String authorization, Clock clock) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw new AssertionError("not a bearer token: " + authorization);
        }
        return verified(authorization.substring("Bearer ".length()), clock).getClaim("video").asMap();
    }

    /** A webhook as LiveKit sends it: the body's base64 SHA-256 in a bare JWT valid for 5 minutes from {@code at}. */
    static WebhookCall webhook(String body, String secret, String apiKey, Instant at) {
        return new WebhookCall("https://tribune.test/api/v1/webhooks/livekit",
                Map.of("authorization", List.of(signature(body.getBytes(StandardCharsets.UTF_8), secret, apiKey, at)),
                        "content-type", List.of("application/webhook+json")),
                body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    static WebhookCall webhook(String body) {
        return webhook(body, API_SECRET, API_KEY, NOW);
    }

    static String signature(byte[] body, String secret, String apiKey, Instant at) {
        try {
            String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
            return JWT.create().withIssuer(apiKey).withNotBefore(at).withIssuedAt(at).withExpiresAt(at.plus(Duration.ofMinutes(5)))
                    .withClaim("sha256", sha).sign(Algorithm.HMAC256(secret));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
