package dev.tribune.rooms;

import dev.tribune.shared.ProblemType;
import org.springframework.http.HttpStatus;

/** The kinds of problem the rooms module answers with, beyond the common ones. */
public final class RoomProblems {

    public static final ProblemType ROOM_ENDED = new ProblemType("room-ended", HttpStatus.CONFLICT, "Room ended");
    /** A reminder asked of a room that is already LIVE or has ENDED. */
    static final ProblemType NOT_SCHEDULED = new ProblemType("room-not-scheduled", HttpStatus.CONFLICT, "Room not scheduled");

    private RoomProblems() {
    }
}
