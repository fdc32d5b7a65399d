package dev.tribune.moderation;

import dev.tribune.accounts.AccountRegistered;
import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.StaffRole;
import dev.tribune.accounts.StaffRoles;
import dev.tribune.accounts.StaffRoles.StaffMember;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.Page;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Who is staff, and who may name them: an ADMIN names or removes staff; the configured admins are ADMINs from
 * start-up, and from registration when their username is taken after start-up.
 */
@Service
class Staff {

    private final StaffRoles roles;
    private final ModerationProperties properties;

    Staff(StaffRoles roles, ModerationProperties properties) {
        this.roles = roles;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void bootstrapAdmins() {
        roles.makeAdmins(properties.admins());
    }

    /** Synchronous, so the account is never committed without the role it is configured to have. */
    @EventListener
    void on(AccountRegistered registered) {
        if (properties.admins().contains(registered.username())) {
            roles.assign(registered.userId(), StaffRole.ADMIN);
        }
    }

    Optional<StaffRole> roleOf(AuthenticatedUser caller) {
        return caller.guest() ? Optional.empty() : roles.of(caller.id());
    }

    boolean isStaff(AuthenticatedUser caller) {
        return roleOf(caller).isPresent();
    }

    Page<StaffMember> list(AuthenticatedUser caller) {
        if (!isStaff(caller)) {
            throw ApiException.forbidden("Only staff see the staff list.");
        }
        return new Page<>(roles.all(), null);
    }

    StaffMember name(AuthenticatedUser caller, UUID userId, StaffRole role) {
        requireAdmin(caller);
        if (!roles.assign(userId, role)) {
            throw ApiException.notFound("No such account (guests cannot be staff).");
        }
        return roles.all().stream().filter(m -> m.user().id().equals(userId)).findFirst().orElseThrow();
    }

    void remove(AuthenticatedUser caller, UUID userId) {
        requireAdmin(caller);
        if (!roles.revoke(userId)) {
            throw ApiException.notFound("No such account.");
        }
    }

    private void requireAdmin(AuthenticatedUser caller) {
        if (roleOf(caller).filter(r -> r == StaffRole.ADMIN).isEmpty()) {
            throw ApiException.forbidden("Only a staff ADMIN names or removes staff.");
        }
    }
}
