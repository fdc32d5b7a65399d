package dev.tribune.accounts;

import dev.tribune.shared.ApiException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A suspended account signing in: the 403 tells it until when and why, and hands it an appeal token, so that it can
 * read its notices and appeal although it cannot sign in.
 *
 * @param until null when the suspension lasts until lifted
 */
final class SuspendedSignIn extends ApiException {

    private final transient Map<String, Object> properties;

    SuspendedSignIn(Instant until, String reason, String appealToken) {
        super(AccountStandings.SUSPENDED, until == null
                ? "This account is suspended until the suspension is lifted."
                : "This account is suspended until " + until + ".");
        // a LinkedHashMap, not Map.of: until and reason are null when there is none, and are still part of the answer
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("until", until);
        body.put("reason", reason);
        body.put("appealToken", appealToken);
        this.properties = body;
    }

    @Override
    public Map<String, Object> properties() {
        return properties;
    }
}
