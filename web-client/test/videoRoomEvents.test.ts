import { describe, expect, it } from 'vitest';
import { janusErrorCode, readRoomMessage } from '../src/media/janus/videoRoomEvents';

const ME = 'u-me';

describe('VideoRoom messages', () => {
  it('joined: the publishers to hear, never myself, only those sending audio', () => {
    const m = readRoomMessage(
      {
        videoroom: 'joined',
        room: 'r1',
        id: ME,
        publishers: [
          { id: 'u-a', streams: [{ type: 'audio', mid: '0' }] },
          { id: ME, streams: [{ type: 'audio', mid: '0' }] },
          { id: 'u-b' },
          { id: 'u-v', streams: [{ type: 'video', mid: '0' }] },
        ],
      },
      ME,
    );
    expect(m.joined).toBe(true);
    expect(m.publishers).toEqual(['u-a', 'u-b']);
    expect(m.me).toBeNull();
  });

  it('publishers arriving later, and feeds going: unpublished, leaving, kicked', () => {
    expect(readRoomMessage({ videoroom: 'event', publishers: [{ id: 'u-c' }] }, ME).publishers).toEqual(['u-c']);
    expect(readRoomMessage({ videoroom: 'event', unpublished: 'u-a' }, ME).gone).toEqual(['u-a']);
    expect(readRoomMessage({ videoroom: 'event', leaving: 'u-b' }, ME).gone).toEqual(['u-b']);
    expect(readRoomMessage({ videoroom: 'event', kicked: 'u-c' }, ME).gone).toEqual(['u-c']);
  });

  it('what happens to me: unpublished, left, kicked (both shapes Janus uses)', () => {
    expect(readRoomMessage({ videoroom: 'event', unpublished: 'ok' }, ME).me).toBe('unpublished');
    expect(readRoomMessage({ videoroom: 'event', leaving: 'ok' }, ME).me).toBe('left');
    expect(readRoomMessage({ videoroom: 'event', leaving: 'ok', reason: 'kicked' }, ME).me).toBe('kicked');
    expect(readRoomMessage({ videoroom: 'event', kicked: ME }, ME).me).toBe('kicked');
    expect(readRoomMessage({ videoroom: 'event', kicked: ME }, ME).gone).toEqual([]);
  });

  it('configured, errors, a destroyed room', () => {
    expect(readRoomMessage({ videoroom: 'event', configured: 'ok' }, ME).configured).toBe(true);
    expect(readRoomMessage({ videoroom: 'event', error_code: 433, error: 'Unauthorized' }, ME).error).toEqual({ code: 433, reason: 'Unauthorized' });
    expect(readRoomMessage({ videoroom: 'destroyed', room: 'r1' }, ME).roomDestroyed).toBe(true);
  });

  it('reads Janus error codes from janus.js error strings', () => {
    expect(janusErrorCode('433 Unauthorized (not allowed to publish)')).toBe(433);
    expect(janusErrorCode('Ooops: 458 Session not found')).toBe(458);
    expect(janusErrorCode('Probably a network error, is the server down?')).toBeNull();
  });
});
