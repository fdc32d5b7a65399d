package dev.tribune.moderation;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Moderation")
class AuditController {

    private final AuditReading audit;

    AuditController(AuditReading audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit")
    @Operation(summary = "The audit log of moderation acts, newest first: staff all, club ADMINs their clubs' rooms'")
    Page<AuditReading.AuditView> read(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) UUID roomId, @RequestParam(required = false) UUID clubId,
            @RequestParam(required = false) UUID userId, @RequestParam(required = false) UUID actorId,
            @RequestParam(required = false) @Pattern(regexp = "^[A-Z_]{1,40}$", message = "must be an action's name") String action,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 500) String cursor) {
        return audit.read(caller, new AuditLog.Filter(roomId, clubId, userId, actorId, action), limit, cursor);
    }
}
