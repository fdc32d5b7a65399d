package dev.tribune.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event of a room's log, as its owner declares it: a record whose components are exactly the {@code data} a client
 * receives. Each owning module closes its own set with a sealed sub-interface ({@code stage.StageEvent},
 * {@code chat.ChatEvent}, {@code rooms.RoomChange}, {@code media.MediaEvent}); this one cannot be sealed, since its
 * permitted types would have to live in this package. {@code RoomEventSamplesTest} writes one sample of each to the
 * fixture the web client's union type is checked against.
 */
public interface RoomEvent {

    /** The event's name on the wire, its {@link WireName} ({@code hand.raised}); never part of {@code data}. */
    @JsonIgnore
    default String type() {
        WireName name = getClass().getAnnotation(WireName.class); // the JDK keeps a class's annotations once read
        if (name == null) {
            throw new IllegalStateException(getClass().getName() + " is a room event without a @WireName");
        }
        return name.value();
    }
}
