import { firebasePush, readConfig, type FirebaseWebConfig } from '../api/config';
import { ApiError } from '../api/http';
import { ALL_ON, readNotificationSettings, saveNotificationSettings, type NotificationSettings } from '../api/notifications';
import type { App } from '../app';
import { browserPush, PushProblem, WebPush, type PushBrowser } from '../push/webPush';
import { h, setText } from './dom';
import { field } from './field';
import { icon } from './icons';

/** The four kinds a person may keep from pushing (every notice is still listed here and sent to open tabs). */
export const SETTING_SWITCHES: ReadonlyArray<{ key: keyof NotificationSettings; label: string; hint: string }> = [
  { key: 'roomLive', label: 'Rooms going live', hint: 'A club you follow or belong to, or someone you follow, goes live.' },
  { key: 'roomStarting', label: 'Room reminders', hint: 'A room you asked to be reminded of starts in 10 minutes, and starts.' },
  { key: 'followedSpeaking', label: 'People you follow speaking', hint: 'Someone you follow gets on a panel.' },
  { key: 'moderation', label: 'Moderation and reports', hint: 'Warnings, bans, suspensions, appeal decisions and what came of your reports.' },
];

/** "Notification settings" on the notices page: which kinds are pushed, and push on or off in this browser. */
export function notificationSettings(app: App, browser: PushBrowser = browserPush()): HTMLElement {
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'settings-error', hidden: true });
  const saved = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite', 'data-testid': 'settings-saved' });
  let settings: NotificationSettings = { ...ALL_ON };
  const switches = new Map<keyof NotificationSettings, HTMLInputElement>();
  const fields = SETTING_SWITCHES.map(({ key, label, hint }) => {
    const input = h('input', { type: 'checkbox', role: 'switch', name: key, checked: true, disabled: true, 'data-testid': `setting-${key}` });
    switches.set(key, input);
    input.addEventListener('change', () => void save(key, input.checked));
    return field(label, input, h('span', { class: 'hint' }, hint));
  });
  const show = (): void => switches.forEach((input, key) => (input.checked = settings[key]));
  const enable = (on: boolean): void => switches.forEach((input) => (input.disabled = !on));

  const save = async (key: keyof NotificationSettings, value: boolean): Promise<void> => {
    error.hidden = true;
    setText(saved, '');
    enable(false);
    const wanted = { ...settings, [key]: value };
    try {
      const answer = await saveNotificationSettings(app.api, wanted);
      settings = answer && typeof answer.roomLive === 'boolean' ? answer : wanted;
      setText(saved, 'Saved.');
    } catch (e) {
      setText(error, `Your settings could not be saved: ${e instanceof ApiError ? e.describe() : 'try again'}.`);
      error.hidden = false;
    } finally {
      show();
      enable(true);
    }
  };

  readNotificationSettings(app.api).then(
    (answer) => {
      settings = { ...ALL_ON, ...answer };
      show();
      enable(true);
    },
    (e: unknown) => {
      setText(error, `Your settings could not be read: ${e instanceof ApiError ? e.describe() : 'reload the page'}.`);
      error.hidden = false;
    },
  );

  const pushSlot = h('div', { class: 'push-settings', hidden: true, 'data-testid': 'push-settings' });
  const section = h(
    'section',
    { class: 'card notification-settings', 'aria-labelledby': 'notification-settings-heading', 'data-testid': 'notification-settings' },
    h('h2', { id: 'notification-settings-heading' }, 'Notification settings'),
    h('p', { class: 'hint' }, 'Every notice is listed here. Choose which ones also come as push notifications.'),
    ...fields,
    saved,
    error,
    pushSlot,
  );
  const userId = app.session.get()?.user.id;
  // the push part only when the service can push (Firebase on, a VAPID key): the SDK is fetched on the first click
  readConfig(app.api).then(
    (config) => {
      const firebase = firebasePush(config);
      if (!firebase || !userId) return;
      pushSlot.replaceChildren(...pushControls(new WebPush(app.api, firebase, userId, browser)));
      pushSlot.hidden = false;
    },
    () => undefined,
  );
  return section;
}

function pushControls(push: WebPush): HTMLElement[] {
  const status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite', 'data-testid': 'push-status' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'push-error', hidden: true });
  const toggle = h('button', { type: 'button', class: 'secondary', 'data-testid': 'push-toggle' });
  const render = (): void => {
    const on = push.on;
    toggle.replaceChildren(icon(on ? 'bell-off' : 'bell-ring'), on ? 'Turn off push notifications' : 'Turn on push notifications');
    toggle.hidden = !push.supported;
    setText(
      status,
      !push.supported
        ? 'This browser cannot receive push notifications.'
        : on
          ? 'Push notifications are on in this browser.'
          : push.blocked
            ? 'Notifications are blocked for this site. Allow them in the browser’s site settings to turn push on.'
            : 'Push notifications are off in this browser.',
    );
  };
  toggle.addEventListener('click', async () => {
    error.hidden = true;
    toggle.disabled = true;
    try {
      await (push.on ? push.turnOff() : push.turnOn());
    } catch (e) {
      setText(error, e instanceof PushProblem ? e.message : 'That did not work. Try again.');
      error.hidden = false;
    } finally {
      toggle.disabled = false;
      render();
    }
  });
  render();
  return [h('h3', {}, 'Push notifications'), status, toggle, error];
}
