import type { MediaGrant } from '../../api/types';
import type { RemoteAudioStats } from '../mediaSession';
import { SDK_MANAGED, type VendorConnection, type VendorEvents, type VendorIdentity, type VendorLib } from '../vendorLib';

/**
 * twilio-video behind the VendorLib surface, loaded with a dynamic import on first use. Grant: `connection {roomName,
 * roomSid, sdk: "twilio-video", audioOnly, maxParticipants}`, token = a Twilio access token whose identity is my user
 * id. Twilio cannot forbid publishing in the token: the service disconnects a client that keeps publishing after a
 * demotion, so a demotion unpublishes and stops the track at once.
 * - connect: `connect(token, {name: roomName, audio: false, video: false})`, then (when allowed) a microphone track
 *   created and disabled *before* `publishTrack`, so nothing is heard before Unmute (`enable()` / `disable()`).
 * - remote audio from `trackSubscribed`; identity = Tribune user id.
 * - stats: `room.getStats()`'s `remoteAudioTrackStats` (bytesReceived, packetsReceived, audioLevel 0..32767 scaled to
 *   0..1), keyed by the identity of the participant publishing that track sid.
 */
export function twilioConnectOptions(grant: MediaGrant): { name: string; audio: false; video: false; tracks: [] } {
  const name = grant.connection.roomName ?? grant.connection.roomSid;
  if (typeof name !== 'string' || !name) throw new Error('The Twilio grant has no connection.roomName');
  return { name, audio: false, video: false, tracks: [] };
}

interface StatsLike {
  remoteAudioTrackStats: Array<{ trackSid: string; bytesReceived: number | null; packetsReceived: number | null; audioLevel: number | null }>;
}

/** Inbound audio per identity from `room.getStats()`; `owners` maps a track sid to its participant's identity. */
export function twilioAudioStats(reports: StatsLike[], owners: Map<string, string>): RemoteAudioStats[] {
  const byUser = new Map<string, RemoteAudioStats>();
  for (const report of reports) {
    for (const s of report.remoteAudioTrackStats) {
      const userId = owners.get(s.trackSid);
      if (!userId) continue;
      const prev = byUser.get(userId) ?? { userId, bytesReceived: 0, packetsReceived: 0, audioLevel: 0 };
      byUser.set(userId, {
        userId,
        bytesReceived: prev.bytesReceived + (s.bytesReceived ?? 0),
        packetsReceived: prev.packetsReceived + (s.packetsReceived ?? 0),
        audioLevel: Math.max(prev.audioLevel, (s.audioLevel ?? 0) / 32767),
      });
    }
  }
  for (const userId of new Set(owners.values())) {
    if (!byUser.has(userId)) byUser.set(userId, { userId, bytesReceived: 0, packetsReceived: 0, audioLevel: 0 });
  }
  return [...byUser.values()];
}

export async function loadTwilioLib(): Promise<VendorLib> {
  const video = await import('twilio-video');
  return {
    async connect(grant: MediaGrant, _me: VendorIdentity, events: VendorEvents): Promise<VendorConnection> {
      const room = await video.connect(grant.token ?? '', twilioConnectOptions(grant));
      let closing = false;
      let micTrack: import('twilio-video').LocalAudioTrack | null = null;
      room.on('trackSubscribed', (track, _pub, participant) => {
        if (track.kind === 'audio') events.remoteAudio(participant.identity, track.mediaStreamTrack, false);
      });
      room.on('trackUnsubscribed', (track, _pub, participant) => {
        if (track.kind === 'audio') events.remoteAudio(participant.identity, null, true);
      });
      room.on('participantDisconnected', (participant) => events.remoteAudio(participant.identity, null, true));
      room.on('reconnecting', () => events.reconnecting());
      room.on('reconnected', () => events.reconnected());
      room.on('disconnected', (_room, error) => {
        micTrack?.stop();
        micTrack = null;
        if (!closing) events.disconnected(error ? `${error.code} ${error.message}` : 'disconnected');
      });
      // participants already there when I connected
      for (const participant of room.participants.values()) {
        for (const pub of participant.audioTracks.values()) {
          if (pub.track) events.remoteAudio(participant.identity, pub.track.mediaStreamTrack, false);
        }
      }
      return {
        ...SDK_MANAGED,
        async publishMicrophone(enabled: boolean): Promise<MediaStreamTrack | null> {
          const track = micTrack ?? (await video.createLocalAudioTrack());
          if (enabled) track.enable();
          else track.disable(); // before it is published: nothing heard before Unmute
          if (!micTrack) {
            try {
              await room.localParticipant.publishTrack(track);
            } catch (e) {
              track.stop();
              throw e;
            }
            micTrack = track;
          }
          return track.mediaStreamTrack;
        },
        async setMicrophoneEnabled(on: boolean): Promise<void> {
          if (on) micTrack?.enable();
          else micTrack?.disable();
        },
        async unpublishMicrophone(): Promise<void> {
          const track = micTrack;
          micTrack = null;
          if (!track) return;
          room.localParticipant.unpublishTrack(track);
          track.stop();
        },
        async remoteAudioStats(): Promise<RemoteAudioStats[]> {
          const owners = new Map<string, string>();
          for (const participant of room.participants.values()) {
            for (const [sid, pub] of participant.audioTracks) if (pub.isSubscribed) owners.set(sid, participant.identity);
          }
          return twilioAudioStats(await room.getStats(), owners);
        },
        async resubscribe(userId: string): Promise<void> {
          // subscriptions are the server's (Track Subscriptions API); the client can only re-attach what it has
          for (const participant of room.participants.values()) {
            if (participant.identity !== userId) continue;
            for (const pub of participant.audioTracks.values()) {
              if (pub.track) events.remoteAudio(userId, pub.track.mediaStreamTrack, false);
            }
          }
        },
        async disconnect(): Promise<void> {
          closing = true;
          micTrack?.stop();
          micTrack = null;
          room.disconnect();
        },
      };
    },
  };
}
