package dev.tribune.media.spi;

/**
 * The vendor answered, and its answer is definitely Tribune's configuration's fault: credentials it refuses (401,
 * 403), a template without the roles Tribune's guarantees rest on. Waiting does not help; an operator must fix the
 * setting the message names. A refusal like any other to the code around it (hence an {@link IllegalStateException}),
 * it is told apart where it matters: a probe that finds it stops start-up, and health says "misconfigured", not
 * "unreachable". The circuit breaker does not count it: the vendor itself is up.
 */
public class ProviderMisconfigured extends IllegalStateException {

    public ProviderMisconfigured(String message) {
        super(message);
    }

    public ProviderMisconfigured(String message, Throwable cause) {
        super(message, cause);
    }
}
