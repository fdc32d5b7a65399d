package dev.tribune.accounts;

import java.util.UUID;

/**
 * An account was erased. Published inside the deleting transaction, so modules that hold the person's follows,
 * memberships or devices remove them atomically with the erasure.
 */
public record AccountDeleted(UUID userId) {
}
