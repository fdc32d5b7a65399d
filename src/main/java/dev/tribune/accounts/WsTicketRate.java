package dev.tribune.accounts;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many {@code /ws} tickets one user may take (per instance), so a runaway page cannot fill {@code ws_tickets}
 * or open sockets as fast as it can loop. The default leaves a page that reconnects with backoff, in a few tabs,
 * far from the limit. (The rest of {@code tribune.ws.*} belongs to the events module.)
 *
 * @param permits tickets per {@code window}, refilled evenly
 * @param window  the window
 */
@Validated
@ConfigurationProperties("tribune.ws.ticket-rate")
record WsTicketRate(@Min(1) @DefaultValue("30") int permits, @NotNull @DefaultValue("1m") Duration window) {
}
