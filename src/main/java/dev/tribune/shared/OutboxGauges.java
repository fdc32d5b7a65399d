package dev.tribune.shared;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.sql.ResultSet;
import javax.sql.DataSource;

/**
 * An outbox table's backlog (every outbox has {@code due_at}, and a row leaves it when its work is done): how many
 * rows wait, and how long the oldest row that is due has been due. Depth alone cannot tell a burst being worked off
 * from a worker that stopped; the age can.
 */
public abstract class OutboxGauges extends SampledGauges {

    private final String table;
    private final Value depth;
    private final Value oldest;

    /** @param table the owner's outbox table: a constant of the subclass, never input */
    protected OutboxGauges(String outbox, String table, DataSource dataSource, MeterRegistry meters, MetricsProperties properties) {
        super(outbox + "-outbox", dataSource, meters, properties);
        this.table = table;
        Tags tags = Tags.of("outbox", outbox);
        this.depth = gauge("tribune.outbox.depth", "rows waiting in the outbox, due or backing off (all instances)", null, tags);
        this.oldest = gauge("tribune.outbox.oldest.due", "how long the oldest due row has been waiting; 0 when none is due",
                "seconds", tags);
    }

    @Override
    protected void sample() {
        jdbc.sql("SELECT count(*), coalesce(extract(epoch FROM now() - min(due_at) FILTER (WHERE due_at <= now())), 0) FROM "
                + table)
                .query((ResultSet rs) -> {
                    depth.set(rs.getLong(1));
                    oldest.set(rs.getDouble(2));
                });
    }
}
