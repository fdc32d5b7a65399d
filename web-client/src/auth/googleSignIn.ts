// "Continue with Google": Firebase signs the person in with Google in a popup, and Tribune exchanges the Firebase ID
// token for its own session (POST /auth/firebase). The ID token goes to the service and nowhere else.
import { signInWithFirebase } from '../api/auth';
import type { FirebaseWebConfig } from '../api/config';
import { ApiError, type ApiClient } from '../api/http';
import type { Session } from '../api/types';
import type { FirebaseLib } from '../firebase/firebaseLib';

const loadFirebase = async (): Promise<FirebaseLib> => (await import('../firebase/firebaseLib')).firebaseLib;

/**
 * Fetches and sets up the sign-in SDK as soon as a "Continue with Google" button is shown (only where Firebase is on),
 * so the click opens Google's popup at once: browsers block a popup that comes long after its click.
 */
export function prepareGoogleSignIn(config: FirebaseWebConfig, load: () => Promise<FirebaseLib> = loadFirebase): void {
  load()
    .then((lib) => lib.prepareGoogleSignIn(config))
    .catch(() => undefined); // the click tries again and says what went wrong
}

/**
 * Google sign-in, then Tribune's session. `bearer` is the current session's access token when the person is a guest
 * (the guest account becomes the Google one, keeping its place in a room) or links Google to a signed-in account;
 * null to sign in afresh.
 */
export async function continueWithGoogle(
  api: ApiClient,
  config: FirebaseWebConfig,
  bearer: string | null,
  load: () => Promise<FirebaseLib> = loadFirebase,
): Promise<Session> {
  let lib: FirebaseLib;
  try {
    lib = await load();
  } catch {
    throw new GoogleSignInError('Google sign-in could not be loaded. Check your connection and reload the page.');
  }
  const idToken = await lib.googleIdToken(config);
  return signInWithFirebase(api, idToken, bearer);
}

/** A failure already in words. */
export class GoogleSignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoogleSignInError';
  }
}

/** The Firebase SDK's errors carry a `code` such as `auth/popup-closed-by-user`. */
function firebaseCode(e: unknown): string | null {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : null;
}

/**
 * What went wrong, in words a person can act on; null when they closed the Google window themselves (nothing to say).
 * `linking`: the words of the Account page's "Link Google account".
 */
export function googleSignInProblem(e: unknown, linking = false): string | null {
  if (e instanceof GoogleSignInError) return e.message;
  if (e instanceof ApiError) {
    const detail = e.detail ? ` (${e.detail})` : '';
    switch (e.status) {
      case 0:
        return 'Tribune cannot be reached. Check your connection and try again.';
      case 401:
        return `Tribune could not verify your Google sign-in${detail}. Try again.`;
      case 404:
        return 'Google sign-in is not enabled here.';
      case 409:
        return linking
          ? `This Google account is already linked to another Tribune account, or this account to another Google account${detail}.`
          : `This Google account cannot be used for this account${detail}.`;
      case 429:
        return `Too many sign-in attempts. Try again${e.retryAfterSeconds ? ` in ${e.retryAfterSeconds} seconds` : ' in a minute'}.`;
      case 503:
        return `Google sign-in is unavailable right now. Try again${e.retryAfterSeconds ? ` in ${e.retryAfterSeconds} seconds` : ' in a minute'}.`;
      default:
        return e.describe();
    }
  }
  switch (firebaseCode(e)) {
    case 'auth/popup-closed-by-user':
    case 'auth/cancelled-popup-request':
    case 'auth/user-cancelled':
      return null;
    case 'auth/popup-blocked':
      return 'The browser blocked the Google window. Allow pop-ups for this site and try again.';
    case 'auth/network-request-failed':
      return 'Google could not be reached. Check your connection and try again.';
    case 'auth/user-disabled':
      return 'This Google account is disabled.';
    case 'auth/invalid-api-key':
    case 'auth/unauthorized-domain':
    case 'auth/operation-not-allowed':
      return 'Google sign-in is not set up for this site. Tell the people who run it.';
    default:
      return 'Google sign-in did not work. Try again.';
  }
}
