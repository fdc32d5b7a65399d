package dev.tribune.accounts;

import dev.tribune.accounts.AccountDtos.SessionView;
import dev.tribune.accounts.AccountDtos.UserView;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.RateLimit;
import dev.tribune.shared.RateLimiter;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registration, sign-in, sessions and the account's own settings. */
@Service
public class AccountService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Users users;
    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final PasswordEncoder passwords;
    private final RateLimiter rateLimiter;
    private final RateLimit signInLimit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectProvider<SuspensionReasons> suspensionReasons;
    private final ObjectProvider<ClubMemberships> memberships;
    private final Follows follows;
    // compared against when the username is unknown, so a wrong name costs as long as a wrong password
    private final String decoyHash;

    AccountService(Users users, RefreshTokens refreshTokens, AccessTokens accessTokens, PasswordEncoder passwords,
            RateLimiter rateLimiter, AuthProperties properties, ApplicationEventPublisher events, Clock clock,
            ObjectProvider<SuspensionReasons> suspensionReasons, ObjectProvider<ClubMemberships> memberships, Follows follows) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.passwords = passwords;
        this.rateLimiter = rateLimiter;
        this.signInLimit = new RateLimit(properties.rateLimit().permits(), properties.rateLimit().window());
        this.events = events;
        this.clock = clock;
        this.suspensionReasons = suspensionReasons;
        this.memberships = memberships;
        this.follows = follows;
        this.decoyHash = passwords.encode("decoy-password-for-timing");
    }

    /** Creates an account with a password; usernames are stored lower-cased and unique. Returns its id. */
    @Transactional
    public UUID register(String username, String password, String displayName) {
        String name = username.toLowerCase(Locale.ROOT);
        requirePasswordFits("password", password);
        User user = User.registered(name, displayName.strip(), passwords.encode(password), clock.instant());
        try {
            users.insert(user);
        } catch (DataIntegrityViolationException taken) {
            throw ApiException.conflict("The username '" + name + "' is taken.");
        }
        events.publishEvent(new AccountRegistered(user.id(), name));
        return user.id();
    }

    @Transactional
    SessionView registerAndSignIn(AccountDtos.RegisterRequest request, String clientAddress) {
        limitSignIns(clientAddress);
        UUID id = register(request.username(), request.password(), request.displayName());
        return startSession(users.findById(id).orElseThrow());
    }

    @Transactional
    SessionView login(AccountDtos.LoginRequest request, String clientAddress) {
        limitSignIns(clientAddress);
        User user = users.findByUsername(request.username().toLowerCase(Locale.ROOT))
                .filter(u -> u.passwordHash() != null)
                .orElse(null);
        String hash = user == null ? decoyHash : user.passwordHash();
        boolean matches = passwords.matches(request.password(), hash);
        if (user == null || !matches) {
            throw ApiException.unauthorized("Wrong username or password.");
        }
        refuseIfSuspended(user);
        return startSession(user);
    }

    @Transactional
    SessionView guest(AccountDtos.GuestRequest request, String clientAddress) {
        limitSignIns(clientAddress);
        String displayName = request == null || request.displayName() == null || request.displayName().isBlank()
                ? "Guest " + (1000 + RANDOM.nextInt(9000))
                : request.displayName().strip();
        User user = User.guest(displayName, clock.instant());
        users.insert(user);
        return startSession(user);
    }

    /** Not one transaction: the rotation commits on its own, so that a refused reuse still revokes its family. */
    SessionView refresh(AccountDtos.RefreshRequest request) {
        RefreshTokens.Rotation rotation = refreshTokens.rotate(request.refreshToken());
        User user = users.findById(rotation.userId()).filter(u -> !u.isDeleted())
                .orElseThrow(() -> ApiException.unauthorized("This account no longer exists."));
        refuseIfSuspended(user);
        AccessTokens.Issued access = accessTokens.issue(user.id(), user.guest());
        return new SessionView(access.token(), rotation.successor(), access.expiresAt(), UserView.of(user));
    }

    /** A suspended account does not get a session, but learns until when and why, and how to appeal. */
    void refuseIfSuspended(User user) {
        if (!AccountStandings.isSuspended(user.suspendedUntil(), clock)) {
            return;
        }
        Instant until = AccountSuspensions.UNTIL_LIFTED.equals(user.suspendedUntil()) ? null : user.suspendedUntil();
        SuspensionReasons reasons = suspensionReasons.getIfAvailable();
        String reason = reasons == null ? null : reasons.reasonFor(user.id()).orElse(null);
        throw new SuspendedSignIn(until, reason, accessTokens.issueAppeal(user.id()).token());
    }

    @Transactional(readOnly = true)
    AccountDtos.MeView me(UUID userId) {
        User user = activeUser(userId);
        List<AccountDtos.ClubRef> adminOf = user.guest() ? List.of() : clubsOf(userId).stream()
                .filter(ClubMemberships.Membership::admin)
                .map(club -> new AccountDtos.ClubRef(club.id(), club.name()))
                .toList();
        return new AccountDtos.MeView(user.id(), user.username(), user.displayName(), user.guest(),
                users.staffRole(userId).orElse(null), user.bio(), adminOf);
    }

    /** The clubs someone belongs to, as the clubs module says; none when it is not part of this application. */
    List<ClubMemberships.Membership> clubsOf(UUID userId) {
        ClubMemberships clubs = memberships.getIfAvailable();
        return clubs == null ? List.of() : clubs.membershipsOf(userId);
    }

    /** Changes the display name and bio; guests have no profile to change. */
    @Transactional
    AccountDtos.MeView changeProfile(UUID userId, AccountDtos.ProfileChangeRequest request) {
        User user = activeUser(userId);
        if (user.guest()) {
            throw ApiException.forbidden("Guests have no profile: sign up to have one.");
        }
        if (request.displayName() != null) {
            String displayName = request.displayName().strip();
            if (displayName.isEmpty()) {
                throw ApiException.invalid("displayName", "must not be blank");
            }
            users.changeDisplayName(userId, displayName);
        }
        if (request.bio() != null) {
            String bio = request.bio().strip();
            users.changeBio(userId, bio.isEmpty() ? null : bio);
        }
        return me(userId);
    }

    /** Every refresh token of the account dies; access tokens already issued live out their short lifetime. */
    @Transactional
    void signOutEverywhere(UUID userId) {
        activeUser(userId);
        refreshTokens.revokeAll(userId);
    }

    @Transactional
    void changePassword(UUID userId, AccountDtos.PasswordChangeRequest request) {
        User user = activeUser(userId);
        if (user.guest() || user.passwordHash() == null) {
            throw ApiException.forbidden("This account has no password to change.");
        }
        if (!passwords.matches(request.currentPassword(), user.passwordHash())) {
            throw ApiException.forbidden("The current password is wrong.");
        }
        requirePasswordFits("newPassword", request.newPassword());
        users.changePassword(userId, passwords.encode(request.newPassword()), clock.instant());
        refreshTokens.revokeAll(userId);
    }

    /**
     * Erases the account's personal data and ends its sessions. Chat lines and reports stay, authored by
     * "deleted user"; modules holding the person's follows and memberships drop them on {@link AccountDeleted}.
     */
    @Transactional
    void delete(UUID userId) {
        activeUser(userId);
        users.erase(userId, clock.instant());
        follows.forget(userId);
        refreshTokens.revokeAll(userId);
        events.publishEvent(new AccountDeleted(userId));
    }

    SessionView startSession(User user) {
        AccessTokens.Issued access = accessTokens.issue(user.id(), user.guest());
        return new SessionView(access.token(), refreshTokens.issue(user.id()), access.expiresAt(), UserView.of(user));
    }

    User activeUser(UUID userId) {
        return users.findById(userId).filter(u -> !u.isDeleted())
                .orElseThrow(() -> ApiException.unauthorized("This account no longer exists."));
    }

    void limitSignIns(String clientAddress) {
        rateLimiter.acquire("sign-in:" + clientAddress, signInLimit, "Too many sign-in attempts from this address.");
    }

    /** BCrypt reads at most 72 bytes; refuse longer passwords rather than silently ignoring their tail. */
    private static void requirePasswordFits(String field, String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw ApiException.invalid(field, "must be at most 72 bytes in UTF-8");
        }
    }
}
