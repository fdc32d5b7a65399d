package dev.tribune.events;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What one user, and one socket, may hold on an instance: without these a single account could open hundreds of
 * sockets, each with its own outbox and its own share of the signal relay. ({@code tribune.ws.ticket-rate.*} is
 * bound by the accounts module, which issues the tickets.)
 *
 * @param maxSocketsPerUser open sockets one user may hold on this instance; more are refused at the upgrade (429)
 *                          or, if several arrive at once, closed straight after it (1008)
 * @param maxQueuedBytes    characters of frames a socket may have waiting (about bytes: frames are JSON, mostly
 *                          ASCII), beside {@code tribune.events.outbox-frames}; beyond, the client is too slow (4408)
 * @param idleTimeout       a socket from which nothing (no frame, no answer to the protocol pings sent every third
 *                          of this) has arrived for this long is taken for dead and closed (1001), so a connection
 *                          that vanished without a close does not keep its place under the cap
 * @param compression       whether sockets may use permessage-deflate when the client offers it (browsers always do):
 *                          off by default, since it costs about 300 KB of native memory per connection for frames of
 *                          a few hundred bytes (see {@code EventSocketConfiguration})
 * @param largeSignals      signals written to {@code signal_spill} (too large for NOTIFY) one user may send per window
 */
@Validated
@ConfigurationProperties("tribune.ws")
record WsProperties(
        @Min(1) @DefaultValue("8") int maxSocketsPerUser,
        @NotNull @DefaultValue("1MB") DataSize maxQueuedBytes,
        @NotNull @DurationMin(seconds = 3, message = "must be at least 3s") @DefaultValue("90s") Duration idleTimeout,
        @Valid @NotNull @DefaultValue LargeSignals largeSignals,
        @DefaultValue("false") boolean compression) {

    /**
     * Signals too large for NOTIFY are written to {@code signal_spill} (kept 30 s). Limited per user, across all their
     * sockets, so the rows one account can have there are bounded (by default 120 per 10 s, each at most a 64 KB
     * frame) however many sockets it opens; a speaker offering to a full mesh room of 40, three times over, stays
     * within the default.
     */
    record LargeSignals(@Min(1) @DefaultValue("120") int permits, @NotNull @DefaultValue("10s") Duration window) {
    }

    /** The largest frame (a 64 KB signal, an event) must fit, or the socket could never be sent it. */
    @AssertTrue(message = "max-queued-bytes must be at least 64KB")
    boolean isMaxQueuedBytesAtLeastOneFrame() {
        return maxQueuedBytes == null || maxQueuedBytes.toBytes() >= 64 * 1024;
    }
}
