package dev.tribune.moderation;

import dev.tribune.events.RoomEvent;
import dev.tribune.events.WireName;
import java.util.UUID;

/** What moderation tells a room's log (API.md, "Event types and their data"). */
public sealed interface ModerationEvent extends RoomEvent {

    /** To the room's HOST and MODERATORs only, while the room is LIVE, so they can act at once. */
    @WireName("report.filed")
    record ReportFiled(UUID reportId, UUID reportedUserId, ReportReason reason) implements ModerationEvent {
    }
}
