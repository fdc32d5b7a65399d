/**
 * Janus WebRTC Server (VideoRoom, audio-only publishers): a backend Janus session for room administration, HS256
 * grants checked by the relay at {@code /janus}, which browsers use instead of reaching Janus.
 */
package dev.tribune.media.provider.janus;
