package dev.tribune.media.provider.twilio;

import dev.tribune.media.spi.MediaConnection;

/**
 * What twilio-video needs besides the token. Twilio tokens cannot forbid publishing: {@code audioOnly} tells an
 * honest client; the server disconnects a dishonest one.
 */
record TwilioConnection(String sdk, String roomName, String roomSid, boolean audioOnly, int maxParticipants)
        implements MediaConnection {
}
