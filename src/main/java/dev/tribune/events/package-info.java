/**
 * The room event log and its real-time relay: events appended with their room's gapless {@code seq} in the state
 * change's own transaction, a NOTIFY doorbell to every instance, and the {@code /ws} WebSocket that replays and
 * pushes each client the events it may see.
 */
@ApplicationModule(displayName = "Events")
package dev.tribune.events;

import org.springframework.modulith.ApplicationModule;
