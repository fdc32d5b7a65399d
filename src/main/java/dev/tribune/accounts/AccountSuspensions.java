package dev.tribune.accounts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accounts module's API for suspending an account: who may is moderation's decision. A suspension takes effect
 * on the account's next request, since every request checks its standing ({@code AccountStandings}; on other
 * instances within {@code tribune.auth.standing-cache}), and refreshing its tokens is refused.
 */
@Service
public class AccountSuspensions {

    /** "Until lifted": a suspension with no end is stored as one past any real date. */
    public static final Instant UNTIL_LIFTED = Instant.parse("9999-12-31T00:00:00Z");

    private final Users users;

    AccountSuspensions(Users users) {
        this.users = users;
    }

    /** Suspended until {@code until} ({@link #UNTIL_LIFTED} for no end). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void suspend(UUID userId, Instant until) {
        users.suspend(userId, until);
    }

    /** The suspension lifted at once (an overturned appeal). */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lift(UUID userId) {
        users.suspend(userId, null);
    }

    /** A suspension in force; {@code until} is {@link #UNTIL_LIFTED} for one with no end. */
    public record Suspension(UUID userId, Instant until) {
    }

    /** Every account suspended now. */
    public List<Suspension> inForce() {
        return users.suspendedNow();
    }
}
