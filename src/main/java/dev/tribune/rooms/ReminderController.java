package dev.tribune.rooms;

import dev.tribune.accounts.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/rooms/{roomId}/reminder")
@Tag(name = "Rooms")
class ReminderController {

    private final Reminders reminders;

    ReminderController(Reminders reminders) {
        this.reminders = reminders;
    }

    @PutMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remind me when this SCHEDULED room starts")
    void remind(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId,
            @RequestParam(required = false) @Size(max = 100) String inviteCode) {
        reminders.remind(caller, roomId, inviteCode);
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "No reminder for this room after all")
    void forget(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID roomId,
            @RequestParam(required = false) @Size(max = 100) String inviteCode) {
        reminders.forget(caller, roomId, inviteCode);
    }
}
