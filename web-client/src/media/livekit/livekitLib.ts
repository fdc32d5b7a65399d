import type { MediaGrant } from '../../api/types';
import { inboundStats } from '../levels';
import type { RemoteAudioStats } from '../mediaSession';
import { SDK_MANAGED, type VendorConnection, type VendorEvents, type VendorLib } from '../vendorLib';

/**
 * livekit-client behind the VendorLib surface. The SDK is loaded with a dynamic import on first use (its own chunk).
 * Grant: `connection {url, room, sdk: "livekit-client"}`, token = a LiveKit access token whose identity is my user
 * id; the token's grants (canPublish) are what the LiveKit server enforces.
 * - connect: `new Room()`, `room.connect(url, token, {autoSubscribe: true})`; remote audio from `TrackSubscribed`.
 * - publish: `createLocalAudioTrack()`, muted (`mute()`) before `publishTrack(track, {source: Microphone})`, so
 *   nothing is heard before Unmute; Unmute / Mute are `setMicrophoneEnabled(true|false)` on that publication.
 * - demotion: `unpublishTrack(track, true)` (stopped at once); a permission change taking `canPublish` away is
 *   reported as `publishingStopped`.
 * - stats: each subscribed audio track's receiver `getStats()` (inbound-rtp), keyed by participant identity; the
 *   level falls back to the SDK's `participant.audioLevel`.
 */
export function livekitUrl(grant: MediaGrant): string {
  const url = grant.connection.url;
  if (typeof url !== 'string' || !url) throw new Error('The LiveKit grant has no connection.url');
  return url;
}

export async function loadLivekitLib(): Promise<VendorLib> {
  const lk = await import('livekit-client');
  return {
    async connect(grant: MediaGrant, _me, events: VendorEvents): Promise<VendorConnection> {
      const room = new lk.Room({ adaptiveStream: false, dynacast: false });
      let closing = false;
      let micTrack: import('livekit-client').LocalAudioTrack | null = null;
      room.on(lk.RoomEvent.TrackSubscribed, (track, _pub, participant) => {
        if (track.kind === lk.Track.Kind.Audio) events.remoteAudio(participant.identity, track.mediaStreamTrack, false);
      });
      room.on(lk.RoomEvent.TrackUnsubscribed, (track, _pub, participant) => {
        if (track.kind === lk.Track.Kind.Audio) events.remoteAudio(participant.identity, null, true);
      });
      room.on(lk.RoomEvent.ParticipantDisconnected, (participant) => events.remoteAudio(participant.identity, null, true));
      room.on(lk.RoomEvent.Reconnecting, () => events.reconnecting());
      room.on(lk.RoomEvent.Reconnected, () => events.reconnected());
      room.on(lk.RoomEvent.Disconnected, (reason) => {
        if (!closing) events.disconnected(`disconnected (${String(reason ?? 'unknown')})`);
      });
      room.on(lk.RoomEvent.ParticipantPermissionsChanged, (prev, participant) => {
        if (participant !== room.localParticipant) return;
        const now = participant.permissions?.canPublish;
        if (now === false && micTrack) {
          micTrack = null;
          events.publishingStopped('permission canPublish withdrawn (demoted or force-muted)');
        } else if (now === true && prev?.canPublish === false) {
          events.publishingAllowed(); // a forced mute lifted
        }
      });
      room.on(lk.RoomEvent.LocalTrackUnpublished, (publication) => {
        if (micTrack && publication.track === micTrack) {
          micTrack = null;
          events.publishingStopped('the server unpublished my microphone');
        }
      });
      await room.connect(livekitUrl(grant), grant.token ?? '', { autoSubscribe: true });
      const audioTracks = (): Array<{ identity: string; track: import('livekit-client').RemoteTrack; level: number }> => {
        const out: Array<{ identity: string; track: import('livekit-client').RemoteTrack; level: number }> = [];
        for (const participant of room.remoteParticipants.values()) {
          for (const pub of participant.audioTrackPublications.values()) {
            if (pub.track) out.push({ identity: participant.identity, track: pub.track, level: participant.audioLevel });
          }
        }
        return out;
      };
      return {
        ...SDK_MANAGED,
        async publishMicrophone(enabled: boolean): Promise<MediaStreamTrack | null> {
          const track = micTrack ?? (await lk.createLocalAudioTrack());
          if (!enabled) await track.mute();
          try {
            if (!micTrack) await room.localParticipant.publishTrack(track, { source: lk.Track.Source.Microphone });
          } catch (e) {
            track.stop();
            throw e;
          }
          micTrack = track;
          if (enabled) await track.unmute();
          return track.mediaStreamTrack;
        },
        async setMicrophoneEnabled(on: boolean): Promise<void> {
          await room.localParticipant.setMicrophoneEnabled(on);
        },
        async unpublishMicrophone(): Promise<void> {
          const track = micTrack;
          micTrack = null;
          if (!track) return;
          track.stop();
          await room.localParticipant.unpublishTrack(track, true);
        },
        async remoteAudioStats(): Promise<RemoteAudioStats[]> {
          const all = await Promise.all(
            audioTracks().map(async ({ identity, track, level }) => {
              const receiver = track.receiver;
              const stats = receiver
                ? await inboundStats(identity, { getStats: () => receiver.getStats() } as RTCPeerConnection)
                : { userId: identity, bytesReceived: 0, packetsReceived: 0, audioLevel: 0 };
              return stats ? { ...stats, audioLevel: stats.audioLevel || level } : null;
            }),
          );
          return all.filter((s): s is RemoteAudioStats => s !== null);
        },
        async resubscribe(userId: string): Promise<void> {
          const participant = room.remoteParticipants.get(userId);
          for (const pub of participant?.audioTrackPublications.values() ?? []) {
            pub.setSubscribed(false);
            pub.setSubscribed(true);
          }
        },
        async disconnect(): Promise<void> {
          closing = true;
          micTrack?.stop();
          micTrack = null;
          await room.disconnect(true);
        },
      };
    },
  };
}
