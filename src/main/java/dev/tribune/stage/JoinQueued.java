package dev.tribune.stage;

import dev.tribune.shared.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * A join that has to wait its turn: 429 {@code /problems/join-queued} with {@code Retry-After}, the caller's place
 * in line ({@code position}, 1-based) and the {@code queueToken} that keeps that place when sent back with the join.
 */
final class JoinQueued extends ApiException {

    private final int position;
    private final String queueToken;

    JoinQueued(int position, String queueToken, Duration retryAfter) {
        super(StageProblems.JOIN_QUEUED, "Many people are joining right now: you are number " + position
                + " in line. Join again after Retry-After seconds with this queueToken to keep your place.",
                List.of(), retryAfter);
        this.position = position;
        this.queueToken = queueToken;
    }

    int position() {
        return position;
    }

    String queueToken() {
        return queueToken;
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("position", position, "queueToken", queueToken);
    }
}
