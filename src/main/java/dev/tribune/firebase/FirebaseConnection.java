package dev.tribune.firebase;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.internal.FirebaseProcessEnvironment;
import dev.tribune.shared.StartupFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The one {@link FirebaseApp} of this service, when Firebase is configured. Each Spring context gets its own named
 * app (tests start several in one JVM), deleted when the context closes.
 */
@Component
public class FirebaseConnection implements DisposableBean {

    /** Set by operators (and the tests) to point sign-in at the Firebase Auth emulator, as Google's SDKs read it. */
    public static final String AUTH_EMULATOR_HOST = "FIREBASE_AUTH_EMULATOR_HOST";
    private static final String FCM_HOST = "fcm.googleapis.com";

    private final FirebaseProperties properties;
    private final FirebaseApp app;

    FirebaseConnection(FirebaseProperties properties) {
        this.properties = properties;
        this.app = properties.enabled() ? start(properties) : null;
    }

    /** Empty when Firebase is off. */
    public Optional<FirebaseApp> app() {
        return Optional.ofNullable(app);
    }

    public FirebaseProperties properties() {
        return properties;
    }

    /** The Auth emulator's host:port when sign-in goes to the emulator (from the environment the SDK reads). */
    public static Optional<String> authEmulatorHost() {
        String host = FirebaseProcessEnvironment.getenv(AUTH_EMULATOR_HOST);
        return host == null || host.isBlank() ? Optional.empty() : Optional.of(host.strip());
    }

    private static FirebaseApp start(FirebaseProperties properties) {
        int timeoutMillis = Math.toIntExact(properties.timeout().toMillis());
        NetHttpTransport transport = transportTo(properties.messagingUrl());
        FirebaseOptions options = FirebaseOptions.builder()
                .setProjectId(properties.projectId().strip())
                .setCredentials(credentials(properties, transport))
                .setHttpTransport(transport)
                .setConnectTimeout(timeoutMillis)
                .setReadTimeout(timeoutMillis)
                .build();
        return FirebaseApp.initializeApp(options, "tribune-" + UUID.randomUUID());
    }

    /**
     * firebase-admin has FCM's address built in; requests for it are sent to {@code messagingUrl} instead (same path
     * and query), everything else (token exchange, the Auth emulator, Google's keys) goes where it was addressed.
     */
    private static NetHttpTransport transportTo(URI messagingUrl) {
        String base = messagingUrl.toString().replaceAll("/+$", "");
        return new NetHttpTransport.Builder().setConnectionFactory(url -> {
            URL target = FCM_HOST.equalsIgnoreCase(url.getHost()) ? URI.create(base + url.getFile()).toURL() : url;
            return (HttpURLConnection) target.openConnection();
        }).build();
    }

    private static GoogleCredentials credentials(FirebaseProperties properties, NetHttpTransport transport) {
        if (properties.credentialsFile() != null) {
            try (InputStream in = Files.newInputStream(properties.credentialsFile())) {
                return GoogleCredentials.fromStream(in, () -> transport);
            } catch (IOException | RuntimeException unreadable) {
                throw new StartupFailure("tribune.firebase.credentials-file " + properties.credentialsFile()
                        + " cannot be read as a service-account JSON file: " + unreadable.getMessage(),
                        "Download the key from the Firebase console (Project settings, Service accounts) and point "
                                + "tribune.firebase.credentials-file at it.", unreadable);
            }
        }
        if (authEmulatorHost().isPresent()) {
            // the emulator needs no credentials; push (FCM) then needs a credentials file
            return GoogleCredentials.create(new AccessToken("owner", new Date(Long.MAX_VALUE)));
        }
        try {
            return GoogleCredentials.getApplicationDefault(() -> transport);
        } catch (IOException none) {
            throw new StartupFailure("tribune.firebase.project-id is set but no Google credentials were found: "
                    + none.getMessage(), "Set tribune.firebase.credentials-file to a service-account JSON file, or "
                    + "GOOGLE_APPLICATION_CREDENTIALS, or leave tribune.firebase.project-id unset to turn Firebase off.", none);
        }
    }

    @Override
    public void destroy() {
        if (app != null) {
            app.delete();
        }
    }
}
