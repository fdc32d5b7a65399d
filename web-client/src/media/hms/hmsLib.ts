import type { MediaGrant } from '../../api/types';
import type { RemoteAudioStats } from '../mediaSession';
import { SDK_MANAGED, type VendorConnection, type VendorEvents, type VendorIdentity, type VendorLib } from '../vendorLib';

/**
 * 100ms (`@100mslive/hms-video-store`, the web SDK core) behind the VendorLib surface, loaded with a dynamic import on
 * first use. Grant: `connection {roomId, role, sdk, userName}`, token = a 100ms app token whose role decides
 * publishing (the server changes my role on promotion / demotion; the SDK publishes or unpublishes by itself).
 * - join: `hmsActions.join({authToken, userName, settings: {isAudioMuted: true, isVideoMuted: true}})`, audio only;
 *   remote audio is played by the SDK's own audio sink, inside the page's audio outlet (`audioSinkElementId`).
 * - publish: the role's own audio track, kept muted until Unmute (`setLocalAudioEnabled`); forced: `addTrack` of a
 *   microphone track, which the SDK refuses when the role may not publish audio.
 * - stats: per remote peer with an audio track, keyed by `customerUserId` (= Tribune user id): the stats store's
 *   `trackStatsByID` (bytes, packets) and the store's track audio level (0-100, scaled to 0..1).
 */
export function hmsUserName(grant: MediaGrant, me: Pick<VendorIdentity, 'userId' | 'displayName'>): string {
  const name = grant.connection.userName;
  return typeof name === 'string' && name ? name : me.displayName;
}

/** The audio level as WebRTC's 0..1 (100ms's store speaks 0..100). */
export function hmsLevel(level: number | undefined): number {
  const n = Number(level ?? 0);
  return n > 1 ? n / 100 : n;
}

/** How long publishMicrophone waits for the SDK to publish the role's audio track after a role change. */
const ROLE_TRACK_WAIT_MS = 5_000;

