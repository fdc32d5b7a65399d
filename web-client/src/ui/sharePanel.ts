import { h, setText } from './dom';
import { icon } from './icons';

/** The room's address, and a PRIVATE room's invite link (`?invite=CODE`, which the room page passes to join). */
export function roomLink(origin: string, roomId: string, inviteCode: string | null = null): string {
  const url = new URL(`/rooms/${encodeURIComponent(roomId)}`, origin);
  if (inviteCode) url.searchParams.set('invite', inviteCode);
  return url.toString();
}

/** Writes text to the clipboard; false when the browser refuses (no permission, not a secure page). */
async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * Sharing: "Copy link" for every room; for a PRIVATE room's HOST, "Copy invite link" and a QR code of it. When the
 * clipboard is refused, the link is shown to copy by hand.
 */
export class SharePanel {
  readonly element: HTMLElement;
  private readonly status = h('p', { class: 'hint share-status', role: 'status', 'data-testid': 'share-status' });
  private readonly copyLink = h('button', { type: 'button', class: 'secondary', 'data-testid': 'copy-link' }, icon('copy'), 'Copy link');
  private readonly copyInvite = h('button', { type: 'button', class: 'secondary', 'data-testid': 'copy-invite-link', hidden: true }, icon('share'), 'Copy invite link');
  private readonly qr = h('img', { class: 'qr', alt: 'QR code of the invite link', width: 160, height: 160, 'data-testid': 'invite-qr', hidden: true });
  private readonly manual = h('input', { type: 'text', readonly: true, class: 'share-manual', 'aria-label': 'Link to copy', hidden: true });
  private link = '';
  private inviteLink: string | null = null;
  private qrFor: string | null = null;

  constructor(private readonly roomId: string) {
    this.copyLink.addEventListener('click', () => void this.copyText(this.link, 'Link copied.'));
    this.copyInvite.addEventListener('click', () => void this.copyText(this.inviteLink ?? '', 'Invite link copied: anyone with it can join.'));
    this.element = h('section', { class: 'share', 'aria-label': 'Share this room', 'data-testid': 'share' }, h('div', { class: 'share-buttons' }, this.copyLink, this.copyInvite), this.manual, this.status, this.qr);
  }

  /** `inviteCode`: the detail's (HOST, PRIVATE room only); `visible` false for an ended room. */
  update(inviteCode: string | null, visible: boolean): void {
    this.element.hidden = !visible;
    this.link = roomLink(window.location.origin, this.roomId);
    this.inviteLink = inviteCode ? roomLink(window.location.origin, this.roomId, inviteCode) : null;
    this.copyInvite.hidden = this.inviteLink === null;
    this.qr.hidden = this.inviteLink === null || !this.qr.getAttribute('src');
    if (this.inviteLink && this.qrFor !== this.inviteLink) void this.drawQr(this.inviteLink);
  }

  private async drawQr(link: string): Promise<void> {
    this.qrFor = link;
    try {
      // loaded only when a QR code is drawn (a PRIVATE room's HOST): nobody else downloads it
      const { default: QRCode } = await import('qrcode');
      const src = await QRCode.toDataURL(link, { margin: 1, width: 320 });
      if (this.qrFor !== link) return;
      this.qr.src = src;
      this.qr.hidden = false;
    } catch {
      this.qr.hidden = true; // the link can still be copied
    }
  }

  private async copyText(text: string, done: string): Promise<void> {
    if (await copy(text)) {
      this.manual.hidden = true;
      setText(this.status, done);
    } else {
      this.manual.value = text;
      this.manual.hidden = false;
      this.manual.select();
      setText(this.status, 'Your browser did not let us copy: select the link and copy it.');
    }
  }
}
