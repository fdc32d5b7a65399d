package dev.tribune.shared;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Whether this instance can use its database, for readiness ({@code /actuator/health/readiness}) and the overall
 * health. Boot's own database check borrows a pooled connection on every health call, so with the pool exhausted
 * it waits for one and with the database gone it waits for the pool's timeout: the probe hangs, or says UP from a
 * stale answer. Here a probe runs on its own thread every {@code tribune.db.probe-interval} over its own connection
 * with short network timeouts, and a health call only reads the last verdict: it answers at once, and readiness
 * goes DOWN within about a second of the database becoming unreachable or the pool running dry.
 */
@Component("database")
class DatabaseReadiness implements HealthIndicator, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DatabaseReadiness.class);

    private final HikariDataSource pool;
    private final DatabaseProperties properties;
    private final Clock clock;
    private final PeriodicProbe prober;
    private volatile Verdict verdict = new Verdict(false, "not probed yet", null);
    private Connection connection;
    private Instant waitingSince;

    record Verdict(boolean up, String reason, Instant since) {
    }

    DatabaseReadiness(DataSource dataSource, DatabaseProperties properties, Clock clock) {
        this.pool = dataSource instanceof HikariDataSource hikari ? hikari : null;
        this.properties = properties;
        this.clock = clock;
        this.prober = new PeriodicProbe("database-readiness", properties.probeInterval(), this::probe);
    }

    @Override
    public Health health() {
        Verdict current = verdict;
        Health.Builder health = current.up() ? Health.up() : Health.down().withDetail("reason", current.reason());
        return current.since() == null ? health.build() : health.withDetail("since", current.since().toString()).build();
    }

    Verdict verdict() {
        return verdict;
    }

    @Override
    public void start() {
        prober.start();
    }

    @Override
    public void stop() {
        prober.stop();
        closeConnection();
    }

    @Override
    public boolean isRunning() {
        return prober.isRunning();
    }

    /** Before the web server and sockets stop, after they start: readiness is judged for as long as they serve. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    private void probe() {
        if (pool == null) {
            record(true, "ok");
            return;
        }
        try {
            if (connection == null || connection.isClosed()) {
                connection = connect();
            }
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(seconds(properties.probeTimeout()));
                statement.execute("SELECT 1");
            }
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            record(false, "the database is unreachable: " + e.getMessage());
            return;
        }
        record(!poolExhausted(), "every pooled connection is busy and requests are waiting for one");
    }

    /**
     * Requests have been waiting for a pooled connection, with every connection the pool may open in use, for longer
     * than a probe may take. (A pool refilling after the database came back has waiters too, but is not full.)
     */
    private boolean poolExhausted() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null || bean.getThreadsAwaitingConnection() == 0 || bean.getActiveConnections() < pool.getMaximumPoolSize()) {
            waitingSince = null;
            return false;
        }
        Instant now = clock.instant();
        if (waitingSince == null) {
            waitingSince = now;
        }
        return Duration.between(waitingSince, now).compareTo(properties.probeTimeout()) > 0;
    }

    private Connection connect() throws SQLException {
        Properties settings = new Properties();
        if (pool.getUsername() != null) {
            settings.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            settings.setProperty("password", pool.getPassword());
        }
        // a database host that vanished must not leave the probe waiting on a TCP timeout
        String timeout = Integer.toString(seconds(properties.probeTimeout()));
        settings.setProperty("connectTimeout", timeout);
        settings.setProperty("loginTimeout", timeout);
        settings.setProperty("socketTimeout", timeout);
        settings.setProperty("ApplicationName", "tribune-readiness");
        return DriverManager.getConnection(pool.getJdbcUrl(), settings);
    }

    private void record(boolean up, String reason) {
        Verdict before = verdict;
        if (before.up() != up || before.since() == null) {
            verdict = new Verdict(up, up ? "ok" : reason, clock.instant());
            if (up && before.since() != null) {
                log.info("The database is reachable again: readiness UP");
            } else if (!up) {
                log.warn("Readiness DOWN: {}", reason);
            }
        } else if (!up && !before.reason().equals(reason)) {
            verdict = new Verdict(false, reason, before.since());
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is being replaced because it failed
            }
            connection = null;
        }
    }

    private static int seconds(Duration duration) {
        return (int) Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
