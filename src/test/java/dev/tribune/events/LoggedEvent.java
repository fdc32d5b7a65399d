package dev.tribune.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Any type and data, for tests of the log and the relay that do not care what an event says. */
record LoggedEvent(String type, @JsonValue Object data) implements RoomEvent {
}
