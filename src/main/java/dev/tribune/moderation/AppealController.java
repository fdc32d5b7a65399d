package dev.tribune.moderation;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/appeals")
@Tag(name = "Moderation")
class AppealController {

    private final Appeals appeals;

    AppealController(Appeals appeals) {
        this.appeals = appeals;
    }

    record AppealRequest(@NotNull UUID auditId, @NotBlank @Size(max = 2000) String text) {
    }

    record DecisionRequest(@NotNull Appeals.Decision decision, @Size(max = 2000) String note) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Appeal a warning, ban or suspension of oneself: once per action, within 30 days")
    Appeals.AppealView file(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody AppealRequest request) {
        return appeals.file(caller, request.auditId(), request.text());
    }

    @GetMapping
    @Operation(summary = "Appeals, oldest first (staff)")
    Page<Appeals.AppealView> list(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) Appeals.Status status,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 500) String cursor) {
        return appeals.list(caller, status, limit, cursor);
    }

    @PostMapping("/{appealId}/decide")
    @Operation(summary = "Uphold or overturn an appeal (staff other than the one who acted); an overturn lifts the ban "
            + "or suspension at once")
    Appeals.AppealView decide(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID appealId,
            @Valid @RequestBody DecisionRequest request) {
        return appeals.decide(caller, appealId, request.decision(), request.note());
    }
}
