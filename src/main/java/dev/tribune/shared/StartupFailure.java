package dev.tribune.shared;

/**
 * The service cannot start as configured. Carries what the operator should do about it, which Boot prints in
 * place of a stack trace (see {@code StartupFailureAnalyzer}).
 */
public class StartupFailure extends RuntimeException {

    private final String action;

    public StartupFailure(String message, String action, Throwable cause) {
        super(message, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
