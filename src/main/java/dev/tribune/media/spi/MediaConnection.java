package dev.tribune.media.spi;

/**
 * API.md's {@code media.connection}: what the browser needs to connect with the grant's provider. Each adapter
 * declares its own record (its JSON is the record's components), so the shape a provider promises is a type, not a
 * map filled in by hand.
 */
public interface MediaConnection {
}
