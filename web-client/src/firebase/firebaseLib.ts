// The one door to the Firebase JS SDK. Everything here is loaded with a dynamic import, so the SDK is a chunk of its
// own that only a page offering Google sign-in or push downloads, and only when the person clicks (Vite splits it).
import type { FirebaseWebConfig } from '../api/config';

/** Whatever the SDK is asked for, in Tribune's words: an ID token, a push token, a token deleted. */
export interface FirebaseLib {
  /** Google sign-in in a popup; the Firebase ID token that POST /auth/firebase exchanges for Tribune's session. */
  googleIdToken(config: FirebaseWebConfig): Promise<string>;
  /** This browser's FCM registration token, its push subscription made on our own service worker. */
  pushToken(config: FirebaseWebConfig, registration: ServiceWorkerRegistration): Promise<string>;
  /** Drops this browser's FCM token (and its push subscription) at Firebase. */
  deletePushToken(config: FirebaseWebConfig, registration: ServiceWorkerRegistration): Promise<void>;
}

type App = import('firebase/app').FirebaseApp;
type Auth = import('firebase/auth').Auth;

const emulated = new WeakSet<Auth>();

async function appFor(config: FirebaseWebConfig): Promise<App> {
  const { getApps, initializeApp } = await import('firebase/app');
  const options = {
    apiKey: config.apiKey,
    authDomain: config.authDomain,
    projectId: config.projectId,
    appId: config.appId,
    ...(config.messagingSenderId ? { messagingSenderId: config.messagingSenderId } : {}),
  };
  return getApps()[0] ?? initializeApp(options);
}

async function googleIdToken(config: FirebaseWebConfig): Promise<string> {
  const app = await appFor(config);
  const { GoogleAuthProvider, connectAuthEmulator, getAuth, signInWithPopup, signOut } = await import('firebase/auth');
  const auth = getAuth(app);
  if (config.authEmulatorUrl && !emulated.has(auth)) {
    // once per Auth instance: the SDK refuses a second call after the first request
    connectAuthEmulator(auth, config.authEmulatorUrl, { disableWarnings: true });
    emulated.add(auth);
  }
  const result = await signInWithPopup(auth, new GoogleAuthProvider());
  const idToken = await result.user.getIdToken();
  // Tribune keeps its own session from here on; a Firebase one left in the browser would only outlive a sign-out
  await signOut(auth).catch(() => undefined);
  return idToken;
}

async function messagingFor(config: FirebaseWebConfig) {
  const app = await appFor(config);
  const sdk = await import('firebase/messaging');
  if (!(await sdk.isSupported())) {
    throw new PushUnsupportedError();
  }
  return { sdk, messaging: sdk.getMessaging(app) };
}

async function pushToken(config: FirebaseWebConfig, registration: ServiceWorkerRegistration): Promise<string> {
  const { sdk, messaging } = await messagingFor(config);
  return sdk.getToken(messaging, { vapidKey: config.vapidKey ?? undefined, serviceWorkerRegistration: registration });
}

async function deletePushToken(config: FirebaseWebConfig, registration: ServiceWorkerRegistration): Promise<void> {
  const { sdk, messaging } = await messagingFor(config);
  // deleteToken alone would register Firebase's own firebase-messaging-sw.js in a fresh page: getToken first ties
  // the messaging instance to our worker (it answers the stored token, making none)
  await sdk.getToken(messaging, { vapidKey: config.vapidKey ?? undefined, serviceWorkerRegistration: registration });
  await sdk.deleteToken(messaging);
}

/** The browser cannot do web push (no service workers, no Push API, or a private window that forbids them). */
export class PushUnsupportedError extends Error {
  constructor() {
    super('This browser cannot receive push notifications.');
    this.name = 'PushUnsupportedError';
  }
}

export const firebaseLib: FirebaseLib = { googleIdToken, pushToken, deletePushToken };
