package dev.tribune.rooms;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** A room as stored, for the modules that act on rooms (the stage, chat, reports). */
public record Room(UUID id, String name, String description, UUID clubId, Visibility visibility, RoomStatus status,
        UUID createdBy, String provider, String inviteCode, ChatMode chatMode, int slowModeSeconds, Instant scheduledFor,
        Instant startedAt, Instant endedAt, int participantCount, int speakerCount, int audienceCount, String panelPreview,
        Instant createdAt) {

    /** The columns {@link #map} reads, of {@code rooms r}: for a module that reads a room along with its own rows. */
    public static final String COLUMNS = """
            r.id, r.name, r.description, r.club_id, r.visibility, r.status, r.created_by, r.provider, r.invite_code,
            r.chat_mode, r.slow_mode_seconds, r.scheduled_for, r.started_at, r.ended_at, r.participant_count,
            r.speaker_count, r.audience_count, r.panel_preview::text AS panel_preview, r.created_at""";

    public static Room map(ResultSet rs, int row) throws SQLException {
        return new Room(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                rs.getObject("club_id", UUID.class), Visibility.valueOf(rs.getString("visibility")),
                RoomStatus.valueOf(rs.getString("status")), rs.getObject("created_by", UUID.class), rs.getString("provider"),
                rs.getString("invite_code"), ChatMode.valueOf(rs.getString("chat_mode")), rs.getInt("slow_mode_seconds"),
                instant(rs, "scheduled_for"), instant(rs, "started_at"), instant(rs, "ended_at"), rs.getInt("participant_count"),
                rs.getInt("speaker_count"), rs.getInt("audience_count"), rs.getString("panel_preview"), instant(rs, "created_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
