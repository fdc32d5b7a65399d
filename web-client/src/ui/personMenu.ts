import type { PersonAction } from '../room/personActions';
import { h, setText } from './dom';
import { icon } from './icons';

/**
 * A person's name as a button that opens their menu (`role="menu"`, one `menuitem` per action the caller may take).
 * Arrow keys move between items, Escape closes it and gives the focus back to the button.
 */
export class PersonMenu {
  readonly element: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly label = h('span', { class: 'name person-name' });
  private readonly menu: HTMLElement;
  private actions: PersonAction[] = [];
  private userId = '';
  private name = '';
  private static openOne: PersonMenu | null = null;
  /** A press anywhere outside the open menu closes it. */
  private readonly outside = (e: Event): void => {
    if (!this.element.contains(e.target as Node | null)) this.close(false);
  };

  constructor(
    testId: string,
    private readonly onAction: (action: PersonAction) => void,
  ) {
    this.menu = h('div', { class: 'person-menu-items card', role: 'menu', hidden: true, 'data-testid': `${testId}-menu` });
    this.button = h('button', { type: 'button', class: 'person-menu-button link', 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'data-testid': `${testId}-person`, onclick: () => this.toggle() }, this.label, icon('menu'));
    this.element = h('span', { class: 'person-menu' }, this.button, this.menu);
    this.button.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        this.open();
      }
    });
    this.menu.addEventListener('keydown', (e: KeyboardEvent) => this.onKey(e));
    this.element.addEventListener('focusout', (e: FocusEvent) => {
      // the focus went outside the menu and its button: close, leaving the focus where it went
      if (!this.menu.hidden && !this.element.contains(e.relatedTarget as Node | null) && e.relatedTarget !== null) this.close(false);
    });
  }

  get isOpen(): boolean {
    return !this.menu.hidden;
  }

  update(userId: string, name: string, shownName: string, actions: PersonAction[]): void {
    this.userId = userId;
    this.name = name;
    setText(this.label, shownName);
    this.button.setAttribute('aria-label', shownName);
    const same = actions.length === this.actions.length && actions.every((a, i) => a === this.actions[i]);
    this.actions = actions;
    if (!same) this.drawItems();
  }

  open(): void {
    if (PersonMenu.openOne && PersonMenu.openOne !== this) PersonMenu.openOne.close(false);
    PersonMenu.openOne = this;
    this.menu.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    document.addEventListener('pointerdown', this.outside, true);
    this.items()[0]?.focus();
  }

  close(refocus = true): void {
    if (this.menu.hidden) return;
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    document.removeEventListener('pointerdown', this.outside, true);
    if (PersonMenu.openOne === this) PersonMenu.openOne = null;
    if (refocus) this.button.focus();
  }

  private toggle(): void {
    if (this.menu.hidden) this.open();
    else this.close();
  }

  private items(): HTMLElement[] {
    return Array.from(this.menu.querySelectorAll<HTMLElement>('[role="menuitem"]'));
  }

  private drawItems(): void {
    this.menu.replaceChildren(
      ...this.actions.map((action) =>
        action === 'View profile'
          ? h('a', { role: 'menuitem', href: `/users/${encodeURIComponent(this.userId)}`, tabindex: '-1', onclick: () => this.close(false) }, action)
          : h('button', { type: 'button', role: 'menuitem', tabindex: '-1', onclick: () => this.choose(action) }, action),
      ),
    );
  }

  private choose(action: PersonAction): void {
    this.close();
    this.onAction(action);
  }

  private onKey(e: KeyboardEvent): void {
    const items = this.items();
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      this.close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      items[(at + step + items.length) % items.length]?.focus();
    } else if (e.key === 'Home') {
      e.preventDefault();
      items[0]?.focus();
    } else if (e.key === 'End') {
      e.preventDefault();
      items[items.length - 1]?.focus();
    } else if (e.key === 'Tab') {
      this.close(false);
    }
  }

  /** The name shown in confirmations. */
  get personName(): string {
    return this.name;
  }
}
