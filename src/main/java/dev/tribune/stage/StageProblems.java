package dev.tribune.stage;

import dev.tribune.shared.ProblemType;
import org.springframework.http.HttpStatus;

/** The stage's own kinds of problem. */
final class StageProblems {

    static final ProblemType BANNED = new ProblemType("banned", HttpStatus.FORBIDDEN, "Banned");
    static final ProblemType ROOM_FULL = new ProblemType("room-full", HttpStatus.CONFLICT, "Room full");
    static final ProblemType STAGE_FULL = new ProblemType("stage-full", HttpStatus.CONFLICT, "Stage full");
    static final ProblemType JOIN_QUEUED = new ProblemType("join-queued", HttpStatus.TOO_MANY_REQUESTS, "Join queued");
    static final ProblemType NOT_LIVE = new ProblemType("room-not-live", HttpStatus.CONFLICT, "Room not live");

    private StageProblems() {
    }
}
