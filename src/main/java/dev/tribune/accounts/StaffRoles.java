package dev.tribune.accounts;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accounts module's API for the staff role stored on the account ({@code users.platform_role}). Accounts only
 * keeps the role; who may name staff is moderation's decision.
 */
@Service
public class StaffRoles {

    /** A staff member as the staff list shows them. */
    public record StaffMember(UserRef user, StaffRole role) {
    }

    private final Users users;

    StaffRoles(Users users) {
        this.users = users;
    }

    /** Their staff role, if they have one and their account still exists. */
    public Optional<StaffRole> of(UUID userId) {
        return users.staffRole(userId);
    }

    /** Gives a registered (not guest, not deleted) account a staff role; false if there is no such account. */
    @Transactional
    public boolean assign(UUID userId, StaffRole role) {
        return users.setPlatformRole(userId, role.name());
    }

    /** Takes the staff role away; false if there is no such account. */
    @Transactional
    public boolean revoke(UUID userId) {
        return users.setPlatformRole(userId, "USER");
    }

    /** Makes the accounts with these usernames ADMIN staff, those that exist. */
    @Transactional
    public void makeAdmins(Collection<String> usernames) {
        usernames.forEach(users::makeAdmin);
    }

    /** Every staff member, ADMINs first, then by username. */
    public List<StaffMember> all() {
        return users.staff();
    }
}
