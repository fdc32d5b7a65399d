package dev.tribune.events;

import java.util.Set;
import java.util.UUID;

/**
 * Who may see an event, judged against each recipient's role in the room when the event is delivered, not when it
 * was written (API.md "Real-time events").
 */
public record EventAudience(Kind kind, Set<UUID> users, String role) {

    public enum Kind {
        /** everyone subscribed to the room */
        EVERYONE,
        /** the HOST and MODERATORs */
        STAFF,
        /** the HOST, MODERATORs and the users named */
        STAFF_AND_USERS,
        /** the HOST and MODERATORs but not the users named (a report is never shown to the person reported) */
        STAFF_EXCEPT_USERS,
        /** only the users named */
        USERS,
        /** whoever has {@code role}, and the users named */
        ROLE_AND_USERS
    }

    public EventAudience {
        users = Set.copyOf(users);
    }

    public static EventAudience everyone() {
        return new EventAudience(Kind.EVERYONE, Set.of(), null);
    }

    public static EventAudience staff() {
        return new EventAudience(Kind.STAFF, Set.of(), null);
    }

    public static EventAudience staffAnd(UUID... users) {
        return new EventAudience(Kind.STAFF_AND_USERS, Set.of(users), null);
    }

    public static EventAudience staffExcept(UUID... users) {
        return new EventAudience(Kind.STAFF_EXCEPT_USERS, Set.of(users), null);
    }

    public static EventAudience only(UUID... users) {
        return new EventAudience(Kind.USERS, Set.of(users), null);
    }

    public static EventAudience roleAnd(String role, UUID... users) {
        return new EventAudience(Kind.ROLE_AND_USERS, Set.of(users), role);
    }

    /** Whether who may see it depends on the recipients' roles (the panel's roles are then read for it). */
    boolean dependsOnRole() {
        return kind != Kind.EVERYONE && kind != Kind.USERS;
    }

    /** Whether a recipient with {@code role} in the room (AUDIENCE when not on the panel) may see the event. */
    boolean admits(UUID userId, String recipientRole) {
        boolean named = users.contains(userId);
        boolean staff = "HOST".equals(recipientRole) || "MODERATOR".equals(recipientRole);
        return switch (kind) {
            case EVERYONE -> true;
            case STAFF -> staff;
            case STAFF_AND_USERS -> staff || named;
            case STAFF_EXCEPT_USERS -> staff && !named;
            case USERS -> named;
            case ROLE_AND_USERS -> named || role.equals(recipientRole);
        };
    }
}
