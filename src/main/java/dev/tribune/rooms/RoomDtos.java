package dev.tribune.rooms;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Request and response bodies of the rooms API (API.md "Rooms"). */
public final class RoomDtos {

    private RoomDtos() {
    }

    static final String NO_CONTROL_CHARACTERS = "^[^\\p{Cntrl}]*$";

    public record CreateRoomRequest(
            @NotBlank @Size(max = 100)
            @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters") String name,
            UUID clubId,
            Visibility visibility,
            Instant scheduledFor,
            @Size(max = 20) String provider,
            @Size(max = 2000) String description) {
    }

    record UpdateRoomRequest(
            @Size(min = 1, max = 100) @Pattern(regexp = NO_CONTROL_CHARACTERS, message = "must not contain control characters")
            String name,
            @Size(max = 2000) String description,
            ChatMode chat,
            @Min(0) @Max(3600) Integer slowModeSeconds) {
    }

    record ClubRef(UUID id, String name) {
    }

    /** A seat on a room's stage as the room's detail shows it: with whether that speaker is muted now. */
    /** {@code role} is the stage's role (stage.StageRole), named here as text: rooms cannot import stage. */
    record StageSeat(UUID userId, String displayName,
            @Schema(allowableValues = {"HOST", "MODERATOR", "SPEAKER", "AUDIENCE"}) String role, boolean muted) {
    }

    record Seat(UUID userId, String displayName,
            @Schema(allowableValues = {"HOST", "MODERATOR", "SPEAKER", "AUDIENCE"}) String role) {
    }

    /**
     * A hallway card. The panel preview is already JSON on the room row and is written out as it is: a feed page of
     * a hundred cards is not parsed and serialised again on every call.
     */
    record RoomCard(String kind, UUID id, String name, ClubRef club, Visibility visibility, RoomStatus status,
            @JsonRawValue @ArraySchema(schema = @Schema(implementation = Seat.class), maxItems = 6) String panel,
            int speakerCount, int participantCount, Instant startedAt, Instant scheduledFor) {
    }

    record Settings(ChatMode chat, int slowModeSeconds) {
    }

    record RaisedHand(UUID userId, String displayName, Instant raisedAt) {
    }

    record Me(@Schema(allowableValues = {"HOST", "MODERATOR", "SPEAKER", "AUDIENCE"}) String role, boolean handRaised, boolean muted,
            boolean forcedMute, boolean invited, boolean chatMuted) {
    }

    record RoomDetail(UUID id, String name, String description, ClubRef club, Visibility visibility, RoomStatus status,
            List<StageSeat> panel, int speakerCount, int participantCount, int audienceCount, Instant startedAt,
            Instant scheduledFor, Instant endedAt, String provider, Settings settings, List<RaisedHand> raisedHands, Me me,
            String inviteCode, boolean reminded) {
    }

    record Listener(UUID userId, String displayName, Instant joinedAt) {
    }

    record ClubCard(String kind, UUID id, String name, String description, String topic, int followerCount, int memberCount) {
    }
}
