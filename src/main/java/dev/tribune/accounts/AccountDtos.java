package dev.tribune.accounts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The request and response bodies of the accounts API (API.md "Accounts"). */
final class AccountDtos {

    private AccountDtos() {
    }

    static final String NO_CONTROL_CHARACTERS = "^[^\\p{Cntrl}]*$";
    /** A bio may break lines; no other control character. */
    static final String TEXT_LINES = "^[^\\x00-\\x09\\x0B-\\x1F\\x7F]*$";

    record RegisterRequest(
            @NotNull @Pattern(regexp = "^[A-Za-z0-9_.]{3,30}$", message = "must be 3-30 letters, digits, '_' or '.'") String username,
            @NotNull @Size(min = 8, max = 72, message = "must be 8-72 characters") String password,
            @NotBlank @Size(max = 50) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
            String displayName) {
    }

    record LoginRequest(@NotNull @Size(max = 30) String username, @NotNull @Size(max = 72) String password) {
    }

    record GuestRequest(
            @Size(max = 50) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
            String displayName) {
    }

    /** A Firebase ID token: a JWT of a few hundred bytes to a few kilobytes (custom claims). */
    record FirebaseSignInRequest(@NotBlank @Size(max = 8192) String idToken) {
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record PasswordChangeRequest(
            @NotNull @Size(max = 72) String currentPassword,
            @NotNull @Size(min = 8, max = 72, message = "must be 8-72 characters") String newPassword) {
    }

    /** Either may be left out (or null) to keep it; an empty {@code bio} clears it. */
    record ProfileChangeRequest(
            @Size(min = 1, max = 50) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
            String displayName,
            @Size(max = 300) @Pattern(regexp = TEXT_LINES, message = "must not contain control characters other than line breaks")
            String bio) {
    }

    record UserView(UUID id, String username, String displayName, boolean guest) {

        static UserView of(User user) {
            return new UserView(user.id(), user.username(), user.displayName(), user.guest());
        }
    }

    /**
     * The signed-in account: {@code staffRole} is null for everyone but staff; {@code adminOfClubs} are the clubs
     * the caller is a club ADMIN of (where the web client links to their moderation).
     */
    record MeView(UUID id, String username, String displayName, boolean guest, StaffRole staffRole, String bio,
            List<ClubRef> adminOfClubs) {
    }

    record ClubRef(UUID id, String name) {
    }

    /** A person's profile; {@code following} says whether the caller follows them. */
    record ProfileView(UUID id, String username, String displayName, String bio, int followerCount, int followingCount,
            boolean following, List<ClubMemberships.Membership> clubs) {
    }

    record SessionView(String accessToken, String refreshToken, Instant expiresAt, UserView user) {
    }

    record TicketView(String ticket, Instant expiresAt) {
    }
}
