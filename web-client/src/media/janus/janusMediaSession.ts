import { realTimers, type Timers } from '../../timers';
import type { VendorLib } from '../vendorLib';
import { VendorMediaSession } from '../vendorSession';
import { janusVendorLib } from './janusConnection';
import { loadJanusLib } from './janusLib';
import { janusErrorCode } from './videoRoomEvents';

/**
 * Janus VideoRoom (provider `janus`) through janus.js (`janusConnection.ts`), behind the service's relay at /janus.
 * The shared logic (publish muted while on the panel with `canPublish`, unpublish on demotion, levels, health, a lost
 * session made again with backoff 1, 2, 4, 8, 10 s) is `VendorMediaSession`; errors are recorded by their Janus code
 * (`janus_433`).
 */
export class JanusMediaSession extends VendorMediaSession {
  readonly provider = 'janus';

  constructor(loadLib?: () => Promise<VendorLib>, timers: Timers = realTimers) {
    super(loadLib ?? (async () => janusVendorLib(await loadJanusLib(), timers)), timers);
  }

  protected override describeError(error: unknown): { code: string; message: string } {
    const message = String(error instanceof Error ? error.message : error);
    const code = janusErrorCode(message);
    return { code: code !== null ? `janus_${code}` : 'janus_error', message };
  }
}
