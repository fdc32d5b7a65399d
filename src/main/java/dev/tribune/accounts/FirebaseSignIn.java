package dev.tribune.accounts;

import dev.tribune.accounts.AccountDtos.SessionView;
import dev.tribune.accounts.FirebaseIdTokens.FirebaseIdentity;
import dev.tribune.shared.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * POST /api/v1/auth/firebase: sign-in with a Firebase ID token (Google, through the Firebase JS SDK). Without a
 * bearer it signs in to the account linked to the Firebase user, creating it on first use; with a registered
 * account's bearer it links the Firebase user to that account; with a guest's bearer the guest becomes the Firebase
 * user's account in place (same id, so they keep their place in the room), unless that Firebase user already has an
 * account, which is then signed in to instead.
 */
@Service
class FirebaseSignIn {

    /** Races (the same person signing in twice at once, a username taken meanwhile) are settled by trying again. */
    private static final int ATTEMPTS = 3;
    private static final int CANDIDATES_PER_QUERY = 20;
    private static final int CANDIDATE_QUERIES = 3;

    private final FirebaseIdTokens idTokens;
    private final AccountService accounts;
    private final Users users;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    FirebaseSignIn(FirebaseIdTokens idTokens, AccountService accounts, Users users, TransactionTemplate transactions,
            ApplicationEventPublisher events, Clock clock) {
        this.idTokens = idTokens;
        this.accounts = accounts;
        this.users = users;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
    }

    /** @param caller the bearer's account, or null when none was sent */
    SessionView signIn(String idToken, AuthenticatedUser caller, String clientAddress) {
        // counted as any sign-in attempt from the address, whether Firebase is on or not
        accounts.limitSignIns(clientAddress);
        idTokens.requireEnabled();
        // checked before any transaction: no database connection waits on Firebase
        FirebaseIdentity identity = idTokens.verify(idToken);
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> caller == null ? accountOf(identity) : asCaller(caller, identity));
            } catch (DuplicateKeyException raced) {
                if (attempt == ATTEMPTS) {
                    throw ApiException.conflict("Signing in with this Firebase user raced with another change; try again.");
                }
            }
        }
    }

    private SessionView accountOf(FirebaseIdentity identity) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<User> linked = users.findByFirebaseUid(identity.uid());
            if (linked.isPresent()) {
                return sessionFor(linked.get());
            }
            String username = freeUsername(identity);
            User user = User.registered(username, FirebaseUsernames.displayName(identity.name(), username), null, clock.instant());
            // false when a concurrent first sign-in of the same person won (the next look finds its account), or
            // when someone took the username meanwhile (the next free one is tried)
            if (users.insertFirebase(user, identity.uid())) {
                events.publishEvent(new AccountRegistered(user.id(), username));
                return sessionFor(user);
            }
        }
        throw ApiException.conflict("Signing in with this Firebase user raced with another change; try again.");
    }

    private SessionView asCaller(AuthenticatedUser caller, FirebaseIdentity identity) {
        User me = accounts.activeUser(caller.id());
        return me.guest() ? guestSignsIn(me, identity) : link(me, identity);
    }

    /** The same person as before, or a registered account taking on a Firebase user that has no account yet. */
    private SessionView link(User me, FirebaseIdentity identity) {
        Optional<String> mine = users.firebaseUidOf(me.id());
        if (mine.isPresent()) {
            if (mine.get().equals(identity.uid())) {
                return sessionFor(me);
            }
            throw ApiException.conflict("This account is already linked to another Firebase (Google) user.");
        }
        if (users.findByFirebaseUid(identity.uid()).isPresent()) {
            throw ApiException.conflict("This Firebase (Google) user is already linked to another account.");
        }
        if (!users.linkFirebase(me.id(), identity.uid())) {
            throw ApiException.conflict("This account could not be linked; try again.");
        }
        return sessionFor(me);
    }

    /**
     * The guest becomes the Firebase user's account, keeping its id. When that Firebase user has an account already,
     * the guest stays a guest and the answer is that account's session: the client joins the room again as it.
     */
    private SessionView guestSignsIn(User guest, FirebaseIdentity identity) {
        Optional<User> linked = users.findByFirebaseUid(identity.uid());
        if (linked.isPresent()) {
            return sessionFor(linked.get());
        }
        String username = freeUsername(identity);
        String displayName = identity.name() == null ? guest.displayName()
                : FirebaseUsernames.displayName(identity.name(), username);
        // a username or Firebase user taken meanwhile is a DuplicateKeyException: signIn tries again
        if (!users.guestBecomesFirebaseAccount(guest.id(), username, displayName, identity.uid())) {
            throw ApiException.conflict("This guest could not be signed in; try again.");
        }
        events.publishEvent(new AccountRegistered(guest.id(), username));
        return sessionFor(users.findById(guest.id()).orElseThrow());
    }

    private SessionView sessionFor(User user) {
        accounts.refuseIfSuspended(user);
        return accounts.startSession(user);
    }

    private String freeUsername(FirebaseIdentity identity) {
        String base = FirebaseUsernames.base(identity.email(), identity.name());
        for (int query = 0; query < CANDIDATE_QUERIES; query++) {
            List<String> candidates = FirebaseUsernames.candidates(base, 1 + query * CANDIDATES_PER_QUERY, CANDIDATES_PER_QUERY);
            List<String> taken = users.taken(candidates);
            Optional<String> free = candidates.stream().filter(name -> !taken.contains(name)).findFirst();
            if (free.isPresent()) {
                return free.get();
            }
        }
        // a very common name: a random number rather than counting on
        String suffix = Integer.toString(ThreadLocalRandom.current().nextInt(100_000, 1_000_000));
        return FirebaseUsernames.withSuffix(base, suffix);
    }
}
