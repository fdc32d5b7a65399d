import { h, setText } from './dom';

export interface Choice<K extends string> {
  key: K;
  label: string;
  /** A choice that destroys something (ending a room, a ban) is drawn as such. */
  danger?: boolean;
}

export interface ChoiceRequest<K extends string> {
  title: string;
  body?: string | Node;
  choices: Choice<K>[];
  /** The "Cancel" button's text. */
  cancel?: string;
}

/**
 * A modal `<dialog>` with a heading, a few words and buttons: the answer is the chosen key, or null for Cancel, Escape
 * or opening another one. The focus returns where it was.
 */
export class ChoiceDialog {
  readonly element: HTMLDialogElement;
  private readonly heading = h('h2', { id: 'choice-dialog-heading' });
  private readonly body = h('div', { class: 'choice-body' });
  private readonly buttons = h('div', { class: 'dialog-buttons' });
  private settle: ((key: string | null) => void) | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor(testId = 'choice-dialog') {
    this.element = h('dialog', { class: 'dialog card room-dialog', 'aria-labelledby': 'choice-dialog-heading', 'data-testid': testId }, this.heading, this.body, this.buttons) as HTMLDialogElement;
    this.element.addEventListener('cancel', (e: Event) => {
      e.preventDefault();
      this.finish(null);
    });
    this.element.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.finish(null);
      }
    });
  }

  get isOpen(): boolean {
    return this.element.hasAttribute('open');
  }

  ask<K extends string>(request: ChoiceRequest<K>): Promise<K | null> {
    this.finish(null);
    this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setText(this.heading, request.title);
    this.body.replaceChildren(...(request.body === undefined ? [] : [typeof request.body === 'string' ? h('p', {}, request.body) : request.body]));
    const cancel = h('button', { type: 'button', class: 'secondary', onclick: () => this.finish(null) }, request.cancel ?? 'Cancel');
    this.buttons.replaceChildren(
      cancel,
      ...request.choices.map((choice) => h('button', { type: 'button', class: choice.danger ? 'danger' : '', onclick: () => this.finish(choice.key) }, choice.label)),
    );
    if (typeof this.element.showModal === 'function' && this.element.isConnected) {
      try {
        this.element.showModal();
      } catch {
        this.element.setAttribute('open', '');
      }
    } else {
      this.element.setAttribute('open', '');
    }
    cancel.focus();
    return new Promise<K | null>((resolve) => {
      this.settle = resolve as (key: string | null) => void;
    });
  }

  private finish(key: string | null): void {
    const settle = this.settle;
    this.settle = null;
    if (this.isOpen) {
      if (typeof this.element.close === 'function') this.element.close();
      this.element.removeAttribute('open');
      this.returnFocus?.focus();
    }
    settle?.(key);
  }
}
