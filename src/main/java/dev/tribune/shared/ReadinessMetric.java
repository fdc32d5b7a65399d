package dev.tribune.shared;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * The readiness group's verdict as a gauge (1 UP, 0 otherwise), so that an alert sees an instance that is up but
 * turned away by its load balancer. Cheap on every scrape: the group's checks only read verdicts their own threads
 * keep ({@code DatabaseReadiness}, {@code ProviderHealth}).
 */
@Component
class ReadinessMetric {

    ReadinessMetric(ObjectProvider<HealthEndpoint> health, MeterRegistry meters) {
        Gauge.builder("tribune.readiness", health, ReadinessMetric::ready)
                .description("1 while /actuator/health/readiness is UP, else 0").register(meters);
    }

    private static double ready(ObjectProvider<HealthEndpoint> health) {
        HealthEndpoint endpoint = health.getIfAvailable();
        HealthDescriptor readiness = endpoint == null ? null : endpoint.healthForPath("readiness");
        return readiness != null && Status.UP.equals(readiness.getStatus()) ? 1 : 0;
    }
}
