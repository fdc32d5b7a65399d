package dev.tribune.moderation;

import dev.tribune.accounts.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Moderation")
class BanExportController {

    private static final MediaType CSV = new MediaType("text", "csv");

    enum Format {
        csv, json
    }

    private final BanExport export;

    BanExportController(BanExport export) {
        this.export = export;
    }

    @GetMapping(value = "/api/v1/bans/export", produces = {"application/json", "text/csv"})
    @Operation(summary = "Every ban and suspension in force, as CSV or JSON: staff all (or one club), club ADMINs their club")
    ResponseEntity<?> export(@AuthenticationPrincipal AuthenticatedUser caller,
            @RequestParam(defaultValue = "json") Format format, @RequestParam(required = false) UUID clubId) {
        if (format == Format.csv) {
            return ResponseEntity.ok().contentType(CSV).body(export.csv(caller, clubId));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(export.rows(caller, clubId));
    }
}
