/** A small element builder: h('button', { 'data-testid': 'join', onclick: ... }, 'Join'). */
type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function setAttrs(el: HTMLElement, attrs: Attrs): void {
  for (const [key, value] of Object.entries(attrs)) {
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (value === null || value === undefined || value === false) {
      el.removeAttribute(key);
    } else if (key === 'value' && 'value' in el) {
      (el as HTMLInputElement).value = String(value);
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
}

export function append(el: HTMLElement, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Sets text only when it changed (keeps the DOM quiet for tests that watch it). */
export function setText(el: HTMLElement, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/**
 * Keeps `parent`'s children in step with `items` by key: existing elements are updated in place (never recreated,
 * so a button a person or a test is about to click stays the same element), new ones created, gone ones removed.
 */
export function syncChildren<T, E extends HTMLElement>(
  parent: HTMLElement,
  items: T[],
  key: (item: T) => string,
  create: (item: T) => E,
  update: (el: E, item: T) => void,
): void {
  const existing = new Map<string, E>();
  for (const child of Array.from(parent.children) as E[]) {
    const k = child.dataset.key;
    if (k !== undefined) existing.set(k, child);
  }
  let previous: Element | null = null;
  const wanted = new Set<string>();
  for (const item of items) {
    const k = key(item);
    wanted.add(k);
    let el = existing.get(k);
    if (!el) {
      el = create(item);
      el.dataset.key = k;
    }
    update(el, item);
    const expectedPosition: Element | null = previous ? previous.nextElementSibling : parent.firstElementChild;
    if (expectedPosition !== el) {
      parent.insertBefore(el, expectedPosition);
    }
    previous = el;
  }
  for (const [k, el] of existing) {
    if (!wanted.has(k)) el.remove();
  }
}
