package dev.tribune.notifications;

import dev.tribune.accounts.AccountDeleted;
import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.shared.ApiException;
import java.time.Clock;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A person's devices and their choice of what is pushed. Guests have neither: notices are for accounts. */
@Service
class PushSettingsService {

    private final PushDevices devices;
    private final NotificationSettings settings;
    private final PushOutbox outbox;
    private final Clock clock;

    PushSettingsService(PushDevices devices, NotificationSettings settings, PushOutbox outbox, Clock clock) {
        this.devices = devices;
        this.settings = settings;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    void register(AuthenticatedUser caller, String token, PushDevices.Platform platform) {
        requireAccount(caller);
        devices.register(caller.id(), token.strip(), platform, clock.instant());
    }

    @Transactional
    void unregister(AuthenticatedUser caller, String token) {
        requireAccount(caller);
        devices.remove(caller.id(), token.strip());
    }

    @Transactional(readOnly = true)
    NotificationSettings.Settings settings(AuthenticatedUser caller) {
        requireAccount(caller);
        return settings.of(caller.id());
    }

    @Transactional
    NotificationSettings.Settings saveSettings(AuthenticatedUser caller, NotificationSettings.Settings chosen) {
        requireAccount(caller);
        settings.save(caller.id(), chosen, clock.instant());
        return chosen;
    }

    /** In the erasing transaction: an erased account is pushed nothing, and its devices may serve someone else. */
    @EventListener
    void on(AccountDeleted deleted) {
        UUID userId = deleted.userId();
        outbox.forgetAllOf(userId);
        devices.forgetAllOf(userId);
        settings.forget(userId);
    }

    private static void requireAccount(AuthenticatedUser caller) {
        if (caller.guest()) {
            throw ApiException.forbidden("Guests get no push notifications: sign up first.");
        }
    }
}
