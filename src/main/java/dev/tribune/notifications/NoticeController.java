package dev.tribune.notifications;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.shared.Page;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/me/notices")
@Tag(name = "Notifications")
class NoticeController {

    private final NoticeService notices;

    NoticeController(NoticeService notices) {
        this.notices = notices;
    }

    /** {@code upTo}: the id of the newest notice read; it and every older one are marked read. */
    record ReadRequest(@NotNull UUID upTo) {
    }

    @GetMapping
    @Operation(summary = "The caller's notices, newest first")
    Page<Notices.Notice> mine(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 500) String cursor) {
        return notices.mine(caller, limit, cursor);
    }

    @PostMapping("/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Mark read the notice upTo and every older one")
    void read(@AuthenticationPrincipal AuthenticatedUser caller, @Valid @RequestBody ReadRequest request) {
        notices.readUpTo(caller, request.upTo());
    }
}
