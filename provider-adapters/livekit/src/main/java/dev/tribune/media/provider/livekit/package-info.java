/**
 * LiveKit: access tokens with a video grant, the RoomService Twirp API, webhooks signed as a JWT over the body's hash.
 */
package dev.tribune.media.provider.livekit;
