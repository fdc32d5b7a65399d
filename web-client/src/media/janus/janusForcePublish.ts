import { PLUGIN } from './janusFeeds';
import { acceptRemoteJsep, type JanusHandle, type JanusSession } from './janusLib';
import { readRoomMessage } from './videoRoomEvents';

/**
 * The force-publish test hook over Janus: my microphone on a handle of its own with `joinandconfigure`, whatever my
 * role, so the browser test sees the relay refuse it (433). Resolves with the track once Janus took it; a refusal
 * stops the track, detaches the handle and rejects. `forced` holds the live tracks (stopped with the connection).
 */
export function forcePublish(
  session: JanusSession,
  room: string,
  me: string,
  getUserMedia: () => Promise<MediaStream>,
  forced: Set<MediaStreamTrack>,
): Promise<MediaStreamTrack | null> {
  return new Promise((resolve, reject) => {
    let handle: JanusHandle | null = null;
    let track: MediaStreamTrack | null = null;
    let settled = false;
    const refused = (error: unknown): void => {
      if (settled) return;
      settled = true;
      if (track) forced.delete(track);
      track?.stop();
      try {
        handle?.detach({ error: () => undefined });
      } catch {
        // already gone
      }
      reject(error);
    };
    session.attach({
      plugin: PLUGIN,
      success: (h) => {
        handle = h;
        void getUserMedia()
          .then((stream) => {
            track = stream.getAudioTracks()[0] ?? null;
            if (!track) throw new Error('no audio track');
            track.enabled = true;
            forced.add(track);
            h.createOffer({
              tracks: [{ type: 'audio', capture: track, recv: false }],
              success: (jsep) =>
                h.send({
                  message: { request: 'joinandconfigure', ptype: 'publisher', room, id: me, audio: true, video: false },
                  jsep,
                  error: refused,
                }),
              error: refused,
            });
          })
          .catch(refused);
      },
      error: refused,
      onmessage: (data, jsep) => {
        const meaning = readRoomMessage(data, me);
        if (meaning.error) {
          refused(`${meaning.error.code} ${meaning.error.reason}`);
          return;
        }
        if (jsep) acceptRemoteJsep(handle, jsep);
        if ((meaning.joined || meaning.configured) && !settled) {
          settled = true; // Janus took it: the browser test will say so
          resolve(track);
        }
      },
    });
  });
}