export async function loadHmsLib(): Promise<VendorLib> {
  const sdk = await import('@100mslive/hms-video-store');
  return {
    async connect(grant: MediaGrant, me: VendorIdentity, events: VendorEvents): Promise<VendorConnection> {
      const hms = new sdk.HMSReactiveStore();
      hms.triggerOnSubscribe();
      const store = hms.getStore();
      const actions = hms.getActions();
      const notifications = hms.getNotifications();
      const statsStore = hms.getStats();
      let closing = false;
      let wantEnabled = false;
      let forcedTrackId: string | null = null;
      const unsubscribers: Array<() => void> = [];

      const outlet = me.audioOutlet;
      if (outlet && !outlet.id) outlet.id = `tribune-audio-${Math.random().toString(36).slice(2)}`;

      /** Remote peers with audio, by Tribune user id. */
      let heard = new Map<string, string>();
      const remoteAudio = (): Map<string, string> => {
        const now = new Map<string, string>();
        for (const peer of store.getState(sdk.selectPeers)) {
          if (peer.isLocal || !peer.audioTrack) continue;
          now.set(peer.customerUserId ?? peer.name, peer.audioTrack);
        }
        return now;
      };
      unsubscribers.push(
        store.subscribe(() => {
          if (closing) return;
          const now = remoteAudio();
          for (const userId of heard.keys()) if (!now.has(userId)) events.remoteAudio(userId, null, true);
          for (const [userId, trackId] of now) if (heard.get(userId) !== trackId) events.remoteAudio(userId, null, false);
          heard = now;
        }, sdk.selectPeers),
      );
      // the SDK publishes the role's audio by itself after a role change: keep it muted until asked
      unsubscribers.push(
        store.subscribe((trackId) => {
          if (trackId && !wantEnabled && store.getState(sdk.selectIsLocalAudioEnabled)) {
            void actions.setLocalAudioEnabled(false).catch(() => undefined);
          }
        }, sdk.selectLocalAudioTrackID),
      );
      unsubscribers.push(statsStore.subscribe(() => undefined, sdk.selectHMSStats.localPeerStats)); // keep stats flowing
      unsubscribers.push(
        notifications.onNotification((n) => {
          if (closing) return;
          switch (n.type) {
            case sdk.HMSNotificationTypes.RECONNECTING:
              events.reconnecting();
              break;
            case sdk.HMSNotificationTypes.RECONNECTED:
              events.reconnected();
              break;
            case sdk.HMSNotificationTypes.ERROR:
              if (n.data?.isTerminal) events.disconnected(`${n.data.code} ${n.data.message}`);
              break;
            case sdk.HMSNotificationTypes.REMOVED_FROM_ROOM:
            case sdk.HMSNotificationTypes.ROOM_ENDED:
              events.disconnected('removed from the 100ms room');
              break;
            default:
              break;
          }
        }),
      );

      await actions.join({
        authToken: grant.token ?? '',
        userName: hmsUserName(grant, me),
        settings: { isAudioMuted: true, isVideoMuted: true },
        ...(outlet ? { audioSinkElementId: outlet.id } : {}),
      });

      const localTrackId = (): string | null => store.getState(sdk.selectLocalAudioTrackID) ?? null;
      const waitForLocalTrack = (): Promise<string | null> =>
        new Promise((resolve) => {
          const now = localTrackId();
          if (now) return resolve(now);
          const stop = store.subscribe((id) => {
            if (id) {
              stop();
              clearTimeout(timer);
              resolve(id);
            }
          }, sdk.selectLocalAudioTrackID);
          const timer = setTimeout(() => {
            stop();
            resolve(null);
          }, ROLE_TRACK_WAIT_MS);
        });

      return {
        ...SDK_MANAGED,
        async publishMicrophone(enabled: boolean, force = false): Promise<MediaStreamTrack | null> {
          wantEnabled = enabled;
          if (force && !localTrackId()) {
            const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: false });
            const track = stream.getAudioTracks()[0];
            if (!track) throw new Error('no microphone track');
            try {
              await actions.addTrack(track, 'regular'); // refused by the SDK when my role may not publish audio
            } catch (e) {
              track.stop();
              throw e;
            }
            forcedTrackId = track.id;
            return track;
          }
          const id = await waitForLocalTrack();
          if (!id) throw Object.assign(new Error('my 100ms role does not publish audio'), { name: 'role_cannot_publish' });
          await actions.setLocalAudioEnabled(enabled);
          return actions.getNativeTrackById(id) ?? null;
        },
        async setMicrophoneEnabled(on: boolean): Promise<void> {
          wantEnabled = on;
          if (localTrackId()) await actions.setLocalAudioEnabled(on);
        },
        async unpublishMicrophone(): Promise<void> {
          wantEnabled = false;
          if (forcedTrackId) {
            const id = forcedTrackId;
            forcedTrackId = null;
            await actions.removeTrack(id).catch(() => undefined);
          }
          // the role's own track goes when the server changes my role; until then it stays muted
          if (localTrackId()) await actions.setLocalAudioEnabled(false);
        },
        async remoteAudioStats(): Promise<RemoteAudioStats[]> {
          return [...remoteAudio()].map(([userId, trackId]) => {
            const stats = statsStore.getState(sdk.selectHMSStats.trackStatsByID(trackId));
            return {
              userId,
              bytesReceived: Number(stats?.bytesReceived ?? 0),
              packetsReceived: Number(stats?.packetsReceived ?? 0),
              audioLevel: hmsLevel(store.getState(sdk.selectTrackAudioByID(trackId))),
            };
          });
        },
        async resubscribe(userId: string): Promise<void> {
          // the SDK subscribes by itself (and restores degraded tracks); nothing a client can redo for one peer
          console.warn(`tribune: 100ms: no audio from ${userId}; the SDK manages its subscription`);
        },
        async disconnect(): Promise<void> {
          closing = true;
          unsubscribers.forEach((u) => u());
          await actions.leave();
        },
      };
    },
  };
}
