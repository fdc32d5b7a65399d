package dev.tribune.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import dev.tribune.TestDatabase;
import dev.tribune.TribuneApplication;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Tracing is off unless switched on: by default no span is sampled, no exporter exists and nothing is sent, even with
 * a collector's address set; switched on with the documented settings, a request's span reaches an OTLP/HTTP receiver. Each case is a
 * whole service started as an operator starts it (not a {@code @SpringBootTest}, which turns tracing off by itself).
 */
class TracingTest {

    @Test
    void switchedOnARequestIsTracedAndExportedOverOtlp() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver();
                ConfigurableApplicationContext service = start("--management.tracing.export.enabled=true",
                        "--management.tracing.sampling.probability=1.0",
                        "--management.opentelemetry.tracing.export.otlp.endpoint=" + receiver.endpoint())) {
            assertThat(service.getBeanNamesForType(SpanExporter.class)).isNotEmpty();
            assertThat(get(service, "/api/v1/config")).isEqualTo(200);
            Awaitility.await("a span posted to the receiver").atMost(Duration.ofSeconds(20)).until(() -> receiver.posts() > 0);
            assertThat(receiver.bytes()).isPositive();
        }
    }

    @Test
    void byDefaultNothingIsSampledOrSent() throws Exception {
        try (OtlpReceiver receiver = new OtlpReceiver();
                // where a collector would be: only the switches that turn tracing on are left at their defaults
                ConfigurableApplicationContext service = start(
                        "--management.opentelemetry.tracing.export.otlp.endpoint=" + receiver.endpoint())) {
            // spans are made unsampled (non-recording) and no exporter exists to send one
            assertThat(service.getBeanNamesForType(SpanExporter.class)).isEmpty();
            for (int i = 0; i < 5; i++) {
                assertThat(get(service, "/api/v1/config")).isEqualTo(200);
            }
            // the batch span processor would have sent within its 5 s schedule: nothing arrives for longer than that
            Awaitility.await("nothing posted to the receiver").during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8))
                    .until(() -> receiver.posts() == 0);
        }
    }

    private static ConfigurableApplicationContext start(String... settings) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.datasource.url=" + TestDatabase.jdbcUrl(),
                "--spring.datasource.username=postgres", "--tribune.auth.jwt-secret=" + ApiTest.TEST_JWT_SECRET,
                "--tribune.demo-data=false", "--tribune.rooms.counts-interval=1h", "--tribune.presence.sweep-interval=1h"));
        args.addAll(List.of(settings));
        return new SpringApplicationBuilder(TribuneApplication.class).run(args.toArray(String[]::new));
    }

    private static int get(ConfigurableApplicationContext service, String path) throws Exception {
        int port = ((WebServerApplicationContext) service).getWebServer().getPort();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
