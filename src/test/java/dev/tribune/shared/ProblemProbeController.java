package dev.tribune.shared;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Test-only endpoints with the shapes later modules use (UUID path ids, paged query parameters, enums in bodies),
 * so the error contract is proven before those modules exist.
 */
@RestController
class ProblemProbeController {

    enum Kind { PUBLIC, PRIVATE }

    record Probe(@NotNull Kind kind, @Size(max = 5) String name, int count) {
    }

    @GetMapping("/test-probe/items/{id}")
    Map<String, Object> item(@PathVariable UUID id) {
        return Map.of("id", id);
    }

    @GetMapping("/test-probe/page")
    Map<String, Object> page(@RequestParam @Min(1) @Max(100) int limit, @RequestParam String q) {
        return Map.of("limit", limit, "q", q);
    }

    @PostMapping("/test-probe/echo")
    Probe echo(@Valid @RequestBody Probe probe) {
        return probe;
    }

    @GetMapping("/test-probe/boom")
    Map<String, Object> boom() {
        throw new IllegalStateException("connection string with a password in it");
    }
}
