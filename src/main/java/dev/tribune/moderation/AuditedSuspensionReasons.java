package dev.tribune.moderation;

import dev.tribune.accounts.SuspensionReasons;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Why an account is suspended: the note of the audit entry that suspended it, or, without a note, the reason of the
 * report it resolved. Only a suspension not overturned counts.
 */
@Component
class AuditedSuspensionReasons implements SuspensionReasons {

    private final JdbcClient jdbc;

    AuditedSuspensionReasons(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<String> reasonFor(UUID userId) {
        return jdbc.sql("""
                SELECT coalesce(a.note, r.reason) FROM moderation_actions a LEFT JOIN reports r ON r.id = a.report_id
                WHERE a.target_user_id = ? AND a.action = 'SUSPEND_ACCOUNT' AND a.reversed_by IS NULL
                ORDER BY a.created_at DESC, a.id DESC LIMIT 1""")
                .param(userId)
                .query(String.class)
                .optional();
    }
}
