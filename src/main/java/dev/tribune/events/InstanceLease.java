package dev.tribune.events;

import dev.tribune.shared.Ids;
import java.io.IOException;
import java.net.InetAddress;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * This instance's lease. Sockets are held by one instance; when an instance dies without warning its lease runs
 * out, and the presence sweeper treats everyone connected through it as disconnected from that moment.
 */
@Component
public class InstanceLease implements SmartLifecycle, SchedulingConfigurer {

    private final UUID id = Ids.newId();
    private final JdbcClient jdbc;
    private final Clock clock;
    private final Duration term;
    private volatile boolean running;

    InstanceLease(JdbcClient jdbc, Clock clock, EventsProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.term = properties.leaseTerm();
    }

    public UUID id() {
        return id;
    }

    @Override
    public void start() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown";
        }
        Timestamp now = Timestamp.from(clock.instant());
        recordResumption(now);
        // a stopped context can be started again (tests pause cached contexts): renew the same lease
        jdbc.sql("""
                INSERT INTO instance_leases (instance_id, hostname, started_at, renewed_at, expires_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (instance_id) DO UPDATE SET renewed_at = EXCLUDED.renewed_at, expires_at = EXCLUDED.expires_at""")
                .params(id, host, now, now, Timestamp.from(clock.instant().plus(term))).update();
        running = true;
    }

    /**
     * When an instance starts while no other holds a live lease, the whole deployment was down: remember when it went
     * down and that it is back, so presence can count its grace from now rather than from before the outage.
     */
    private void recordResumption(Timestamp now) {
        jdbc.sql("""
                INSERT INTO deployment_resumptions (resumed_at, down_since)
                SELECT ?, max(expires_at) FROM instance_leases WHERE instance_id <> ?
                HAVING count(*) > 0 AND max(expires_at) <= ?
                ON CONFLICT DO NOTHING""").params(now, id, now).update();
    }

    /** The deployment's latest return from a whole outage (every instance down), if there ever was one. */
    public Optional<Resumption> lastResumption() {
        return jdbc.sql("SELECT resumed_at, down_since FROM deployment_resumptions ORDER BY resumed_at DESC LIMIT 1")
                .query((rs, n) -> new Resumption(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()))
                .optional();
    }

    /** Every instance was down from {@code downSince} until one started at {@code resumedAt}. */
    public record Resumption(Instant resumedAt, Instant downSince) {

        public Duration outage() {
            return Duration.between(downSince, resumedAt);
        }
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        // renewed every third of the term: one missed renewal (a long pause) does not yet lose the lease
        registrar.addFixedDelayTask(new FixedDelayTask(this::renew, term.dividedBy(3), term.dividedBy(3)));
    }

    void renew() {
        if (running) {
            jdbc.sql("UPDATE instance_leases SET renewed_at = ?, expires_at = ? WHERE instance_id = ?")
                    .params(Timestamp.from(clock.instant()), Timestamp.from(clock.instant().plus(term)), id).update();
        }
    }

    /** A graceful stop gives up the lease at once, so clients that move elsewhere are not counted twice. */
    @Override
    public void stop() {
        running = false;
        jdbc.sql("UPDATE instance_leases SET expires_at = ? WHERE instance_id = ?").params(Timestamp.from(clock.instant()), id).update();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
