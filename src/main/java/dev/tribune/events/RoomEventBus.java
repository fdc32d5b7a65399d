package dev.tribune.events;

import java.util.UUID;
import java.util.function.Consumer;

/**
 * The doorbell between instances: "room X has new events". Carries no event, only the room; every instance then
 * reads the log itself, so a lost ring costs latency (the poll catches up), never an event. PostgreSQL
 * LISTEN/NOTIFY today; a Redis Streams (or similar) transport can replace it behind this interface.
 */
interface RoomEventBus {

    /** Rings for {@code roomId}, inside the caller's transaction: the ring is heard only if it commits. */
    void ring(UUID roomId);

    /** Called, on any thread, for each ring heard, and with null after the transport reconnected (re-read all). */
    void listen(Consumer<UUID> listener);
}
