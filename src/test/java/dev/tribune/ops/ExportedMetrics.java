package dev.tribune.ops;

import java.util.Arrays;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The series names of a Prometheus text scrape, and which names an expression reads that are not among them.
 * Histograms appear in a scrape with their {@code _bucket}, {@code _count} and {@code _sum} series, counters with
 * {@code _total}, so a name is exported exactly when some series carries it: a {@code _bucket} query against a timer
 * without its percentile histogram is caught. {@code up} is Prometheus's own, made by every scrape.
 */
record ExportedMetrics(Set<String> series) {

    private static final Set<String> PROMETHEUS_OWN = Set.of("up", "scrape_duration_seconds", "scrape_samples_scraped");

    static ExportedMetrics fromScrape(String scrape) {
        return new ExportedMetrics(Arrays.stream(scrape.split("\n"))
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /** The names {@code expressions} read that the scrape has no series of, in order. */
    Set<String> missingFrom(Collection<String> expressions) {
        return expressions.stream()
                .flatMap(expression -> PromQlMetricNames.in(expression).stream())
                .filter(name -> !PROMETHEUS_OWN.contains(name) && !series.contains(name))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
