package dev.tribune.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A room event's name on the wire, as API.md spells it ({@code hand.raised}): {@link RoomEvent#type()} reads it. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WireName {

    String value();
}
