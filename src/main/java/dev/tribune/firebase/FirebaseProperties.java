package dev.tribune.firebase;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Firebase: sign-in with Firebase ID tokens and push through FCM. Off unless {@code projectId} is set.
 *
 * @param projectId       the Firebase project; blank turns Firebase off ({@code demo-...} ids suit the emulators)
 * @param credentialsFile a service-account JSON file; its {@code token_uri} is where access tokens are fetched.
 *                        Unset: Google's application default credentials, or none at all when only the Auth
 *                        emulator ({@code FIREBASE_AUTH_EMULATOR_HOST}) is used
 * @param messagingUrl    where FCM HTTP v1 requests go instead of {@code https://fcm.googleapis.com}: an egress
 *                        proxy, or a local stand-in in tests and benchmarks
 * @param timeout         connect and read timeout of every call to Firebase, so an unreachable Firebase is an
 *                        answer (503) and never a hang
 * @param web             the web app's config, served by {@code GET /api/v1/config} for the Firebase JS SDK
 */
@Validated
@ConfigurationProperties("tribune.firebase")
public record FirebaseProperties(
        String projectId,
        Path credentialsFile,
        @NotNull @DefaultValue("https://fcm.googleapis.com") URI messagingUrl,
        @NotNull @DefaultValue("10s") Duration timeout,
        @Valid @DefaultValue Web web) {

    /** The Firebase web app config (Firebase console, project settings); {@code vapidKey} is the Web Push key pair. */
    public record Web(String apiKey, String authDomain, String messagingSenderId, String appId, String vapidKey) {
    }

    public boolean enabled() {
        return projectId != null && !projectId.isBlank();
    }
}
