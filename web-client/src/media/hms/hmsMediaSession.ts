import type { Timers } from '../../timers';
import { realTimers } from '../../timers';
import type { VendorLib } from '../vendorLib';
import { VendorMediaSession } from '../vendorSession';
import { loadHmsLib } from './hmsLib';

/**
 * 100ms (provider `hms`) through @100mslive/hms-video-store (`hmsLib.ts`). The role in the app token decides
 * publishing, and the server changes it on promotion / demotion; this session keeps the microphone muted until
 * Unmute, and mutes it at once on demotion. The shared logic is `VendorMediaSession`.
 */
export class HmsMediaSession extends VendorMediaSession {
  readonly provider = 'hms';

  constructor(loadLib: () => Promise<VendorLib> = loadHmsLib, timers: Timers = realTimers) {
    super(loadLib, timers);
  }
}
