package dev.tribune.media.spi;

import java.util.UUID;

/**
 * How an adapter that sees something happen at its media server (a relayed publication, say) asks the core to bring
 * the vendor to the participant's state again: {@link RtcProvider#reconcile} is called soon after, outside the
 * caller's thread, with the state the core holds then.
 */
public interface ReconcileRequests {

    /** Queued in its own transaction (or the caller's, if there is one); the vendor is not called here. */
    void reconcileSoon(UUID roomId, UUID userId);
}
