package dev.tribune.notifications;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Reminders of scheduled rooms.
 *
 * @param before   how long before a scheduled start the people who asked are told the room is about to start
 * @param interval how often each instance looks for such rooms (the notice comes at most this late)
 */
@Validated
@ConfigurationProperties("tribune.notifications.reminders")
record ReminderProperties(@NotNull @DefaultValue("10m") Duration before, @NotNull @DefaultValue("30s") Duration interval) {
}
