package dev.tribune.moderation;

import dev.tribune.accounts.UserDirectory;
import dev.tribune.accounts.UserRef;
import dev.tribune.rooms.RoomOccupants;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The evidence snapshot of a report, taken once when it is filed and stored with it, so that a message deleted or an
 * event purged later changes nothing: the room's chat of the window (deleted lines included, marked), the reported
 * person's stage acts in the window from the room's log, and who was on the panel.
 */
@Component
class Evidence {

    /** Enough to judge by, and a bound on what one report can store. */
    private static final int MAX_LINES = 500;

    /** The event types that tell what the reported person did or had done to them on the stage. */
    private static final String[] STAGE_ACTS = {"participant.joined", "participant.left", "role.changed", "participant.muted",
        "participant.unmuted", "hand.raised", "hand.lowered", "speaker.invited", "participant.removed", "participant.chat_muted"};

    record Snapshot(Instant from, Instant to, List<ChatLine> chat, List<StageAct> acts, List<PanelSeat> panel) {
    }

    record ChatLine(UUID id, UUID fromUserId, String fromDisplayName, String text, UUID toUserId, String toRole,
            Instant sentAt, boolean deleted, UUID deletedBy) {
    }

    record StageAct(long seq, String type, Instant at, JsonNode data) {
    }

    record PanelSeat(UUID userId, String displayName, String role) {
    }

    private final JdbcClient jdbc;
    private final RoomOccupants occupants;
    private final UserDirectory users;
    private final JsonMapper json;

    Evidence(JdbcClient jdbc, RoomOccupants occupants, UserDirectory users, JsonMapper json) {
        this.jdbc = jdbc;
        this.occupants = occupants;
        this.users = users;
        this.json = json;
    }

    /** What happened in the room around the reported person from {@code from} up to {@code to}, as JSON. */
    String take(UUID roomId, UUID reportedUserId, Instant from, Instant to) {
        // broadcast lines, and the direct and role lines the reported person sent or was sent: others' private
        // lines are none of the report's business
        List<ChatLine> chat = jdbc.sql("""
                SELECT id, sender_id, text, to_user_id, to_role, sent_at, deleted_at, deleted_by FROM chat_messages
                WHERE room_id = ? AND sent_at >= ? AND sent_at <= ?
                  AND ((to_user_id IS NULL AND to_role IS NULL) OR sender_id = ? OR to_user_id = ?)
                ORDER BY sent_at, id LIMIT ?""")
                .params(roomId, Timestamp.from(from), Timestamp.from(to), reportedUserId, reportedUserId, MAX_LINES)
                .query((rs, n) -> new ChatLine(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), null, rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getTimestamp(7) != null,
                        rs.getObject(8, UUID.class)))
                .list();
        List<StageAct> acts = jdbc.sql("""
                SELECT seq, type, payload::text, created_at FROM room_events
                WHERE room_id = ? AND created_at >= ? AND created_at <= ? AND type = ANY(?) AND payload->>'userId' = ?
                ORDER BY seq LIMIT ?""")
                .params(roomId, Timestamp.from(from), Timestamp.from(to), STAGE_ACTS, reportedUserId.toString(), MAX_LINES)
                .query((rs, n) -> new StageAct(rs.getLong(1), rs.getString(2), rs.getTimestamp(4).toInstant(),
                        json.readTree(rs.getString(3))))
                .list();
        List<RoomOccupants.PanelMember> panel = occupants.panel(roomId);

        Set<UUID> named = new HashSet<>();
        chat.forEach(line -> named.add(line.fromUserId()));
        panel.forEach(seat -> named.add(seat.userId()));
        Map<UUID, UserRef> people = users.findAll(named);
        List<ChatLine> namedChat = chat.stream().map(line -> new ChatLine(line.id(), line.fromUserId(),
                displayName(people, line.fromUserId()), line.text(), line.toUserId(), line.toRole(), line.sentAt(),
                line.deleted(), line.deletedBy())).toList();
        List<PanelSeat> seats = panel.stream()
                .map(seat -> new PanelSeat(seat.userId(), displayName(people, seat.userId()), seat.role())).toList();
        return json.writeValueAsString(new Snapshot(from, to, namedChat, acts, seats));
    }

    /**
     * The evidence {@code stored} without {@code person}'s name: what they said and did stays (the report must still
     * be judged), who they were does not (an erased account; the client shows a nameless author as it does in chat).
     */
    String withoutNameOf(String stored, UUID person) {
        String erasedName = null;
        Snapshot snapshot = json.readValue(stored, Snapshot.class);
        List<ChatLine> chat = snapshot.chat().stream().map(line -> !person.equals(line.fromUserId()) ? line
                : new ChatLine(line.id(), line.fromUserId(), erasedName, line.text(), line.toUserId(), line.toRole(),
                        line.sentAt(), line.deleted(), line.deletedBy())).toList();
        List<StageAct> acts = snapshot.acts().stream().map(act -> {
            if (act.data() instanceof ObjectNode data && person.toString().equals(data.path("userId").asString())
                    && data.has("displayName")) {
                data.put("displayName", erasedName);
            }
            return act;
        }).toList();
        List<PanelSeat> panel = snapshot.panel().stream()
                .map(seat -> person.equals(seat.userId()) ? new PanelSeat(seat.userId(), erasedName, seat.role()) : seat).toList();
        return json.writeValueAsString(new Snapshot(snapshot.from(), snapshot.to(), chat, acts, panel));
    }

    private static String displayName(Map<UUID, UserRef> people, UUID id) {
        UserRef person = people.get(id);
        return person == null ? null : person.displayName();
    }
}
