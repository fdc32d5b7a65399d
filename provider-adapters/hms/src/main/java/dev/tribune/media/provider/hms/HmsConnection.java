package dev.tribune.media.provider.hms;

import dev.tribune.media.spi.MediaConnection;

/** What the 100ms browser SDK ({@code sdk}) needs besides the token: the room, the role the token names, a name. */
record HmsConnection(String roomId, String role, String sdk, String userName) implements MediaConnection {
}
