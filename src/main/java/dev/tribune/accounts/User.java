package dev.tribune.accounts;

import dev.tribune.shared.Ids;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code users} as accounts needs it: who signs in, and whether they still may. */
record User(UUID id, String username, String displayName, String passwordHash, boolean guest, Instant suspendedUntil,
        Instant createdAt, Instant deletedAt, String bio) {

    static final String DELETED_DISPLAY_NAME = "deleted user";

    static User registered(String username, String displayName, String passwordHash, Instant now) {
        return new User(Ids.newId(), username, displayName, passwordHash, false, null, now, null, null);
    }

    static User guest(String displayName, Instant now) {
        return new User(Ids.newId(), null, displayName, null, true, null, now, null, null);
    }

    boolean isDeleted() {
        return deletedAt != null;
    }
}
