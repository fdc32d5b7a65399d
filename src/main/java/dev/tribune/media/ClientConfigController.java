package dev.tribune.media;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.tribune.firebase.FirebaseConnection;
import dev.tribune.firebase.FirebaseProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the web client needs to render itself before anyone signs in (API.md "People, notices and notifications"):
 * the RTC providers a room can be put on, so the create-room form offers only those; Firebase's web app config when
 * Firebase is on (else null, and the client shows no "Continue with Google" and no push); the features on. Public.
 * It lives with the providers, the first part of it that was configured.
 */
@RestController
@Tag(name = "Configuration")
class ClientConfigController {

    record Providers(@JsonProperty("default") String defaultProvider, List<String> active) {
    }

    /**
     * The Firebase JS SDK's {@code initializeApp} options, the Web Push key for {@code getToken}, and
     * {@code authEmulatorUrl} ({@code http://host:port}) when sign-in goes to the Auth emulator, else null.
     */
    record FirebaseWebConfig(String apiKey, String authDomain, String projectId, String messagingSenderId, String appId,
            String vapidKey, String authEmulatorUrl) {
    }

    /**
     * {@code guests}: guest sign-in (POST /api/v1/auth/guest) is open; {@code firebaseSignIn}: POST
     * /api/v1/auth/firebase is; {@code push}: web push can be turned on (Firebase on and a VAPID key configured).
     */
    record Features(boolean guests, boolean firebaseSignIn, boolean push) {
    }

    record ClientConfig(Providers providers, FirebaseWebConfig firebase, Features features) {
    }

    private final RtcProviders providers;
    private final FirebaseConnection firebase;

    ClientConfigController(RtcProviders providers, FirebaseConnection firebase) {
        this.providers = providers;
        this.firebase = firebase;
    }

    @GetMapping("/api/v1/config")
    @Operation(summary = "Public: the active RTC providers and the default, Firebase's web config (null when off), the features on")
    ClientConfig config() {
        FirebaseWebConfig web = firebase.app().isPresent() ? webConfig(firebase.properties()) : null;
        boolean push = web != null && web.vapidKey() != null && !web.vapidKey().isBlank();
        return new ClientConfig(new Providers(providers.defaultProvider(), providers.active().stream().sorted().toList()),
                web, new Features(true, web != null, push));
    }

    private static FirebaseWebConfig webConfig(FirebaseProperties properties) {
        FirebaseProperties.Web web = properties.web();
        String emulator = FirebaseConnection.authEmulatorHost().map(host -> "http://" + host).orElse(null);
        return new FirebaseWebConfig(web.apiKey(), web.authDomain(), properties.projectId().strip(), web.messagingSenderId(),
                web.appId(), web.vapidKey(), emulator);
    }
}
