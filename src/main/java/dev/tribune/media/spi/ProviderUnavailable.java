package dev.tribune.media.spi;

import dev.tribune.shared.ApiException;
import dev.tribune.shared.ProblemType;
import java.time.Duration;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * The vendor could not be reached, timed out, or answered with a server error: worth retrying later. An adapter
 * throws it for those cases only. Reaching a client (a join, say), it is 503 {@code /problems/provider-unavailable}
 * with a Retry-After.
 */
public class ProviderUnavailable extends ApiException {

    public static final ProblemType TYPE =
            new ProblemType("provider-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Media provider unavailable");

    public ProviderUnavailable(String message) {
        super(TYPE, message, List.of(), Duration.ofSeconds(5));
    }

    public ProviderUnavailable(String message, Throwable cause) {
        this(message);
        initCause(cause);
    }
}
