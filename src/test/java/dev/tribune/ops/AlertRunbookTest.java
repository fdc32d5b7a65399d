package dev.tribune.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Every alert tells the operator woken by it where to read what to do: its {@code runbook} annotation is a section of
 * {@code ops/README.md} that exists (GitHub's heading anchors), and the alert explains itself in words.
 */
class AlertRunbookTest {

    private static final Path RUNBOOK = Path.of("ops/README.md");

    @Test
    void everyAlertLinksToASectionOfTheRunbookThatExists() throws Exception {
        Set<String> anchors = anchors(Files.readAllLines(RUNBOOK));
        List<Map<String, Object>> alerts = alerts();
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(10);
        for (Map<String, Object> alert : alerts) {
            @SuppressWarnings("unchecked") Map<String, Object> annotations = (Map<String, Object>) alert.get("annotations");
            assertThat(annotations).as("annotations of %s", alert.get("alert")).containsKeys("summary", "description", "runbook");
            String runbook = String.valueOf(annotations.get("runbook"));
            assertThat(runbook).as("runbook of %s", alert.get("alert")).startsWith("ops/README.md#");
            assertThat(anchors).as("runbook of %s", alert.get("alert")).contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    @Test
    void anchorsAreMadeAsGitHubMakesThem() {
        assertThat(anchors(List.of("## When an alert fires", "### HTTP 5xx", "### Heap near max", "# Operating Tribune")))
                .containsExactlyInAnyOrder("when-an-alert-fires", "http-5xx", "heap-near-max", "operating-tribune");
    }

    /** GitHub's anchor of a heading: lower case, punctuation other than '-' dropped, spaces as '-'. */
    static Set<String> anchors(List<String> markdown) {
        return markdown.stream().filter(line -> line.startsWith("#"))
                .map(line -> line.replaceFirst("^#+\\s*", "").strip().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'))
                .collect(Collectors.toSet());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> alerts() throws Exception {
        Map<String, Object> file = new Yaml().load(Files.readString(DashboardMetricsTest.ALERTS));
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) file.get("groups")) {
            alerts.addAll((List<Map<String, Object>>) group.get("rules"));
        }
        return alerts;
    }
}
