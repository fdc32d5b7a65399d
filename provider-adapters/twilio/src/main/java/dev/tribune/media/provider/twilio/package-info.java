/**
 * Twilio Programmable Video (group rooms): AccessTokens with a VideoGrant, the Rooms REST API, signed status callbacks.
 */
package dev.tribune.media.provider.twilio;
