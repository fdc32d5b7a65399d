package dev.tribune.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Probe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The service as the image, compose and Kubernetes run it, with {@code /actuator} on a port of its own: every path
 * the Kubernetes probes and the Prometheus annotation ask for is served there, and none of them on the public port
 * that the Ingress and the proxy expose, while the API stays on the public one.
 */
@TestPropertySource(properties = "management.server.port=0")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ManagementPortTest extends ApiTest {

    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyPathTheDeploymentProbesOrScrapesIsServedOnlyOnTheManagementPort() throws Exception {
        List<String> paths = probedAndScrapedPaths();
        assertThat(paths).contains("/actuator/health/liveness", "/actuator/health/readiness", "/actuator/prometheus");

        for (String path : paths) {
            assertThat(status(managementPort, path)).as("%s on the management port", path).isEqualTo(200);
            assertThat(status(port, path)).as("%s on the public port", path).isNotEqualTo(200);
        }
        assertThat(status(port, "/api/v1/config")).isEqualTo(200);
        assertThat(status(managementPort, "/api/v1/config")).isEqualTo(404);
    }

    private static List<String> probedAndScrapedPaths() {
        Container container = DeploymentManifestsTest.serviceContainer();
        List<String> paths = new ArrayList<>();
        for (Probe probe : List.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())) {
            paths.add(probe.getHttpGet().getPath());
        }
        paths.add(DeploymentManifestsTest.serviceDeployment().getSpec().getTemplate().getMetadata().getAnnotations()
                .get("prometheus.io/path"));
        return paths.stream().distinct().toList();
    }

    private int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
