package dev.tribune.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tribune.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A gauge read from the database shows the truth or says it does not know: while the database cannot be reached it
 * reads NaN (never the last number, which would look healthy), a scrape never waits for the database, and the gauge
 * comes back by itself when the database does.
 */
class SampledGaugesTest {

    /** PostgreSQL's port on a closed loopback port: connections are refused, as when the database is down. */
    private static final DataSource UNREACHABLE = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:9/postgres", "postgres", "");

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final CountingDataSource database = new CountingDataSource();
    private ServerClock gauges = new ServerClock(database, meters, Duration.ofMillis(100));

    /** The test's database, or one that refuses connections; counts the connections asked for. */
    static final class CountingDataSource extends DelegatingDataSource {

        final AtomicInteger connections = new AtomicInteger();

        CountingDataSource() {
            super(new DriverManagerDataSource(TestDatabase.jdbcUrl(), "postgres", ""));
        }

        @Override
        public Connection getConnection() throws SQLException {
            connections.incrementAndGet();
            return super.getConnection();
        }
    }

    /** A gauge of the database server's clock, read like every sampled gauge. */
    static final class ServerClock extends SampledGauges {

        private final Value seconds;

        ServerClock(DataSource dataSource, MeterRegistry meters, Duration interval) {
            super("server-clock", dataSource, meters, new MetricsProperties(interval, Duration.ofSeconds(2)));
            this.seconds = gauge("test.server.clock", "the database's clock", "seconds", Tags.empty());
        }

        @Override
        protected void sample() {
            jdbc.sql("SELECT extract(epoch FROM now())").query((ResultSet rs) -> seconds.set(rs.getDouble(1)));
        }
    }

    @AfterEach
    void stop() {
        gauges.stop();
    }

    private double value() {
        return meters.get("test.server.clock").gauge().value();
    }

    @Test
    void aGaugeReadsTheDatabaseOnStartAndAgainEveryInterval() {
        gauges.start();
        double first = value();
        assertThat(first).isGreaterThan(1.7e9);

        await().atMost(Duration.ofSeconds(5)).until(() -> value() > first);
    }

    @Test
    void whileTheDatabaseIsUnreachableTheGaugeReadsNaNAndItRecoversByItself() {
        gauges.start();
        assertThat(value()).isNotNaN();

        database.setTargetDataSource(UNREACHABLE);
        await().atMost(Duration.ofSeconds(5)).until(() -> Double.isNaN(value()));

        database.setTargetDataSource(new DriverManagerDataSource(TestDatabase.jdbcUrl(), "postgres", ""));
        await().atMost(Duration.ofSeconds(5)).until(() -> !Double.isNaN(value()));
    }

    @Test
    void aScrapeReadsTheLastSampleWithoutTouchingTheDatabase() {
        MeterRegistry scraped = new SimpleMeterRegistry();
        gauges = new ServerClock(database, scraped, Duration.ofHours(1));
        gauges.start();
        int afterFirstSample = database.connections.get();

        for (int scrape = 0; scrape < 100; scrape++) {
            assertThat(scraped.get("test.server.clock").gauge().value()).isGreaterThan(1.7e9);
        }
        assertThat(database.connections.get()).isEqualTo(afterFirstSample);
    }
}
