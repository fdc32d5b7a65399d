package dev.tribune.media.provider.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import dev.tribune.media.spi.ProviderUnavailable;
import java.util.Optional;
import java.util.function.Supplier;

/** Twilio REST calls with their failures in the SPI's terms, shared by the adapter's parts. */
final class TwilioCalls {

    private TwilioCalls() {
    }

    /**
     * One REST call: unreachable, timed out or failing (5xx/429 after twilio-java's own attempts, see
     * {@link TwilioHttpClient}) is {@link ProviderUnavailable}; a refusal is a {@link TwilioRefusal}.
     */
    static <T> T twilio(String action, Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiConnectionException e) {
            throw new ProviderUnavailable("Twilio could not be reached while " + action + ": " + e.getMessage(), e);
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            if (status != null && (status >= 500 || status == 429)) {
                throw new ProviderUnavailable("Twilio failed while " + action + ": " + e.getMessage(), e);
            }
            throw TwilioRefusal.of(action, e);
        }
    }

    /** A call whose "not found" means there is nothing (left) to do. */
    static <T> Optional<T> unlessGone(String action, Supplier<T> call) {
        try {
            return Optional.of(twilio(action, call));
        } catch (TwilioRefusal refusal) {
            if (refusal.gone()) {
                return Optional.empty();
            }
            throw refusal;
        }
    }
}
