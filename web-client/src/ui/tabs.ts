import { h } from './dom';

export interface TabChoice<K extends string> {
  key: K;
  label: string;
}

/**
 * A row of tabs (`role=tablist`): one selected, arrow keys, Home and End move between them (roving tabindex), and
 * choosing one calls `onChoose`. The panel it controls carries `panelId`.
 */
export function tabList<K extends string>(label: string, choices: TabChoice<K>[], selected: K, panelId: string, onChoose: (key: K) => void): {
  element: HTMLElement;
  select(key: K): void;
} {
  const tabs = choices.map((c) =>
    h('button', { type: 'button', role: 'tab', class: 'tab', id: `${panelId}-tab-${c.key}`, 'aria-controls': panelId, 'data-testid': `tab-${c.key}`, 'data-key': c.key }, c.label),
  );
  const select = (key: K): void => {
    for (const tab of tabs) {
      const on = tab.dataset.key === key;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
    }
  };
  const choose = (tab: HTMLButtonElement): void => {
    const key = tab.dataset.key as K;
    select(key);
    tab.focus();
    onChoose(key);
  };
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => choose(tab));
    tab.addEventListener('keydown', (event) => {
      const to =
        event.key === 'ArrowRight' ? (i + 1) % tabs.length : event.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length : event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : -1;
      const next = tabs[to];
      if (next) {
        event.preventDefault();
        choose(next);
      }
    });
  });
  select(selected);
  return { element: h('div', { class: 'tabs', role: 'tablist', 'aria-label': label }, ...tabs), select };
}
