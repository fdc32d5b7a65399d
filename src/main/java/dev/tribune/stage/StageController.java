package dev.tribune.stage;

import dev.tribune.accounts.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rooms/{roomId}")
@Tag(name = "Stage")
class StageController {

    private final StageService stage;

    StageController(StageService stage) {
        this.stage = stage;
    }

    record JoinRequest(@Size(max = 100) String inviteCode) {
    }

    @PostMapping("/join")
    @Operation(summary = "Join (or rejoin, refreshing the media grant); new participants are AUDIENCE")
    StageService.Joined join(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId,
            @RequestBody(required = false) @jakarta.validation.Valid JoinRequest request) {
        return stage.join(caller, roomId, request == null ? null : request.inviteCode());
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
}
