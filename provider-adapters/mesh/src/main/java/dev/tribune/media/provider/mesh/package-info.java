/**
 * Browser peer-to-peer mesh: the service relays signalling and browsers connect directly, speakers sending to
 * everyone, listeners receiving only. Always active; capped because every speaker uploads once per listener.
 */
package dev.tribune.media.provider.mesh;
