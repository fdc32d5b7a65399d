import type { Timers } from '../../timers';
import { realTimers } from '../../timers';
import type { VendorLib } from '../vendorLib';
import { VendorMediaSession } from '../vendorSession';
import { loadLivekitLib } from './livekitLib';

/**
 * LiveKit (provider `livekit`) through livekit-client (`livekitLib.ts`). The shared vendor logic (publish muted while
 * on the panel with `canPublish`, unpublish on demotion, levels, health, reconnect with the newest grant,
 * forcePublish) is `VendorMediaSession`. LiveKit rebuilds a dropped connection itself (`Reconnecting` /
 * `Reconnected`); only a `Disconnected` makes a new Room with the newest token.
 */
export class LivekitMediaSession extends VendorMediaSession {
  readonly provider = 'livekit';

  constructor(loadLib: () => Promise<VendorLib> = loadLivekitLib, timers: Timers = realTimers) {
    super(loadLib, timers);
  }
}
