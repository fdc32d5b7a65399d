package dev.tribune.media.provider.livekit;

import dev.tribune.media.spi.MediaConnection;

/** What livekit-client needs besides the token: the server's URL and the room. */
record LiveKitConnection(String url, String room, String sdk) implements MediaConnection {
}
