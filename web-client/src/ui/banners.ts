import type { AudioWarning } from '../media/mediaSession';
import { h, setText } from './dom';
import '../styles/joinQueue.css';

/** "You're invited to speak": Accept / Decline. */
export class InvitationBanner {
  readonly element: HTMLElement;

  constructor(onAccept: () => void, onDecline: () => void) {
    this.element = h(
      'div',
      { class: 'banner invitation', role: 'status', 'data-testid': 'invitation', hidden: true },
      h('span', {}, 'You are invited to speak.'),
      ' ',
      h('button', { type: 'button', 'data-testid': 'accept-invite', onclick: onAccept }, 'Accept'),
      ' ',
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'decline-invite', onclick: onDecline }, 'Decline'),
    );
  }

  update(invited: boolean): void {
    this.element.hidden = !invited;
  }
}

/** "You can't hear <name>: reconnecting", while some speaker's audio does not arrive. In the page only then. */
export class AudioWarningBanner {
  readonly element = h('div', { class: 'banner warning', role: 'alert', 'data-testid': 'audio-warning' });
  private readonly anchor = document.createComment('audio-warning');

  get placeholder(): Node {
    return this.anchor;
  }

  update(warnings: AudioWarning[]): void {
    if (warnings.length === 0) {
      this.element.remove();
      return;
    }
    const names = warnings.map((w) => w.displayName);
    const who = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
    setText(this.element, `You can't hear ${who}: reconnecting`);
    if (!this.element.isConnected) this.anchor.parentNode?.insertBefore(this.element, this.anchor);
  }
}

/** Short messages about the room and my place in it, each under a key so a newer one replaces an older. */
export class Notices {
  readonly element = h('div', { class: 'notices', 'aria-live': 'polite', 'data-testid': 'room-notices' });
  private readonly shown = new Map<string, HTMLElement>();

  show(key: string, text: string, kind: 'info' | 'error' = 'info'): void {
    let el = this.shown.get(key);
    if (!el) {
      el = h('p', { class: `notice ${kind}`, 'data-testid': `notice-${key}` });
      this.shown.set(key, el);
      this.element.append(el);
    }
    el.className = `notice ${kind}`;
    setText(el, text);
  }

  clear(key: string): void {
    this.shown.get(key)?.remove();
    this.shown.delete(key);
  }
}

/** "Joining… you are number N" while a join waits its turn in a join storm, and Cancel. */
export class JoinQueueBanner {
  /** A polite live region that stays in the page (empty when not queued), so each new number is announced. */
  private readonly text = h('p', { class: 'join-queue-position', role: 'status', 'aria-live': 'polite', 'data-testid': 'join-queue-position' });
  private readonly cancel: HTMLButtonElement;
  readonly element: HTMLElement;

  /** `cancel` gives up the place in line and goes back to the hallway. */
  constructor(cancel: () => void) {
    this.cancel = h('button', { type: 'button', class: 'secondary', 'data-testid': 'join-queue-cancel', hidden: true, onclick: cancel }, 'Cancel');
    this.element = h('section', { class: 'join-queue', 'data-testid': 'join-queue' }, this.text, this.cancel);
  }

  /** Our place in line, or null when the join no longer waits. */
  show(position: number | null): void {
    setText(this.text, position === null ? '' : `Joining… you are number ${position.toLocaleString()}`);
    this.cancel.hidden = position === null;
    this.element.classList.toggle('queued', position !== null);
  }
}
