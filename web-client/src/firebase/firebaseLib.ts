// The one door to the Firebase JS SDK. Everything here is loaded with a dynamic import, so the SDK is a chunk of its
// own that only a page offering Google sign-in or push downloads, and only when the person clicks (Vite splits it).
import type { FirebaseWebConfig } from '../api/config';
import { chooseEmulatedGoogleAccount, emulatedGoogleIdToken } from '../ui/emulatedGoogleAccount';

/** Whatever the SDK is asked for, in Tribune's words: an ID token, a push token, a token deleted. */
export interface FirebaseLib {
  /**
   * Loads the sign-in SDK and sets up Firebase Auth ahead of the click: a browser opens the Google popup only close
   * to the click that asked for it, so nothing slow may stand between the two.
   */
  prepareGoogleSignIn(config: FirebaseWebConfig): Promise<void>;
  /**
   * Google sign-in in a popup (with the Auth emulator: a form for a made-up Google account); the Firebase ID token that
   * POST /auth/firebase exchanges for Tribune's session.
   */
  googleIdToken(config: FirebaseWebConfig): Promise<string>;
  /** This browser's FCM registration token, its push subscription made on our own service worker. */
  pushToken(config: FirebaseWebConfig, registration: ServiceWorkerRegistration): Promise<string>;
  /** Drops this browser's FCM token (and its push subscription) at Firebase. */
  deletePushToken(config: FirebaseWebConfig, registration: ServiceWorkerRegistration): Promise<void>;
}

type App = import('firebase/app').FirebaseApp;
type AuthSdk = typeof import('firebase/auth');
/** The few sign-in calls used, taken by name so the bundler keeps only them. */
type GoogleAuth = { auth: import('firebase/auth').Auth } & Pick<AuthSdk, 'signInWithPopup' | 'signInWithCredential' | 'GoogleAuthProvider' | 'signOut'>;

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

/** Firebase Auth set up once per config (the emulator connected once: the SDK refuses a second call). */
const authReady = new Map<string, Promise<GoogleAuth>>();

function googleAuth(config: FirebaseWebConfig): Promise<GoogleAuth> {
  const key = JSON.stringify(config);
  let ready = authReady.get(key);
  if (!ready) {
    ready = (async () => {
      const app = await appFor(config);
      const { GoogleAuthProvider, connectAuthEmulator, getAuth, signInWithCredential, signInWithPopup, signOut } = await import('firebase/auth');
      const auth = getAuth(app);
      if (config.authEmulatorUrl) connectAuthEmulator(auth, config.authEmulatorUrl, { disableWarnings: true });
      return { auth, signInWithPopup, signInWithCredential, GoogleAuthProvider, signOut };
    })();
    ready.catch(() => authReady.delete(key)); // a failed download is tried again on the next click
    authReady.set(key, ready);
  }
  return ready;
}

async function prepareGoogleSignIn(config: FirebaseWebConfig): Promise<void> {
  await googleAuth(config);
}

async function googleIdToken(config: FirebaseWebConfig): Promise<string> {
  const { auth, signInWithPopup, signInWithCredential, GoogleAuthProvider, signOut } = await googleAuth(config);
  // with the emulator, Google's popup (which needs Google's own scripts) gives way to a form for a made-up account
  const result = config.authEmulatorUrl
    ? await signInWithCredential(auth, GoogleAuthProvider.credential(emulatedGoogleIdToken(await chooseEmulatedGoogleAccount())))
    : await signInWithPopup(auth, new GoogleAuthProvider());
  const idToken = await result.user.getIdToken();
  // Tribune keeps its own session from here on; a Firebase one left in the browser would only outlive a sign-out
  await signOut(auth).catch(() => undefined);
  return idToken;
}

async function messagingFor(config: FirebaseWebConfig) {
  const app = await appFor(config);
  const { deleteToken, getMessaging, getToken, isSupported } = await import('firebase/messaging');
  if (!(await isSupported())) {
    throw new PushUnsupportedError();
  }
  return { messaging: getMessaging(app), getToken, deleteToken };
}

async function pushToken(config: FirebaseWebConfig, registration: ServiceWorkerRegistration): Promise<string> {
  const { messaging, getToken } = await messagingFor(config);
  return getToken(messaging, { vapidKey: config.vapidKey ?? undefined, serviceWorkerRegistration: registration });
}

async function deletePushToken(config: FirebaseWebConfig, registration: ServiceWorkerRegistration): Promise<void> {
  const { messaging, getToken, deleteToken } = await messagingFor(config);
  // deleteToken alone would register Firebase's own firebase-messaging-sw.js in a fresh page: getToken first ties
  // the messaging instance to our worker (it answers the stored token, making none)
  await getToken(messaging, { vapidKey: config.vapidKey ?? undefined, serviceWorkerRegistration: registration });
  await deleteToken(messaging);
}

/** The browser cannot do web push (no service workers, no Push API, or a private window that forbids them). */
export class PushUnsupportedError extends Error {
  constructor() {
    super('This browser cannot receive push notifications.');
    this.name = 'PushUnsupportedError';
  }
}

export const firebaseLib: FirebaseLib = { prepareGoogleSignIn, googleIdToken, pushToken, deletePushToken };
