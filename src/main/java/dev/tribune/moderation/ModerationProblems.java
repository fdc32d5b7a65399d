package dev.tribune.moderation;

import dev.tribune.shared.ApiException;
import dev.tribune.shared.ProblemType;
import org.springframework.http.HttpStatus;

/** Moderation's own kinds of problem. */
final class ModerationProblems {

    /** A report that cannot stand as filed: of oneself, of a message elsewhere, of a room never entered. */
    static final ProblemType NOT_REPORTABLE = new ProblemType("not-reportable", HttpStatus.UNPROCESSABLE_CONTENT, "Cannot report that");

    /** An appeal of something that cannot be appealed (not an appealable action, or too late). */
    static final ProblemType NOT_APPEALABLE = new ProblemType("not-appealable", HttpStatus.UNPROCESSABLE_CONTENT, "Cannot appeal that");

    private ModerationProblems() {
    }

    static ApiException notReportable(String detail) {
        return new ApiException(NOT_REPORTABLE, detail);
    }
}
