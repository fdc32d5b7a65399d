package dev.tribune.moderation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code reports}; {@code evidence} is its frozen snapshot as JSON (null once purged, or without a room). */
record Report(UUID id, UUID reporterId, UUID reportedUserId, UUID roomId, UUID clubId, UUID messageId, ReportReason reason,
        String details, Status status, Instant createdAt, Instant resolvedAt, UUID resolvedBy, Action resolutionAction,
        String resolutionNote, Integer durationDays, String evidence) {

    enum Status {
        OPEN, RESOLVED
    }

    /** What a resolution did (API.md): the graduated actions, mildest first. */
    enum Action {
        DISMISS, WARN, REMOVE_FROM_ROOM, BAN_FROM_ROOM, BAN_FROM_CLUB, SUSPEND_ACCOUNT
    }

    /** What the reporter learns of the outcome, and nothing more. */
    enum Outcome {
        ACTION_TAKEN, NO_VIOLATION
    }

    static final String COLUMNS = """
            id, reporter_id, reported_user_id, room_id, club_id, message_id, reason, details, status, created_at,
            resolved_at, resolved_by, resolution_action, resolution_note, resolution_duration_days, evidence::text AS evidence
            """;

    Outcome outcome() {
        if (resolutionAction == null) {
            return null;
        }
        return resolutionAction == Action.DISMISS ? Outcome.NO_VIOLATION : Outcome.ACTION_TAKEN;
    }

    static Report map(ResultSet rs, int row) throws SQLException {
        String action = rs.getString("resolution_action");
        return new Report(rs.getObject("id", UUID.class), rs.getObject("reporter_id", UUID.class),
                rs.getObject("reported_user_id", UUID.class), rs.getObject("room_id", UUID.class),
                rs.getObject("club_id", UUID.class), rs.getObject("message_id", UUID.class),
                ReportReason.valueOf(rs.getString("reason")), rs.getString("details"), Status.valueOf(rs.getString("status")),
                instant(rs, "created_at"), instant(rs, "resolved_at"), rs.getObject("resolved_by", UUID.class),
                action == null ? null : Action.valueOf(action), rs.getString("resolution_note"),
                rs.getObject("resolution_duration_days", Integer.class), rs.getString("evidence"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
