package dev.tribune.accounts;

import java.util.UUID;

/** An account with a username was created, in the transaction that created it. */
public record AccountRegistered(UUID userId, String username) {
}
