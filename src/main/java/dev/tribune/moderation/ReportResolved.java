package dev.tribune.moderation;

import java.time.Instant;
import java.util.UUID;

/**
 * A report was resolved, in the transaction that resolved it: for telling the person and the reporter. {@code until}
 * is null for a suspension until lifted (and for every other action).
 */
public record ReportResolved(UUID reportId, UUID auditId, UUID reporterId, UUID reportedUserId, String action, String reason,
        UUID roomId, UUID clubId, Integer durationDays, Instant until, String note) {
}
