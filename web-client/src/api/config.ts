// GET /api/v1/config (API.md "People, notices and notifications"): what the client needs to render itself.
import type { ApiClient } from './http';

/** The Firebase web app's config, as `/api/v1/config` serves it when Firebase is on. */
export interface FirebaseWebConfig {
  apiKey: string;
  authDomain: string;
  projectId: string;
  messagingSenderId?: string | null;
  appId: string;
  vapidKey?: string | null;
  /** `http://host:port` of the Auth emulator, when the service uses one (tests and local runs). */
  authEmulatorUrl?: string | null;
}

export interface ClientConfig {
  providers: { default: string; active: string[] };
  /** null (or absent, from an older service): no Firebase anywhere in the page. */
  firebase?: FirebaseWebConfig | null;
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

/** The Firebase config when Google sign-in can be offered, else null. */
export function firebaseSignIn(config: ClientConfig): FirebaseWebConfig | null {
  const firebase = config.firebase ?? null;
  return firebase && config.features?.firebaseSignIn !== false ? firebase : null;
}

/** The Firebase config when web push can be offered (`features.push`: Firebase on and a VAPID key), else null. */
export function firebasePush(config: ClientConfig): FirebaseWebConfig | null {
  const firebase = config.firebase ?? null;
  return firebase && config.features?.push === true && firebase.vapidKey ? firebase : null;
}
