package dev.tribune.notifications;

import dev.tribune.accounts.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Notifications")
class PushController {

    private final PushSettingsService push;

    PushController(PushSettingsService push) {
        this.push = push;
    }

    /** An FCM registration token of one of the caller's browsers or apps. */
    record PushTokenRequest(@NotBlank @Size(max = 4096) String token, @NotNull PushDevices.Platform platform) {
    }

    record PushTokenView(String token, PushDevices.Platform platform) {
    }

    /** Every field is required: a PUT says the whole of the settings. */
    record SettingsRequest(@NotNull Boolean roomLive, @NotNull Boolean roomStarting, @NotNull Boolean followedSpeaking,
            @NotNull Boolean moderation) {
    }

    @PostMapping("/push-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a device for push; a token someone else registered moves to the caller")
    PushTokenView register(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody PushTokenRequest request) {
        push.register(caller, request.token(), request.platform());
        return new PushTokenView(request.token(), request.platform());
    }

    @DeleteMapping("/push-tokens/{token}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Stop pushing to a device of the caller's")
    void unregister(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable @Size(max = 4096) String token) {
        push.unregister(caller, token);
    }

    @GetMapping("/notification-settings")
    @Operation(summary = "Which kinds of notice are also pushed")
    NotificationSettings.Settings settings(@AuthenticationPrincipal AuthenticatedUser caller) {
        return push.settings(caller);
    }

    @PutMapping("/notification-settings")
    @Operation(summary = "Choose which kinds of notice are also pushed")
    NotificationSettings.Settings saveSettings(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody SettingsRequest request) {
        return push.saveSettings(caller, new NotificationSettings.Settings(request.roomLive(), request.roomStarting(),
                request.followedSpeaking(), request.moderation()));
    }
}
