package dev.tribune.media.provider.fakethree;

import dev.tribune.rooms.RoomStatus;

/** Architecture-test fixture: an adapter that reaches past the SPI into a core module. */
public class NosyAdapter {

    RoomStatus peek() {
        return RoomStatus.LIVE;
    }
}
