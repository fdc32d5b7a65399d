package dev.tribune.notifications;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The port push is sent through: one message per device, a list at a time, an outcome per message. */
interface PushSender {

    /** Off when Firebase is not configured: then no push is ever queued. */
    boolean enabled();

    /** Outcomes in the order of {@code messages}; never throws for a message's failure. */
    List<Outcome> send(List<PushMessage> messages);

    /**
     * One device's copy of a notice.
     *
     * @param tag the notice's id: a repeated send (after a crash) replaces the shown notification on the device
     */
    record PushMessage(UUID deviceId, String token, String title, String body, String link, String tag, Map<String, String> data) {
    }

    sealed interface Outcome {
    }

    /** The device has it. */
    record Delivered() implements Outcome {
    }

    /** The token is no longer valid (unregistered, malformed, of another project): forget the device. */
    record TokenGone(String reason) implements Outcome {
    }

    /** Try again later, not before {@code notBefore} when the service said so (Retry-After). */
    record TryAgain(String reason, Duration notBefore) implements Outcome {
    }

    /** Failed in a way a retry would not mend; given up for this device. */
    record Failed(String reason) implements Outcome {
    }
}
