package dev.tribune.accounts;

import java.util.UUID;

/** A person as other modules show them: the API's {@code user} shape, plus whether they are a guest. */
public record UserRef(UUID id, String username, String displayName, boolean guest) {
}
