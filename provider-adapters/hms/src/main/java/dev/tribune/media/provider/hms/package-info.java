/**
 * 100ms: app tokens with a speaker or listener role, the rooms and active-rooms REST API, webhooks with a secret header.
 */
package dev.tribune.media.provider.hms;
