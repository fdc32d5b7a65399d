package dev.tribune.moderation;

import dev.tribune.accounts.AccountSuspensions;
import dev.tribune.accounts.AuthenticatedUser;
import dev.tribune.accounts.UserDirectory;
import dev.tribune.accounts.UserRef;
import dev.tribune.clubs.ClubDirectory;
import dev.tribune.clubs.ClubRole;
import dev.tribune.shared.ApiException;
import dev.tribune.stage.StageEnforcement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Every ban and suspension in force, for staff (all, or one club) and club ADMINs (their club), as rows or CSV. */
@Service
class BanExport {

    /** One ban or suspension; {@code scope} ROOM, CLUB or ACCOUNT; {@code until} null for a ban, which has no end. */
    record BanRow(UUID userId, String username, String scope, UUID roomId, UUID clubId, UUID by, Instant at, Instant until,
            String reason) {
    }

    private static final String HEADER = "userId,username,scope,roomId,clubId,by,at,until,reason";

    private final StageEnforcement stage;
    private final AccountSuspensions suspensions;
    private final AuditLog audit;
    private final UserDirectory users;
    private final ClubDirectory clubs;
    private final Staff staff;

    BanExport(StageEnforcement stage, AccountSuspensions suspensions, AuditLog audit, UserDirectory users, ClubDirectory clubs,
            Staff staff) {
        this.stage = stage;
        this.suspensions = suspensions;
        this.audit = audit;
        this.users = users;
        this.clubs = clubs;
        this.staff = staff;
    }

    @Transactional(readOnly = true)
    List<BanRow> rows(AuthenticatedUser caller, UUID clubId) {
        boolean isStaff = staff.isStaff(caller);
        if (!isStaff && (clubId == null || caller.guest()
                || clubs.roleOf(caller.id(), clubId).filter(r -> r == ClubRole.ADMIN).isEmpty())) {
            throw ApiException.forbidden("Staff export every ban; a club ADMIN exports their club's (clubId).");
        }
        List<StageEnforcement.BanInForce> bans = stage.bansInForce(clubId);
        // suspensions are account-wide: part of the whole export only
        List<AccountSuspensions.Suspension> suspended = clubId == null ? suspensions.inForce() : List.of();
        Set<UUID> people = new HashSet<>();
        bans.forEach(b -> people.add(b.userId()));
        suspended.forEach(s -> people.add(s.userId()));
        Map<UUID, UserRef> named = users.findAll(people);
        List<BanRow> rows = new ArrayList<>();
        for (StageEnforcement.BanInForce ban : bans) {
            rows.add(new BanRow(ban.userId(), username(named, ban.userId()), ban.scope(), ban.roomId(), ban.clubId(), ban.by(),
                    ban.at(), null, ban.reason()));
        }
        for (AccountSuspensions.Suspension suspension : suspended) {
            AuditLog.Recorded entry = audit.latest(suspension.userId(), Report.Action.SUSPEND_ACCOUNT.name()).orElse(null);
            rows.add(new BanRow(suspension.userId(), username(named, suspension.userId()), "ACCOUNT", null, null,
                    entry == null ? null : entry.actorId(), entry == null ? null : entry.at(),
                    suspension.until().equals(AccountSuspensions.UNTIL_LIFTED) ? null : suspension.until(),
                    entry == null ? null : entry.note()));
        }
        return rows;
    }

    String csv(AuthenticatedUser caller, UUID clubId) {
        return Stream.concat(Stream.of(HEADER), rows(caller, clubId).stream().map(r -> Stream.of(r.userId(), r.username(),
                        r.scope(), r.roomId(), r.clubId(), r.by(), r.at(), r.until(), r.reason())
                        .map(BanExport::cell).collect(Collectors.joining(","))))
                .collect(Collectors.joining("\r\n", "", "\r\n"));
    }

    /** RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with an apostrophe. */
    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return text.matches(".*[\",\r\n].*") || text.contains("\n") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String username(Map<UUID, UserRef> named, UUID id) {
        UserRef user = named.get(id);
        return user == null ? null : user.username();
    }
}
