package dev.tribune.notifications;

import dev.tribune.shared.MetricsProperties;
import dev.tribune.shared.OutboxGauges;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** The push outbox's backlog: notices not yet pushed to every device of their recipient ({@link PushDispatcher}). */
@Component
class PushOutboxMetrics extends OutboxGauges {

    PushOutboxMetrics(DataSource dataSource, MeterRegistry meters, MetricsProperties properties) {
        super("push", "push_outbox", dataSource, meters, properties);
    }
}
