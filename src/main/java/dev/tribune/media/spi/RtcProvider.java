package dev.tribune.media.spi;

import java.util.List;
import java.util.UUID;

/**
 * The port every RTC provider adapter implements (ADR 0005). The core speaks only to this; vendor SDK
 * types never leave their adapter.
 *
 * <p>Which calls may reach the vendor: {@link #ensureRoom}, {@link #reconcile} and {@link #endRoom} (the core calls
 * them through a per-provider circuit breaker, never while a room's row is locked, and they must be idempotent);
 * {@link #probe} reads from the vendor (the health contributor runs it, never while a request waits);
 * {@link #grant} and {@link #webhook} are local (minting a token, checking a signature) and must not call the vendor.
 * A vendor that cannot be reached is reported by throwing {@link ProviderUnavailable}; one that refuses Tribune's
 * configuration (credentials, a template) by throwing {@link ProviderMisconfigured}.
 */
public interface RtcProvider {

    /** The name rooms and configuration use: mesh, janus, twilio, hms, livekit. */
    String name();

    Capabilities capabilities();

    /**
     * Creates the vendor's room for a Tribune room, or finds the one made before (after a restart too), and returns
     * the vendor's reference to it, which the core keeps and hands back in {@link ProviderRoom}. Called when the
     * room goes LIVE and again before a join when the core has no reference (or the vendor reported the room gone).
     */
    default String ensureRoom(UUID roomId) {
        return roomId.toString();
    }

    /** A join grant for one participant: publishing only when {@code canPublish}; valid at most 10 minutes. */
    MediaGrant grant(GrantRequest request);

    /**
     * Brings the provider to a participant's current state: publishing allowed or not, force-muted or not, or gone
     * (removed, banned, left). Called by the outbox worker after each change and each time the vendor reports the
     * participant (re)connecting or publishing; vendor tokens cannot be revoked one by one, so this is where a stale
     * token's powers are taken back.
     */
    default void reconcile(ProviderRoom room, UUID userId, ParticipantState state) {
    }

    /** Ends the vendor's room: everyone is disconnected and nobody can join it again. */
    default void endRoom(ProviderRoom room) {
    }

    /**
     * Whether the vendor calls back at {@code POST /api/v1/webhooks/<name>}. For a provider that does not (mesh; janus
     * without its event handler)
     * that route does not exist: it answers 404 like an inactive provider's, never a 401 that suggests a signature
     * could make it work.
     */
    default boolean receivesWebhooks() {
        return false;
    }

    /**
     * Checks a callback's signature the vendor's way and translates what it says into reports about Tribune rooms
     * and users (events about rooms or people Tribune does not know are left out). Throws
     * {@link WebhookRejected} when the signature is missing or wrong; nothing may be changed before it is checked.
     */
    default List<ProviderReport> webhook(WebhookCall call) {
        throw new WebhookRejected(name() + " sends no webhooks");
    }

    /**
     * Whether the vendor can be reached with Tribune's configuration now: the cheapest authenticated read the vendor
     * documents (a list of at most one room, say), bounded by the adapter's timeouts, and whatever the adapter's
     * guarantees rest on (100ms: the template's roles). Failures are thrown as by the other vendor calls
     * ({@link ProviderUnavailable}, {@link ProviderMisconfigured}, or another refusal), or returned;
     * {@code ProviderHealth} turns what is thrown into a {@link Probe}, so to the core a probe never throws. A
     * {@link Probe#misconfigured} answer at start-up stops the service. A provider with no vendor to reach (mesh) is
     * always reachable.
     */
    default Probe probe() {
        return Probe.reachable("no vendor to reach");
    }

    /**
     * What a {@link #probe} found, and in a few words why: reachable; unreachable (down, timing out, or an answer that
     * may be the vendor's passing trouble: worth waiting for); or misconfigured (the vendor answered, and what it said
     * is definitely Tribune's configuration's fault: refused credentials, a template that lets the audience publish),
     * which only an operator can fix.
     */
    record Probe(Outcome outcome, String reason) {

        public enum Outcome { REACHABLE, UNREACHABLE, MISCONFIGURED }

        public static Probe reachable(String reason) {
            return new Probe(Outcome.REACHABLE, reason);
        }

        public static Probe unreachable(String reason) {
            return new Probe(Outcome.UNREACHABLE, reason);
        }

        public static Probe misconfigured(String reason) {
            return new Probe(Outcome.MISCONFIGURED, reason);
        }

        public boolean reachable() {
            return outcome == Outcome.REACHABLE;
        }

        public boolean misconfigured() {
            return outcome == Outcome.MISCONFIGURED;
        }
    }

    /** The vendor's room for a Tribune room, as {@link #ensureRoom} named it. */
    record ProviderRoom(UUID roomId, String providerRoomId) {
    }

    /**
     * @param present     in the room by Tribune's record; false once they left, were removed or banned
     * @param canPublish  HOST, MODERATOR or SPEAKER
     * @param forcedMute  muted by a HOST or MODERATOR
     */
    record ParticipantState(boolean present, boolean canPublish, boolean forcedMute) {
    }

    /**
     * What the provider can do, so the core knows what it must do itself.
     *
     * @param serverSideMute       the provider can silence a participant's published audio
     * @param livePermissionChange publishing can be granted and revoked while connected (without a new token)
     */
    record Capabilities(boolean serverSideMute, boolean livePermissionChange, int maxSpeakers, int maxParticipants) {
    }

    /** @param providerRoomId what {@link #ensureRoom} returned for the room */
    record GrantRequest(UUID roomId, String providerRoomId, UUID userId, String displayName, boolean canPublish) {
    }
}
