package dev.tribune.media;

import dev.tribune.media.spi.WebhookUrls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The media core an adapter starts in, and nothing else (no database, no web server): the registry of active
 * providers, their calls and the {@code providers} health contributor whose first probe round decides whether start-up
 * goes on. An adapter's start-up test adds its configuration class to {@link #runner()}.
 */
public final class ProvidersAtStartup {

    private ProvidersAtStartup() {
    }

    /** Not a {@code @Configuration}: the application's component scan of test classes must not find it. */
    @EnableConfigurationProperties({RtcProperties.class, WebhookUrls.class})
    @Import({RtcProviders.class, ProviderCalls.class, ProviderHealth.class})
    static class MediaCore {
    }

    public static ApplicationContextRunner runner() {
        return new ApplicationContextRunner().withUserConfiguration(MediaCore.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(Clock.class, Clock::systemUTC);
    }

    /** The {@code providers} health contributor of a started context. */
    public static HealthIndicator health(ApplicationContext context) {
        return context.getBean(ProviderHealth.class);
    }
}
