package dev.tribune.media.provider.mesh;

import dev.tribune.media.RtcProvider;
import dev.tribune.media.RtcProviderContract;
import java.time.Clock;
import java.util.Optional;

/** Mesh keeps the contract every provider keeps; it has no vendor to be unreachable and receives no webhooks. */
class MeshProviderContractTest extends RtcProviderContract {

    @Override
    protected RtcProvider provider() {
        return new MeshRtcProvider(new MeshProperties(8, 40), iceServersWithoutTurn(Clock.systemUTC()), Clock.systemUTC());
    }

    @Override
    protected Optional<RtcProvider> unreachableProvider() {
        return Optional.empty();
    }
}
