package dev.tribune.moderation;

import java.util.UUID;

/** A staff member decided an appeal, in the transaction that decided it: for telling the person. */
public record AppealDecided(UUID appealId, UUID auditId, UUID userId, String decision, String note) {
}
