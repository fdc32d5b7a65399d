package dev.tribune.moderation;

import java.time.Clock;
import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Erases the evidence of reports resolved longer ago than {@code tribune.moderation.evidence-retention}: the report
 * and its audit entries stay, the chat lines and stage acts it froze go.
 */
@Component
class EvidencePurge {

    private final Reports reports;
    private final Duration retention;
    private final Clock clock;

    EvidencePurge(Reports reports, ModerationProperties properties, Clock clock) {
        this.reports = reports;
        this.retention = properties.evidenceRetention();
        this.clock = clock;
    }

    /** Returns how many reports lost their evidence. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    @Transactional
    int purge() {
        return reports.eraseEvidenceResolvedBefore(clock.instant().minus(retention), clock.instant());
    }
}
