package dev.tribune.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The events module's API for personal notices: sent as {@code {"op":"notice","notice":{...}}} to every open socket of
 * the person, on whatever instance, whether or not it is subscribed to a room (API.md "Real-time events").
 */
@Service
public class PersonalNotices {

    private final NoticeBus bus;
    private final JsonMapper json;

    PersonalNotices(NoticeBus bus, JsonMapper json) {
        this.bus = bus;
        this.json = json;
    }

    /** Sent when the caller's transaction commits; {@code notice} is written as the frame's {@code notice}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void send(UUID userId, Object notice) {
        bus.sendNotice(userId, json.writeValueAsString(notice));
    }

    /**
     * {@link #send} to many people (each their own notice), when the caller's transaction commits; carried in a few
     * messages between instances, not one per person, so telling a club's hundred thousand followers does not flood
     * the bus.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void sendEach(Map<UUID, ?> noticeByUser) {
        Map<UUID, String> frames = new LinkedHashMap<>();
        noticeByUser.forEach((userId, notice) -> frames.put(userId, json.writeValueAsString(notice)));
        bus.sendNotices(frames);
    }

    /**
     * Closes every socket of the person, on every instance, when the caller's transaction commits (a suspension),
     * with 4401: the client's token refresh is then refused.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void closeSockets(UUID userId) {
        bus.closeSockets(userId);
    }
}
