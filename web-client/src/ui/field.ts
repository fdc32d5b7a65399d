import { h } from './dom';

let nextId = 0;

/**
 * A form field: its label tied to the control by id, and a hint, if any, as the control's description. A label
 * wrapped around a select would name it with the chosen option and the hint too ("Visibility Club Listed to...");
 * tied by id, the control's name is the label's words alone, and the hint is read after it.
 */
export function field(label: string, control: HTMLElement, hint?: HTMLElement | null): HTMLElement {
  const id = control.id || `field-${++nextId}`;
  control.id = id;
  if (hint) {
    hint.id ||= `${id}-hint`;
    control.setAttribute('aria-describedby', hint.id);
  }
  return h('div', { class: 'field' }, h('label', { for: id }, label), control, hint ?? null);
}
