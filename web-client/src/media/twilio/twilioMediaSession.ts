import type { Timers } from '../../timers';
import { realTimers } from '../../timers';
import type { VendorLib } from '../vendorLib';
import { VendorMediaSession } from '../vendorSession';
import { loadTwilioLib } from './twilioLib';

/**
 * Twilio Video (provider `twilio`) through twilio-video (`twilioLib.ts`). Twilio's token cannot forbid publishing, so
 * a demotion unpublishes and stops the microphone at once (the service disconnects a client that keeps publishing);
 * a disconnect while the grant is valid connects again with the newest grant. The shared logic is
 * `VendorMediaSession`.
 */
export class TwilioMediaSession extends VendorMediaSession {
  readonly provider = 'twilio';

  constructor(loadLib: () => Promise<VendorLib> = loadTwilioLib, timers: Timers = realTimers) {
    super(loadLib, timers);
  }
}
