package dev.tribune.stage;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How many joins this instance runs at once, and how the rest wait their turn ({@link JoinAdmission}).
 *
 * @param inFlight joins running at once on this instance. 32 is about three times the database pool (10): a join
 *                 holds a connection for only part of its time (two short transactions with the vendor call between
 *                 them), so 32 keeps every connection busy while at most 22 joins wait on the pool, each for a few
 *                 milliseconds, far inside its 5 s timeout, and other requests still get connections between them
 * @param maxWait  how long a join may wait inside the service for its turn (up to 3 times that while its turn is
 *                 still near); one whose turn would come later is answered 429 {@code /problems/join-queued} at once.
 *                 Also how late after its {@code Retry-After} a place may be taken up again before it stops holding
 *                 up those behind it
 * @param maxQueue joins held waiting inside the service at once; past it the last of them is sent away for an
 *                 earlier one (its place in line is kept all the same). Best at least {@code in-flight} x
 *                 {@code max-wait} / the time a join takes, or the line stands while those told to come back are away
 */
@Validated
@ConfigurationProperties("tribune.rooms.joins")
record JoinAdmissionProperties(
        @Min(1) @Max(10_000) @DefaultValue("32") int inFlight,
        @NotNull @DurationMin(millis = 1) @DurationMax(seconds = 30) @DefaultValue("2s") Duration maxWait,
        @Min(0) @Max(100_000) @DefaultValue("1000") int maxQueue) {
}
