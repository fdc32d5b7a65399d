package dev.tribune.moderation;

import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.UserDirectory;
import dev.tribune.accounts.UserRef;
import dev.tribune.shared.ApiException;
import dev.tribune.shared.Cursors;
import dev.tribune.shared.Page;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading the audit log: staff read all of it, club ADMINs their clubs' part. */
@Service
class AuditReading {

    /** An entry as API.md shows it; {@code actor} is null when the service acted by itself. */
    record AuditView(UUID id, Instant at, UserRef actor, String action, UserRef target, UUID roomId, UUID clubId,
            UUID reportId, String note, Integer durationDays, Instant until, UUID reversedBy) {
    }

    private final AuditLog audit;
    private final Staff staff;
    private final UserDirectory users;

    AuditReading(AuditLog audit, Staff staff, UserDirectory users) {
        this.audit = audit;
        this.staff = staff;
        this.users = users;
    }

    @Transactional(readOnly = true)
    Page<AuditView> read(AuthenticatedUser caller, AuditLog.Filter filter, int limit, String cursor) {
        List<UUID> clubs = null;
        if (!staff.isStaff(caller)) {
            clubs = caller.guest() ? List.of() : audit.adminClubs(caller.id());
            if (clubs.isEmpty()) {
                throw ApiException.forbidden("Only staff and club ADMINs read the audit log.");
            }
        }
        Cursors.Key before = Cursors.key(cursor, "audit", new Cursors.Key(Instant.parse("9999-01-01T00:00:00Z"), new UUID(-1, -1)));
        List<AuditLog.Recorded> rows = audit.read(filter, clubs, before, limit + 1);
        Set<UUID> people = new HashSet<>();
        rows.forEach(r -> {
            if (r.actorId() != null) {
                people.add(r.actorId());
            }
            if (r.targetUserId() != null) {
                people.add(r.targetUserId());
            }
        });
        Map<UUID, UserRef> named = users.findAll(people);
        return Page.of(rows, limit, r -> Cursors.encode("audit", r.at(), r.id()),
                r -> new AuditView(r.id(), r.at(), r.actorId() == null ? null : named.get(r.actorId()), r.action(),
                        r.targetUserId() == null ? null : named.get(r.targetUserId()), r.roomId(), r.clubId(), r.reportId(),
                        r.note(), r.durationDays(), r.until(), r.reversedBy()));
    }
}
