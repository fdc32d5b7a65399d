package dev.tribune.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tribune.ApiTest;
import dev.tribune.TestDatabase;
import dev.tribune.TribuneApplication;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With {@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} every line the service prints is one JSON object. A JVM of its
 * own, set by its environment as a container is: logging is set up once per JVM, and this one's is the tests'.
 */
class JsonLogsTest {

    @Test
    void switchedToEcsByItsEnvironmentTheServicePrintsOneJsonObjectALine() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TribuneApplication.class.getName(), "--server.port=0",
                "--spring.datasource.url=" + TestDatabase.jdbcUrl(), "--spring.datasource.username=postgres",
                "--tribune.auth.jwt-secret=" + ApiTest.TEST_JWT_SECRET, "--tribune.demo-data=false",
                "--tribune.rooms.counts-interval=1h", "--tribune.presence.sweep-interval=1h").redirectErrorStream(true);
        builder.environment().put("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
        Process service = builder.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && lines.stream().noneMatch(l -> l.contains("Tomcat started on port"))) {
                lines.add(line);
            }
        } finally {
            service.destroy();
            if (!service.waitFor(30, TimeUnit.SECONDS)) {
                service.destroyForcibly();
            }
        }
        JsonMapper json = JsonMapper.builder().build();
        assertThat(lines).as("the service's output").anyMatch(line -> line.contains("Tomcat started on port"));
        for (String line : lines) {
            JsonNode logged = json.readTree(line);
            assertThat(logged.path("@timestamp").asString()).as(line).isNotBlank();
            assertThat(logged.path("log").path("level").asString()).as(line).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(logged.path("service").path("name").asString()).as(line).isEqualTo("tribune");
        }
    }
}
