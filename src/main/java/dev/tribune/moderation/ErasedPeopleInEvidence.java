package dev.tribune.moderation;

import dev.tribune.accounts.AccountDeleted;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An erased account's name leaves the evidence of every report that holds it, in the erasing transaction: the
 * reports and what was said and done stay, so a report about a deleted account can still be judged.
 */
@Component
class ErasedPeopleInEvidence {

    private final Reports reports;
    private final Evidence evidence;

    ErasedPeopleInEvidence(Reports reports, Evidence evidence) {
        this.reports = reports;
        this.evidence = evidence;
    }

    @EventListener
    void on(AccountDeleted deleted) {
        reports.evidenceNaming(deleted.userId()).forEach((report, stored) ->
                reports.replaceEvidence(report, evidence.withoutNameOf(stored, deleted.userId())));
    }
}
