package dev.tribune.moderation;

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
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Moderation")
class ReportController {

    private final ReportFiling filing;
    private final ReportDesk desk;

    ReportController(ReportFiling filing, ReportDesk desk) {
        this.filing = filing;
        this.desk = desk;
    }

    record ResolveRequest(@NotNull Report.Action action, @Size(max = 2000) String note,
            @Min(1) @Max(3650) Integer durationDays) {
    }

    record ReportRequest(@NotNull UUID reportedUserId, UUID roomId, UUID messageId, @NotNull ReportReason reason,
            @Size(max = 2000) String details) {
    }

    @PostMapping("/api/v1/reports")
    @Operation(summary = "Report someone, in a room one is or was in, or one of their chat messages; 200 with the first "
            + "report when the same person was reported in the same room within 10 minutes")
    ResponseEntity<ReportFiling.FiledView> file(@AuthenticationPrincipal AuthenticatedUser caller,
            @Valid @RequestBody ReportRequest request) {
        ReportFiling.Filed filed = filing.file(caller, new ReportFiling.FileRequest(request.reportedUserId(), request.roomId(),
                request.messageId(), request.reason(), request.details()));
        return ResponseEntity.status(filed.created() ? HttpStatus.CREATED : HttpStatus.OK).body(filed.report());
    }

    @GetMapping("/api/v1/me/reports")
    @Operation(summary = "The caller's own reports, newest first, with their outcome (never the action's details)")
    Page<ReportFiling.MyReportView> mine(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 500) String cursor) {
        return filing.mine(caller, limit, cursor);
    }

    @GetMapping("/api/v1/reports")
    @Operation(summary = "The reports the caller may decide, oldest first: staff all, club ADMINs their club's rooms', "
            + "a room's HOST and MODERATORs their LIVE room's; never those about the caller")
    Page<ReportDesk.QueueItem> queue(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(required = false) Report.Status status, @RequestParam(required = false) UUID roomId,
            @RequestParam(required = false) UUID clubId, @RequestParam(required = false) UUID reportedUserId,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit,
            @RequestParam(required = false) @Size(max = 500) String cursor) {
        return desk.queue(caller, new Reports.QueueFilter(status, roomId, clubId, reportedUserId), limit, cursor);
    }

    @GetMapping("/api/v1/reports/{reportId}")
    @Operation(summary = "A report with its room, the message quoted (even if deleted since), the frozen evidence, the "
            + "reported person's history and the resolution")
    ReportDesk.ReportView report(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID reportId) {
        return desk.get(caller, reportId);
    }

    @PostMapping("/api/v1/reports/{reportId}/resolve")
    @Operation(summary = "Resolve a report with an action within the caller's reach; 409 when resolved already")
    ReportDesk.ReportView resolve(@AuthenticationPrincipal AuthenticatedUser caller, @PathVariable UUID reportId,
            @Valid @RequestBody ResolveRequest request) {
        return desk.resolve(caller, reportId, request.action(), request.note(), request.durationDays());
    }
}
