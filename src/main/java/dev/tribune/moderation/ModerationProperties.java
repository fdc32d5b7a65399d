package dev.tribune.moderation;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param admins usernames that are ADMIN staff from start-up (and from registration, for a name not yet taken)
 * @param evidenceWindow how far back from a report its evidence reaches
 * @param evidenceRetention how long after a report is resolved its evidence text is kept
 * @param reportPermits reports one person may file per {@code reportWindow}
 */
@Validated
@ConfigurationProperties("tribune.moderation")
record ModerationProperties(
        @NotNull @DefaultValue Set<@NotNull String> admins,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("15m") Duration evidenceWindow,
        @NotNull @DurationMin(days = 1) @DefaultValue("90d") Duration evidenceRetention,
        @Min(1) @DefaultValue("10") int reportPermits,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("10m") Duration reportWindow) {

    ModerationProperties {
        // usernames are stored lower-cased
        admins = admins == null ? Set.of()
                : admins.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }
}
