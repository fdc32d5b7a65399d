package dev.tribune.moderation;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.StaffRole;
import dev.tribune.accounts.StaffRoles.StaffMember;
import dev.tribune.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/staff")
@Tag(name = "Moderation")
class StaffController {

    private final Staff staff;

    StaffController(Staff staff) {
        this.staff = staff;
    }

    record StaffRequest(@NotNull StaffRole role) {
    }

    @GetMapping
    @Operation(summary = "Every staff member (staff only)")
    Page<StaffMember> list(@AuthenticationPrincipal AuthenticatedUser caller) {
        return staff.list(caller);
    }

    @PutMapping("/{userId}")
    @Operation(summary = "Make someone staff, MODERATOR or ADMIN (staff ADMINs only)")
    StaffMember name(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID userId,
            @Valid @RequestBody StaffRequest request) {
        return staff.name(caller, userId, request.role());
    }

    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Take someone's staff role away (staff ADMINs only)")
    void remove(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID userId) {
        staff.remove(caller, userId);
    }
}
