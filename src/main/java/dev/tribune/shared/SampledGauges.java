package dev.tribune.shared;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gauges whose values come from the database. A scrape must neither wait on the database nor fail when it is away,
 * and a count over many rows is not worth running on every scrape of every Prometheus: a query runs on a thread of
 * its own every {@code tribune.metrics.sample-interval}, holding a pooled connection only for that query (with its
 * own timeout), and a scrape reads the last values. When a reading fails its gauges read NaN (unknown), not a
 * stale number that would look healthy; readiness reports the database itself.
 */
public abstract class SampledGauges implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SampledGauges.class);

    private final MeterRegistry meters;
    private final String name;
    private final PeriodicProbe sampler;
    private final List<Value> values = new ArrayList<>();
    protected final JdbcClient jdbc;
    private volatile boolean failing;

    /** A gauge's last reading. */
    public static final class Value {

        private volatile double current = Double.NaN;

        public void set(double value) {
            current = value;
        }

        double current() {
            return current;
        }
    }

    protected SampledGauges(String name, DataSource dataSource, MeterRegistry meters, MetricsProperties properties) {
        this.name = name;
        this.meters = meters;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        template.setQueryTimeout((int) Math.max(1, properties.queryTimeout().toSeconds()));
        this.jdbc = JdbcClient.create(template);
        this.sampler = new PeriodicProbe(name + "-metrics", properties.sampleInterval(), this::sampleOrForget);
    }

    /** Registers a gauge that shows the value {@link #sample} last set; call it from the constructor. */
    protected final Value gauge(String gauge, String description, String baseUnit, Tags tags) {
        Value value = new Value();
        Gauge.builder(gauge, value, Value::current).description(description).baseUnit(baseUnit).tags(tags).register(meters);
        values.add(value);
        return value;
    }

    /** Reads the database and sets every gauge; runs on the sampler's thread, and may throw. */
    protected abstract void sample();

    private void sampleOrForget() {
        try {
            sample();
            if (failing) {
                failing = false;
                log.info("The {} metrics are read again", name);
            }
        } catch (RuntimeException e) {
            values.forEach(value -> value.set(Double.NaN));
            if (!failing) {
                failing = true;
                log.warn("Could not read the {} metrics (shown as NaN until they can be): {}", name, e.getMessage());
            }
        }
    }

    @Override
    public void start() {
        sampler.start();
    }

    @Override
    public void stop() {
        sampler.stop();
    }

    @Override
    public boolean isRunning() {
        return sampler.isRunning();
    }
}
