import { firebaseSignIn, readConfig } from '../api/config';
import type { App } from '../app';
import { continueWithGoogle, googleSignInProblem, prepareGoogleSignIn } from '../auth/googleSignIn';
import { h, setText } from './dom';
import { icon } from './icons';

/**
 * "Continue with Google" in a guest's header when Firebase sign-in is on. It works where the guest is, without going
 * to /signin (leaving a room page leaves the room): the guest account becomes the Google one and keeps its place.
 * Should that Google user have an account already, the service answers with it and the page starts again as it.
 */
export function guestGoogleSignIn(app: App, signedIn: () => void): HTMLElement {
  const slot = h('span', { class: 'guest-google', hidden: true });
  readConfig(app.api).then(
    (config) => {
      const firebase = firebaseSignIn(config);
      const guest = app.session.get();
      if (!firebase || !guest || guest.user.username) return;
      const error = h('span', { class: 'error', role: 'alert', 'data-testid': 'guest-google-error', hidden: true });
      const button = h('button', { type: 'button', class: 'link', 'data-testid': 'guest-google' }, icon('log-in'), 'Continue with Google');
      button.addEventListener('click', async () => {
        error.hidden = true;
        button.disabled = true;
        try {
          // the token of now: the refresher may have replaced the one there was when the button was drawn
          const session = await continueWithGoogle(app.api, firebase, app.session.get()?.accessToken ?? guest.accessToken);
          app.session.set(session);
          if (session.user.id === guest.user.id) {
            signedIn();
          } else {
            // another account: this page (a room) is joined again as that account
            app.router.navigate(app.router.currentPath, { replace: true, state: { autoJoin: true } });
          }
        } catch (e) {
          const words = googleSignInProblem(e);
          if (words !== null) {
            setText(error, words);
            error.hidden = false;
          }
        } finally {
          button.disabled = false;
        }
      });
      slot.replaceChildren(button, error);
      slot.hidden = false;
      prepareGoogleSignIn(firebase);
    },
    () => undefined,
  );
  return slot;
}
