import { h, syncChildren } from './dom';
import { icon, type IconName } from './icons';

export type ControlName = 'join' | 'raise-hand' | 'lower-hand' | 'unmute' | 'mute' | 'leave' | 'end-room';

const LABELS: Record<ControlName, [IconName | null, string]> = {
  join: [null, 'Join'],
  'raise-hand': ['hand', 'Raise hand'],
  'lower-hand': ['hand', 'Lower hand'],
  unmute: ['mic', 'Unmute'],
  mute: ['mic-off', 'Mute'],
  leave: ['leave', 'Leave quietly'],
  'end-room': ['close', 'End room'],
};

/** My buttons: only the ones that apply now are in the page (each stays the same element while it applies). */
export class RoomControls {
  readonly element = h('div', { class: 'controls', role: 'toolbar', 'aria-label': 'Your controls' });
  private busy = new Set<ControlName>();

  constructor(private readonly onPress: (control: ControlName) => Promise<void>) {}

  update(visible: ControlName[], disabled: Partial<Record<ControlName, string>> = {}): void {
    syncChildren(
      this.element,
      visible,
      (name) => name,
      (name) =>
        h('button', {
          type: 'button',
          'data-testid': name,
          class: name === 'leave' ? 'secondary' : name === 'end-room' ? 'danger' : '',
          onclick: () => void this.press(name),
        }, ...label(name)),
      (el, name) => {
        const reason = disabled[name];
        (el as HTMLButtonElement).disabled = this.busy.has(name) || reason !== undefined;
        el.title = reason ?? '';
      },
    );
  }

  private async press(name: ControlName): Promise<void> {
    if (this.busy.has(name)) return;
    this.busy.add(name);
    const el = this.element.querySelector<HTMLButtonElement>(`[data-testid="${name}"]`);
    if (el) el.disabled = true;
    try {
      await this.onPress(name);
    } finally {
      this.busy.delete(name);
      const still = this.element.querySelector<HTMLButtonElement>(`[data-testid="${name}"]`);
      if (still && !still.title) still.disabled = false;
    }
  }
}

function label(name: ControlName): Array<SVGElement | string> {
  const [iconName, text] = LABELS[name];
  return iconName ? [icon(iconName), text] : [text];
}
