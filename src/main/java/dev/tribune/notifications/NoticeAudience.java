package dev.tribune.notifications;

import java.util.Set;
import java.util.UUID;

/**
 * Who a broadcast notice goes to ({@link NoticeService#tellAudience}): a set of people known only when it is expanded,
 * which may be a hundred thousand, so it is named here and read from the database later, in chunks. Deleted and
 * suspended accounts are never told; {@code excluding} are people who need not be (the host of the room that went live).
 */
sealed interface NoticeAudience {

    Set<UUID> excluding();

    /** Everyone who follows the person ({@code user_follows}). */
    record FollowersOf(UUID userId, Set<UUID> excluding) implements NoticeAudience {
        public FollowersOf {
            excluding = Set.copyOf(excluding);
        }

        public FollowersOf(UUID userId) {
            this(userId, Set.of());
        }
    }

    /** The club's followers and its members, each once. */
    record ClubPeople(UUID clubId, Set<UUID> excluding) implements NoticeAudience {
        public ClubPeople {
            excluding = Set.copyOf(excluding);
        }

        public ClubPeople(UUID clubId) {
            this(clubId, Set.of());
        }
    }

    /** Everyone who asked to be reminded of the room ({@code room_reminders}). */
    record RemindedOf(UUID roomId, Set<UUID> excluding) implements NoticeAudience {
        public RemindedOf {
            excluding = Set.copyOf(excluding);
        }

        public RemindedOf(UUID roomId) {
            this(roomId, Set.of());
        }
    }

    /**
     * The people who want to hear that a room went live and may see it: for a PUBLIC room its host's followers and
     * its club's people, for a CLUB room the club's people, for a PRIVATE room nobody; each once.
     */
    record RoomAnnounced(UUID roomId, Set<UUID> excluding) implements NoticeAudience {
        public RoomAnnounced {
            excluding = Set.copyOf(excluding);
        }
    }
}
