package dev.tribune.rooms;

import java.util.UUID;
import org.springframework.stereotype.Component;

/** The rooms module's API for ending a room nobody runs any more (the stage's presence sweeper decides when). */
@Component
public class RoomClosing {

    private final RoomService rooms;

    RoomClosing(RoomService rooms) {
        this.rooms = rooms;
    }

    public void endUnattended(UUID roomId) {
        rooms.endUnattended(roomId);
    }
}
