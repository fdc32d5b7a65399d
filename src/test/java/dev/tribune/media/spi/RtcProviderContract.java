package dev.tribune.media.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import dev.tribune.media.spi.RtcProvider.GrantRequest;
import dev.tribune.media.spi.RtcProvider.ProviderRoom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RtcProvider} does, whatever the vendor (STYLE rule 13; spring-cloud-commons' shared
 * {@code DiscoveryClient} test): each adapter's contract test extends this and supplies the adapter wired against its
 * vendor as its own tests play it (WireMock stubs following the vendor's documented API, or a real Janus).
 */
public abstract class RtcProviderContract {

    /** The SPI's ceiling on a grant (and on any vendor token in it). */
    protected static final Duration MAX_GRANT = Duration.ofMinutes(10);

    /** The adapter, its vendor answering as documented: rooms can be made and ended, and reads succeed. */
    protected abstract RtcProvider provider();

    /**
     * The same adapter pointed at a vendor that cannot be reached (nothing listening, or answering 500); empty for a
     * provider with no vendor to reach (mesh).
     */
    protected abstract Optional<RtcProvider> unreachableProvider();

    /**
     * The same adapter with credentials its vendor refuses (401 or 403, the vendor's documented answer); empty for a
     * provider with no vendor to reach (mesh).
     */
    protected abstract Optional<RtcProvider> providerWithRefusedCredentials();

    /** ICE servers with no TURN, for adapters that hand some out (mesh). */
    protected static IceServers iceServersWithoutTurn() {
        return userId -> List.of();
    }

    /** The time the adapter's clock reads (adapters under test may run on a fixed clock). */
    protected Instant now() {
        return Instant.now();
    }

    /** When the grant's vendor token stops working, where the token says it; JWTs are read here. */
    protected Optional<Instant> tokenExpiry(MediaGrant grant) {
        if (grant.token() == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(JWT.decode(grant.token()).getExpiresAtAsInstant());
        } catch (JWTDecodeException notJwt) {
            return Optional.empty();
        }
    }

    /**
     * A callback made to look like the vendor's, its signature made with a key that is not ours (for a provider that
     * receives none, anything: the route does not exist).
     */
    protected WebhookCall forgedWebhook() {
        return new WebhookCall("https://tribune.example.test/api/v1/webhooks/" + provider().name(),
                Map.of("authorization", List.of("Bearer forged"), "content-type", List.of("application/json")),
                "{\"event\":\"room_finished\"}".getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * What the vendor lets a connected participant do, as the test's vendor recorded it.
     *
     * @param connected   still in the vendor's room (not disconnected by the adapter)
     * @param mayBeHeard  publishing audio that others hear is allowed and not withdrawn
     */
    public record AtVendor(boolean connected, boolean mayBeHeard) {
    }

    /**
     * Whether the provider has a server in the media path for reconcile to act on. Mesh has none (browsers send to
     * each other): there is nothing to bring to a participant's state, so the contract it keeps is that reconcile
     * accepts every state, changes nothing and never fails, and that its capabilities tell the core so (no
     * server-side mute, no live permission change: the stage is enforced in the signalling relay instead).
     */
    protected boolean hasMediaServer() {
        return true;
    }

    /**
     * Puts the user in the vendor's room (as the vendor's tests play it: stubs, or a real server), as a speaker
     * ({@code publishing}: allowed and sending audio) or a listener. Called only when {@link #hasMediaServer}.
     */
    protected void connectAtVendor(ProviderRoom room, UUID user, boolean publishing) {
        throw new UnsupportedOperationException(provider().name() + " has a media server: override connectAtVendor");
    }

    /** What the vendor now lets the user do, after the adapter's reconcile calls. Called only when {@link #hasMediaServer}. */
    protected AtVendor atVendor(ProviderRoom room, UUID user) {
        throw new UnsupportedOperationException(provider().name() + " has a media server: override atVendor");
    }

    private record Connected(RtcProvider provider, ProviderRoom room, UUID user) {
    }

    private Connected connected(boolean publishing) {
        RtcProvider provider = provider();
        UUID roomId = UUID.randomUUID();
        ProviderRoom room = new ProviderRoom(roomId, provider.ensureRoom(roomId));
        UUID user = UUID.randomUUID();
        if (hasMediaServer()) {
            connectAtVendor(room, user, publishing);
        }
        return new Connected(provider, room, user);
    }

    /**
     * Reconciles the user to {@code state} (which must not fail, whatever the provider) and reads back what the vendor
     * now lets them do; with no media server, checks what such a provider keeps instead and returns empty.
     */
    private Optional<AtVendor> reconciled(Connected c, RtcProvider.ParticipantState state) {
        c.provider().reconcile(c.room(), c.user(), state);
        if (!hasMediaServer()) {
            RtcProvider.Capabilities capabilities = c.provider().capabilities();
            assertThat(capabilities.serverSideMute()).as("no media server: nothing can be muted server-side").isFalse();
            assertThat(capabilities.livePermissionChange()).as("no media server: no permission to change live").isFalse();
            // done again: a no-op stays a no-op (the outbox may run it twice)
            c.provider().reconcile(c.room(), c.user(), state);
            return Optional.empty();
        }
        return Optional.of(atVendor(c.room(), c.user()));
    }

    @Test
    void reconcilingSomeoneGoneTakesThemOutOfTheVendorsRoom() {
        Connected c = connected(true);
        reconciled(c, new RtcProvider.ParticipantState(false, false, false))
                .ifPresent(now -> assertThat(now.connected()).isFalse());
    }

    @Test
    void reconcilingSomeoneDemotedStopsThemBeingHeard() {
        Connected c = connected(true);
        reconciled(c, new RtcProvider.ParticipantState(true, false, false))
                .ifPresent(now -> assertThat(now.mayBeHeard()).isFalse());
    }

    @Test
    void reconcilingSomeoneForceMutedStopsThemBeingHeard() {
        Connected c = connected(true);
        reconciled(c, new RtcProvider.ParticipantState(true, true, true))
                .ifPresent(now -> assertThat(now.mayBeHeard()).isFalse());
    }

    /** Promoted: kept in the room, and allowed to publish at once where the vendor can change that live. */
    @Test
    void reconcilingSomeonePromotedKeepsThemAndLetsThemPublish() {
        Connected c = connected(false);
        reconciled(c, new RtcProvider.ParticipantState(true, true, false)).ifPresent(now -> {
            assertThat(now.connected()).isTrue();
            if (c.provider().capabilities().livePermissionChange()) {
                assertThat(now.mayBeHeard()).isTrue();
            }
        });
    }

    @Test
    void aGrantIsValidAtMostTenMinutes() {
        RtcProvider provider = provider();
        UUID roomId = UUID.randomUUID();
        String providerRoom = provider.ensureRoom(roomId);
        for (boolean canPublish : new boolean[] {true, false}) {
            MediaGrant grant = provider.grant(new GrantRequest(roomId, providerRoom, UUID.randomUUID(), "Ada", canPublish));
            assertThat(grant.provider()).isEqualTo(provider.name());
            assertThat(grant.canPublish()).isEqualTo(canPublish);
            assertThat(grant.expiresAt()).isAfter(now()).isBeforeOrEqualTo(now().plus(MAX_GRANT));
            tokenExpiry(grant).ifPresent(expiry ->
                    assertThat(expiry).as("the vendor token's own expiry").isAfter(now()).isBeforeOrEqualTo(now().plus(MAX_GRANT)));
        }
    }

    @Test
    void endingARoomTwiceIsNoError() {
        RtcProvider provider = provider();
        UUID roomId = UUID.randomUUID();
        ProviderRoom room = new ProviderRoom(roomId, provider.ensureRoom(roomId));
        provider.endRoom(room);
        // the outbox may run it again (a retry after a lost answer, another instance)
        provider.endRoom(room);
    }

    @Test
    void ensuringARoomTwiceNamesTheSameRoom() {
        RtcProvider provider = provider();
        UUID roomId = UUID.randomUUID();
        assertThat(provider.ensureRoom(roomId)).isEqualTo(provider.ensureRoom(roomId));
    }

    @Test
    void anUnsignedWebhookIsRejected() {
        RtcProvider provider = provider();
        WebhookCall unsigned = new WebhookCall("https://tribune.example.test/api/v1/webhooks/" + provider.name(), Map.of(),
                "{\"event\":\"room_finished\"}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThatThrownBy(() -> provider.webhook(unsigned)).isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aForgedWebhookIsRejected() {
        RtcProvider provider = provider();
        WebhookCall forged = forgedWebhook();
        assertThatThrownBy(() -> provider.webhook(forged)).isInstanceOf(WebhookRejected.class);
    }

    @Test
    void aReachableVendorProbesReachable() {
        RtcProvider.Probe probe = provider().probe();
        assertThat(probe.reachable()).as(probe.reason()).isTrue();
    }

    /** Unreachable is said, or thrown as {@link ProviderUnavailable} (which the breaker counts); never anything else. */
    @Test
    void anUnreachableVendorProbesUnreachable() {
        probesAs(unreachableProvider(), ProviderUnavailable.class, RtcProvider.Probe.Outcome.UNREACHABLE);
    }

    /**
     * Refused credentials are the operator's to fix, not an outage to wait out: said as misconfigured, or thrown as
     * {@link ProviderMisconfigured} (start-up stops on either); never "unreachable".
     */
    @Test
    void aVendorRefusingTribunesCredentialsProbesMisconfigured() {
        probesAs(providerWithRefusedCredentials(), ProviderMisconfigured.class, RtcProvider.Probe.Outcome.MISCONFIGURED);
    }

    /** The probe of {@code vendor} says {@code outcome}, or throws what health turns into it; no vendor: reachable. */
    private void probesAs(Optional<RtcProvider> vendor, Class<? extends RuntimeException> thrownAs, RtcProvider.Probe.Outcome outcome) {
        if (vendor.isEmpty()) {
            assertThat(provider().probe().reachable()).as("nothing to reach: always reachable").isTrue();
            return;
        }
        RtcProvider.Probe probe;
        try {
            probe = vendor.get().probe();
        } catch (RuntimeException e) {
            assertThat(e).isInstanceOf(thrownAs);
            assertThat(e.getMessage()).as("says why").isNotBlank();
            return;
        }
        assertThat(probe.outcome()).as(probe.reason()).isEqualTo(outcome);
    }
}
