import {
  Ban,
  Bell,
  BellOff,
  BellRing,
  Calendar,
  Check,
  Copy,
  Ellipsis,
  Flag,
  Hand,
  LogIn,
  LogOut,
  MessageSquare,
  Mic,
  MicOff,
  Plus,
  QrCode,
  Search,
  Settings,
  Share2,
  Shield,
  Trash2,
  UserMinus,
  UserPlus,
  Users,
  X,
  createElement,
  type IconNode,
} from 'lucide';

/**
 * The one icon set of the client: lucide's SVG paths, drawn inline, so an icon never depends on an emoji font (a box
 * on machines without one). Only the icons named here are bundled.
 */
const ICONS = {
  ban: Ban,
  bell: Bell,
  'bell-off': BellOff,
  'bell-ring': BellRing,
  calendar: Calendar,
  check: Check,
  copy: Copy,
  flag: Flag,
  hand: Hand,
  leave: LogOut,
  'log-in': LogIn,
  menu: Ellipsis,
  message: MessageSquare,
  mic: Mic,
  'mic-off': MicOff,
  plus: Plus,
  qr: QrCode,
  search: Search,
  settings: Settings,
  share: Share2,
  shield: Shield,
  trash: Trash2,
  'user-minus': UserMinus,
  'user-plus': UserPlus,
  users: Users,
  close: X,
} satisfies Record<string, IconNode>;

export type IconName = keyof typeof ICONS;

/**
 * An SVG icon, hidden from assistive technology: the control it sits in carries the words (visible text or
 * aria-label). With `label`, the icon stands alone and is announced as an image with that name.
 */
export function icon(name: IconName, label?: string): SVGElement {
  const svg = createElement(ICONS[name], { width: 18, height: 18, class: `icon icon-${name}`, 'stroke-width': 2 });
  if (label) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', label);
  } else {
    svg.setAttribute('aria-hidden', 'true');
  }
  svg.setAttribute('focusable', 'false');
  return svg;
}
