package dev.tribune.media;

import dev.tribune.shared.MetricsProperties;
import dev.tribune.shared.OutboxGauges;
import io.micrometer.core.instrument.MeterRegistry;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/** The provider outbox's backlog: changes the vendors have not been told yet ({@link ProviderReconciler}). */
@Component
class ProviderOutboxMetrics extends OutboxGauges {

    ProviderOutboxMetrics(DataSource dataSource, MeterRegistry meters, MetricsProperties properties) {
        super("provider", "provider_outbox", dataSource, meters, properties);
    }
}
