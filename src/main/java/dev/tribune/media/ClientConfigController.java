package dev.tribune.media;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the web client needs to render itself before anyone signs in (API.md "People, notices and notifications"):
 * the RTC providers a room can be put on, so the create-room form offers only those. Public. It lives with the
 * providers, the one part of it that is configured today; {@code firebase} stays null until Firebase sign-in and
 * push are built (issue 17).
 */
@RestController
@Tag(name = "Configuration")
class ClientConfigController {

    record Providers(@JsonProperty("default") String defaultProvider, List<String> active) {
    }

    /** Firebase's web app config; no field yet, as the config is always null until issue 17. */
    record FirebaseWebConfig() {
    }

    /** {@code guests}: guest sign-in (POST /api/v1/auth/guest) is open. */
    record Features(boolean guests) {
    }

    record ClientConfig(Providers providers, FirebaseWebConfig firebase, Features features) {
    }

    private final RtcProviders providers;

    ClientConfigController(RtcProviders providers) {
        this.providers = providers;
    }

    @GetMapping("/api/v1/config")
    @Operation(summary = "Public: the active RTC providers and the default, Firebase's web config (null), the features on")
    ClientConfig config() {
        return new ClientConfig(new Providers(providers.defaultProvider(), providers.active().stream().sorted().toList()),
                null, new Features(true));
    }
}
