package dev.tribune.notifications;

import dev.tribune.accounts.UserDirectory;
import dev.tribune.accounts.UserRef;
import dev.tribune.clubs.ClubDirectory;
import dev.tribune.clubs.ClubSummary;
import dev.tribune.events.RoomEventAppended;
import dev.tribune.rooms.Room;
import dev.tribune.rooms.RoomAccess;
import dev.tribune.rooms.RoomWentLive;
import dev.tribune.rooms.Visibility;
import dev.tribune.stage.StageEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * What happens in rooms that people want to hear of: a room goes live (its host's followers, its club's people), a
 * person they follow gets on a panel, they are invited to speak. Each listener runs in the transaction of the cause,
 * so a notice exists exactly when its cause committed; the audiences are expanded later, off that transaction.
 *
 * <p>Who may hear follows who may see the room: a PUBLIC room is announced to the host's followers and the club's
 * people, a CLUB room only to the club's people, a PRIVATE room to nobody (people are invited to those by link).
 */
@Component
class RoomNotices {

    private final NoticeService notices;
    private final RoomAccess rooms;
    private final ClubDirectory clubs;
    private final UserDirectory users;

    RoomNotices(NoticeService notices, RoomAccess rooms, ClubDirectory clubs, UserDirectory users) {
        this.notices = notices;
        this.rooms = rooms;
        this.clubs = clubs;
        this.users = users;
    }

    @EventListener
    void on(RoomWentLive live) {
        Room room = rooms.find(live.roomId()).orElseThrow();
        Set<UUID> host = Set.of(room.createdBy());
        // those who asked to be reminded hear that it started (of a PRIVATE room too: they had its link)
        if (room.scheduledFor() != null) {
            notices.tellAudience("started:" + room.id(), NoticeKind.ROOM_STARTING, starting(room, false),
                    new NoticeAudience.RemindedOf(room.id(), host));
        }
        if (room.visibility() == Visibility.PRIVATE) {
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("roomId", room.id());
        data.put("roomName", room.name());
        ClubSummary club = room.clubId() == null ? null : clubs.find(room.clubId()).orElse(null);
        if (club != null) {
            data.put("clubId", club.id());
            data.put("clubName", club.name());
        }
        data.put("hostName", users.find(room.createdBy()).map(UserRef::displayName).orElse(null));
        notices.tellAudience("live:" + room.id(), NoticeKind.ROOM_LIVE, data, new NoticeAudience.RoomAnnounced(room.id(), host));
    }

    /** Synchronous in the append's transaction: it returns at once for every other event (chat above all). */
    @EventListener
    void on(RoomEventAppended appended) {
        switch (appended.event()) {
            case StageEvent.SpeakerInvited invited -> invited(appended.roomId(), appended.seq(), invited);
            case StageEvent.RoleChanged changed when changed.role().onPanel() -> onPanel(appended.roomId(), changed.userId());
            default -> {
            }
        }
    }

    private void invited(UUID roomId, long seq, StageEvent.SpeakerInvited invited) {
        Room room = rooms.find(roomId).orElseThrow();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("roomId", room.id());
        data.put("roomName", room.name());
        data.put("byName", invited.by() == null ? null : users.find(invited.by()).map(UserRef::displayName).orElse(null));
        // each invitation is its own notice: being invited again after declining is news again
        notices.tell(invited.userId(), NoticeKind.SPEAKER_INVITE, data, "invite:" + roomId + ":" + seq);
    }

    /** Once per room and person: stepping down and up again tells nobody twice. */
    private void onPanel(UUID roomId, UUID userId) {
        Room room = rooms.find(roomId).orElseThrow();
        if (room.visibility() != Visibility.PUBLIC) {
            return; // followers may not see a CLUB or PRIVATE room
        }
        UserRef speaker = users.find(userId).orElse(null);
        if (speaker == null || speaker.guest() || userId.equals(room.createdBy())) {
            return; // nobody follows a guest; the host's followers heard that the room went live
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("roomId", room.id());
        data.put("roomName", room.name());
        data.put("userId", userId);
        data.put("displayName", speaker.displayName());
        notices.tellAudience("speaking:" + roomId + ":" + userId, NoticeKind.FOLLOWED_SPEAKING, data,
                new NoticeAudience.FollowersOf(userId, Set.of(userId)));
    }

    static Map<String, Object> starting(Room room, boolean soon) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("roomId", room.id());
        data.put("roomName", room.name());
        data.put("startsAt", soon ? room.scheduledFor() : room.startedAt());
        data.put("soon", soon);
        return data;
    }
}
