package dev.tribune.clubs;

import dev.tribune.accounts.UserRef;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.UUID;

/** Request and response bodies of the clubs API (API.md "Topics, clubs, follows, memberships"). */
public final class ClubDtos {

    private ClubDtos() {
    }

    static final String NO_CONTROL_CHARACTERS = "^[^\\p{Cntrl}]*$";

    record TopicView(UUID id, String name, String description) {
    }

    public record CreateClubRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
            String name,
            @NotNull UUID topicId,
            @Size(max = 2000) String description) {
    }

    record MembershipRequest(@NotNull ClubRole role) {
    }

    record PersonView(UUID id, String username, String displayName) {

        static PersonView of(UserRef user) {
            return new PersonView(user.id(), user.username(), user.displayName());
        }
    }

    record TopicRef(UUID id, String name) {
    }

    public record ClubView(UUID id, String name, String description, TopicRef topic, PersonView founder, int followerCount,
            int memberCount, ClubRole myMembership, boolean following, Instant createdAt) {
    }

    record ClubCard(UUID id, String name, String description, TopicRef topic, int followerCount, int memberCount) {
    }

    record MemberView(PersonView user, ClubRole role, Instant joinedAt) {
    }
}
