package dev.tribune.accounts;

import java.util.Optional;
import java.util.UUID;

/**
 * Why an account is suspended, as the moderation act that suspended it says. A port: moderation decides and records
 * suspensions, and accounts must not depend on it to tell a suspended person why at sign-in.
 */
public interface SuspensionReasons {

    /** The reason given with the suspension in force, or empty when none was recorded. */
    Optional<String> reasonFor(UUID userId);
}
