package dev.tribune.media.provider.twilio;

import com.twilio.exception.ApiException;
import java.util.Set;

/**
 * Twilio understood a request and said no (a 4xx with Twilio's error JSON). Most refusals are bugs or
 * misconfiguration and reach the core as this {@link IllegalStateException}; the operations that are idempotent
 * catch the few that mean "already done" first ({@link #gone()}, {@link #is(int)}).
 *
 * @param status the HTTP status Twilio reported in its error body, or null when the body was not Twilio's JSON
 * @param code   Twilio's error code (https://www.twilio.com/docs/api/errors/{code}), or null
 */
class TwilioRefusal extends IllegalStateException {

    /** 20404 resource not found, 53106 room not found, 53204 participant not found. */
    private static final Set<Integer> NOT_FOUND = Set.of(20404, 53106, 53204);

    private final Integer status;
    private final Integer code;

    private TwilioRefusal(String message, Integer status, Integer code, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
    }

    static TwilioRefusal of(String action, ApiException e) {
        Integer status = e.getStatusCode();
        Integer code = e.getCode();
        StringBuilder message = new StringBuilder("Twilio refused ").append(action).append(": ");
        if (status != null && (status == 401 || status == 403)) {
            message.append("the credentials were not accepted (HTTP ").append(status).append(code == null ? "" : ", code " + code)
                    .append("). Check tribune.rtc.twilio.api-key-sid and api-key-secret (a US1 API key of account ")
                    .append("tribune.rtc.twilio.account-sid). Twilio said: ").append(e.getMessage());
        } else {
            message.append("HTTP ").append(status == null ? "?" : status).append(code == null ? "" : ", code " + code)
                    .append(": ").append(e.getMessage());
        }
        return new TwilioRefusal(message.toString(), status, code, e);
    }

    /** The thing asked about does not exist (any more). */
    boolean gone() {
        return (status != null && status == 404) || (code != null && NOT_FOUND.contains(code));
    }

    boolean is(int twilioCode) {
        return code != null && code == twilioCode;
    }

    Integer status() {
        return status;
    }

    Integer code() {
        return code;
    }
}
