package dev.tribune.accounts;

import java.util.List;
import java.util.UUID;

/**
 * The clubs a person belongs to, as the clubs module knows them, for their profile and for {@code GET /api/v1/me}. A
 * port: clubs depends on accounts, so accounts cannot call clubs; clubs implements this instead.
 */
public interface ClubMemberships {

    /** A club someone belongs to, with their club role ({@code MEMBER} or {@code ADMIN}). */
    record Membership(UUID id, String name, String role) {

        public boolean admin() {
            return "ADMIN".equals(role);
        }
    }

    /** Their clubs, by name. */
    List<Membership> membershipsOf(UUID userId);
}
