package dev.tribune.accounts;

import dev.tribune.accounts.AccountDtos.ProfileView;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.ProblemType;
import java.time.Clock;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People's profiles and who follows whom. Guests have no profile and follow no one. */
@Service
class Profiles {

    static final ProblemType SELF_FOLLOW = new ProblemType("cannot-follow-yourself", HttpStatus.UNPROCESSABLE_CONTENT,
            "Cannot follow yourself");

    private final Users users;
    private final Follows follows;
    private final AccountService accounts;
    private final Clock clock;

    Profiles(Users users, Follows follows, AccountService accounts, Clock clock) {
        this.users = users;
        this.follows = follows;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    ProfileView profile(AuthenticatedUser caller, UUID userId) {
        User person = person(userId);
        return new ProfileView(person.id(), person.username(), person.displayName(), person.bio(),
                follows.followers(userId), follows.following(userId),
                !caller.guest() && follows.follows(caller.id(), userId), accounts.clubsOf(userId));
    }

    @Transactional
    void follow(AuthenticatedUser caller, UUID userId) {
        requireFollowable(caller, userId);
        follows.follow(caller.id(), userId, clock.instant());
    }

    @Transactional
    void unfollow(AuthenticatedUser caller, UUID userId) {
        requireFollowable(caller, userId);
        follows.unfollow(caller.id(), userId);
    }

    private void requireFollowable(AuthenticatedUser caller, UUID userId) {
        if (caller.guest()) {
            throw ApiException.forbidden("Guests cannot follow people: sign up first.");
        }
        if (caller.id().equals(userId)) {
            throw new ApiException(SELF_FOLLOW, "You cannot follow yourself.");
        }
        person(userId);
    }

    /** A registered, living account; anything else (a guest, an erased account, no account) has no profile. */
    private User person(UUID userId) {
        return users.findById(userId).filter(user -> !user.guest() && !user.isDeleted())
                .orElseThrow(() -> ApiException.notFound("No such person."));
    }
}
