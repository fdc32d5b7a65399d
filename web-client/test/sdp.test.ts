import { describe, expect, it } from 'vitest';
import { isReceiveOnlyAnswer, isSendOnlyAudioOffer, mediaSections } from '../src/media/sdp';

const offer = (direction: string, extra = '') =>
  ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111', `a=${direction}`, 'a=rtpmap:111 opus/48000/2', extra]
    .filter(Boolean)
    .join('\r\n');

describe('SDP directions', () => {
  it('reads each section’s direction, the session’s as fallback, sendrecv by default', () => {
    const sdp = ['v=0', 'a=recvonly', 'm=audio 9 RTP/AVP 0', 'm=audio 9 RTP/AVP 0', 'a=sendonly', 'm=video 0 RTP/AVP 96'].join('\n');
    expect(mediaSections(sdp)).toEqual([
      { kind: 'audio', disabled: false, direction: 'recvonly' },
      { kind: 'audio', disabled: false, direction: 'sendonly' },
      { kind: 'video', disabled: true, direction: 'recvonly' },
    ]);
    expect(mediaSections('v=0\nm=audio 9 RTP/AVP 0')[0]?.direction).toBe('sendrecv');
  });

  it('a speaker’s offer sends audio and receives none', () => {
    expect(isSendOnlyAudioOffer(offer('sendonly'))).toBe(true);
    expect(isSendOnlyAudioOffer(offer('sendrecv'))).toBe(false);
    expect(isSendOnlyAudioOffer(offer('recvonly'))).toBe(false);
    expect(isSendOnlyAudioOffer(offer('sendonly', 'm=video 9 UDP/TLS/RTP/SAVPF 96\r\na=sendonly'))).toBe(false);
    expect(isSendOnlyAudioOffer(offer('sendonly', 'm=video 0 UDP/TLS/RTP/SAVPF 96'))).toBe(true); // disabled video
    expect(isSendOnlyAudioOffer('v=0')).toBe(false);
  });

  it('a listener’s answer sends nothing', () => {
    expect(isReceiveOnlyAnswer(offer('recvonly'))).toBe(true);
    expect(isReceiveOnlyAnswer(offer('inactive'))).toBe(true);
    expect(isReceiveOnlyAnswer(offer('sendrecv'))).toBe(false);
    expect(isReceiveOnlyAnswer(offer('sendonly'))).toBe(false);
  });
});
