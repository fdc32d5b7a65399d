import type { RaisedHand } from '../api/types';
import { h, setText, syncChildren } from './dom';

/** For HOSTs and MODERATORs: the raised hands, oldest first, each with Approve and Deny. */
export class RaisedHandsList {
  readonly element: HTMLElement;
  private readonly list = h('ul', { class: 'hands' });
  private readonly empty = h('p', { class: 'hint' }, 'No hands raised.');

  constructor(
    private readonly onApprove: (userId: string) => void,
    private readonly onDeny: (userId: string) => void,
    private readonly onReport: ((userId: string, displayName: string) => void) | null = null,
  ) {
    this.element = h('section', { class: 'raised-hands', 'data-testid': 'raised-hands', hidden: true }, h('h2', {}, 'Raised hands'), this.empty, this.list);
  }

  update(hands: RaisedHand[] | null, names: Record<string, string>): void {
    this.element.hidden = hands === null;
    const items = hands ?? [];
    this.empty.hidden = items.length > 0;
    syncChildren(
      this.list,
      items,
      (hand) => hand.userId,
      (hand) =>
        h(
          'li',
          { 'data-testid': `hand-${hand.userId}` },
          h('span', { class: 'name' }),
          ' ',
          h('button', { type: 'button', 'data-testid': `approve-${hand.userId}`, onclick: () => this.onApprove(hand.userId) }, 'Approve'),
          ' ',
          h('button', { type: 'button', class: 'secondary', 'data-testid': `deny-${hand.userId}`, onclick: () => this.onDeny(hand.userId) }, 'Deny'),
          this.onReport && ' ',
          this.onReport &&
            h('button', { type: 'button', class: 'link report', 'data-testid': `report-hand-${hand.userId}`, onclick: (e: Event) => this.onReport?.(hand.userId, (e.currentTarget as HTMLElement).closest('li')?.querySelector('.name')?.textContent ?? 'Someone') }, 'Report'),
        ),
      (el, hand) => setText(el.querySelector('.name') as HTMLElement, hand.displayName ?? names[hand.userId] ?? 'Someone'),
    );
  }
}
