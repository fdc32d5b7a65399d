package dev.tribune.shared;

import org.springframework.boot.diagnostics.FailureAnalysis;

/** What the operator reads when start-up fails: the description Tribune's failure analyzers make of the failure. */
public final class StartupMessage {

    private StartupMessage() {
    }

    public static String of(Throwable failure) {
        FailureAnalysis analysis = new SettingsFailureAnalyzer().analyze(failure);
        if (analysis == null) {
            analysis = new StartupFailureAnalyzer().analyze(failure);
        }
        if (analysis == null) {
            throw new AssertionError("no failure analysis for " + failure, failure);
        }
        return analysis.getDescription() + "\nAction: " + analysis.getAction();
    }
}
