// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { loadHmsLib } from '../src/media/hms/hmsLib';
import { loadLivekitLib } from '../src/media/livekit/livekitLib';
import { loadTwilioLib } from '../src/media/twilio/twilioLib';

// No vendor is reachable from here: this only proves each wrapper loads its real SDK and exposes connect().
describe('vendor SDK wrappers load their SDKs', () => {
  it.each([
    ['livekit-client', loadLivekitLib],
    ['@100mslive/hms-video-store', loadHmsLib],
    ['twilio-video', loadTwilioLib],
  ])('%s', async (_name, load) => {
    const lib = await load();
    expect(typeof lib.connect).toBe('function');
  }, 20_000);
});
