package dev.tribune.media.provider.mesh;

import dev.tribune.media.spi.RtcProvider;
import dev.tribune.media.spi.RtcProviderContract;
import java.time.Clock;
import java.util.Optional;

/**
 * Mesh keeps the contract every provider keeps; it has no vendor to be unreachable, receives no webhooks, and has no
 * media server for reconcile to act on.
 */
class MeshProviderContractTest extends RtcProviderContract {

    @Override
    protected RtcProvider provider() {
        return new MeshRtcProvider(new MeshProperties(8, 40), iceServersWithoutTurn(), Clock.systemUTC());
    }

    @Override
    protected Optional<RtcProvider> unreachableProvider() {
        return Optional.empty();
    }

    @Override
    protected Optional<RtcProvider> providerWithRefusedCredentials() {
        return Optional.empty();
    }

    @Override
    protected boolean hasMediaServer() {
        return false;
    }
}
