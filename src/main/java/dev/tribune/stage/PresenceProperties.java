package dev.tribune.stage;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param grace         how long someone whose socket dropped (and whose provider does not report them) stays in the
 *                      room, role and all, before they are marked left
 * @param sweepInterval how often the sweeper looks
 * @param restartGrace  the longest outage of the whole deployment (every instance down) that ends no room and demotes
 *                      nobody: those connected when it went down get their grace counted from when it came back
 */
@Validated
@ConfigurationProperties("tribune.presence")
record PresenceProperties(@NotNull @DefaultValue("30s") Duration grace, @NotNull @DefaultValue("5s") Duration sweepInterval,
        @NotNull @DefaultValue("10m") Duration restartGrace) {
}
