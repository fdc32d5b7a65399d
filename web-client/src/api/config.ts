// GET /api/v1/config (API.md "People, notices and notifications"): what the client needs to render itself.
import type { ApiClient } from './http';

export interface ClientConfig {
  providers: { default: string; active: string[] };
  features?: Record<string, unknown>;
}

let cached: Promise<ClientConfig> | null = null;

/** Public, no sign-in; read once per page load (it changes only with a deployment). */
export function readConfig(api: ApiClient): Promise<ClientConfig> {
  if (!cached) {
    cached = api.get<ClientConfig>('/api/v1/config', { auth: false }).catch((e: unknown) => {
      cached = null;
      throw e;
    });
  }
  return cached;
}

/** Forgets the cached answer (tests, or a deployment that changed under a long-lived tab). */
export function forgetConfig(): void {
  cached = null;
}
