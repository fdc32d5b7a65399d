package dev.tribune.stage;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rooms/{roomId}")
@Tag(name = "Stage")
class StageController {

    private final StageService stage;
    private final StageRoles roles;
    private final RoomEntry entry;
    private final JoinAdmission admission;

    StageController(StageService stage, StageRoles roles, RoomEntry entry, JoinAdmission admission) {
        this.stage = stage;
        this.roles = roles;
        this.entry = entry;
        this.admission = admission;
    }

    /** @param queueToken from a 429 {@code /problems/join-queued}: keeps the caller's place in line */
    record JoinRequest(@Size(max = 100) String inviteCode, @Size(max = 100) String queueToken) {
    }

    @PostMapping("/join")
    @Operation(summary = "Join (or rejoin, refreshing the media grant); new participants are AUDIENCE. In a join storm: "
            + "429 /problems/join-queued with Retry-After, position and queueToken; join again then with the queueToken")
    StageService.Joined join(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId,
            @RequestBody(required = false) @Valid JoinRequest request) {
        return admission.admit(caller.id(), roomId, request == null ? null : request.queueToken(),
                () -> entry.enter(caller, roomId, request == null ? null : request.inviteCode()));
    }

    @PostMapping("/leave")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void leave(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId) {
        stage.leave(caller, roomId);
    }

    @PutMapping("/hand")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void raiseHand(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId) {
        stage.raiseHand(caller, roomId);
    }

    @DeleteMapping("/hand")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void lowerHand(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId) {
        stage.lowerHand(caller, roomId, caller.id());
    }

    @DeleteMapping("/hands/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Deny a raised hand (HOST, MODERATOR)")
    void denyHand(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId, @PathVariable UUID userId) {
        stage.lowerHand(caller, roomId, userId);
    }

    @PutMapping("/speakers/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Approve a raised hand, or invite to speak (HOST, MODERATOR)")
    void approve(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId, @PathVariable UUID userId) {
        stage.approveOrInvite(caller, roomId, userId);
    }

    @DeleteMapping("/speakers/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Move a SPEAKER back to the audience (HOST, MODERATOR, or the speaker)")
    void demote(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId, @PathVariable UUID userId) {
        stage.demote(caller, roomId, userId);
    }

    @PutMapping("/moderators/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Make a participant MODERATOR (HOST)")
    void makeModerator(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId, @PathVariable UUID userId) {
        roles.makeModerator(caller, roomId, userId);
    }

    @DeleteMapping("/moderators/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "A MODERATOR goes back to SPEAKER (HOST)")
    void unmakeModerator(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId, @PathVariable UUID userId) {
        roles.unmakeModerator(caller, roomId, userId);
    }

    @PutMapping("/host/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Hand the HOST role to a MODERATOR or SPEAKER in the room; the old HOST becomes MODERATOR")
    void handOver(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId, @PathVariable UUID userId) {
        roles.handOver(caller, roomId, userId);
    }

    @PutMapping("/participants/{userId}/mute")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mute yourself, or (HOST, MODERATOR) force-mute someone")
    void mute(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId, @PathVariable UUID userId) {
        roles.mute(caller, roomId, userId);
    }

    @DeleteMapping("/participants/{userId}/mute")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Unmute yourself (403 while force-muted), or (HOST, MODERATOR) lift a forced mute")
    void unmute(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId, @PathVariable UUID userId) {
        roles.unmute(caller, roomId, userId);
    }

    @DeleteMapping("/participants/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove someone, with ban=true for good (HOST on anyone; MODERATOR on SPEAKERs and AUDIENCE)")
    void remove(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId, @PathVariable UUID userId,
            @RequestParam(defaultValue = "false") boolean ban) {
        roles.remove(caller, roomId, userId, ban);
    }

    @GetMapping("/bans")
    @Operation(summary = "Bans on this room (and its club), newest first (HOST, MODERATOR)")
    Page<StageRoles.BanView> bans(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 500) String cursor) {
        return roles.bans(caller, roomId, limit, cursor);
    }

    @DeleteMapping("/bans/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unban(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId, @PathVariable UUID userId) {
        roles.unban(caller, roomId, userId);
    }
}
