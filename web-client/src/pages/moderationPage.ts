import { bansExportUrl, decideAppeal, deleteStaff, listAppeals, listAudit, listReports, listStaff, putStaff, readReport, resolveReport } from '../api/moderation';
import type { App } from '../app';
import { AppealsQueue } from '../ui/appealsQueue';
import { AuditLog } from '../ui/auditLog';
import { h } from '../ui/dom';
import { siteHeader } from '../ui/header';
import { ModerationQueue } from '../ui/moderationQueue';
import { StaffList } from '../ui/staffList';
import type { Page } from './page';

type Tab = 'queue' | 'audit' | 'appeals' | 'bans' | 'staff';

/** The export needs the bearer token, which a plain link cannot send: fetched, then saved from a blob. */
async function downloadBans(app: App, format: 'csv' | 'json', clubId: string | null): Promise<void> {
  const token = app.session.get()?.accessToken;
  const response = await fetch(bansExportUrl(format, clubId), { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`The export was refused (${response.status}).`);
  const url = URL.createObjectURL(await response.blob());
  const link = h('a', { href: url, download: `bans.${format}` });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** `/moderation`: for staff and club ADMINs (the server says who may see what: a refusal is shown as it comes). */
export function mountModerationPage(root: HTMLElement, app: App): Page {
  const queue = new ModerationQueue({
    list: (filter, cursor) => listReports(app.api, filter, cursor),
    read: (id) => readReport(app.api, id),
    resolve: (id, body) => resolveReport(app.api, id, body),
  });
  const audit = new AuditLog((filter, cursor) => listAudit(app.api, filter, cursor));
  const appeals = new AppealsQueue({ list: (cursor) => listAppeals(app.api, 'OPEN', cursor), decide: (id, decision, note) => decideAppeal(app.api, id, decision, note) });
  const club = h('input', { 'data-testid': 'bans-club', placeholder: 'Club id (empty: all I may see)', 'aria-label': 'Club id' });
  const bansError = h('p', { class: 'error', role: 'alert', hidden: true });
  const download = (format: 'csv' | 'json') => async () => {
    bansError.hidden = true;
    try {
      await downloadBans(app, format, club.value.trim() || null);
    } catch (e) {
      bansError.hidden = false;
      bansError.textContent = e instanceof Error ? e.message : String(e);
    }
  };
  const bans = h(
    'section',
    { class: 'bans' },
    h('p', { class: 'hint' }, 'Every ban and suspension in force.'),
    h('label', {}, 'Club', club),
    h('p', { class: 'actions' }, h('button', { type: 'button', 'data-testid': 'bans-csv', onclick: download('csv') }, 'Download CSV'), ' ', h('button', { type: 'button', class: 'secondary', 'data-testid': 'bans-json', onclick: download('json') }, 'Download JSON')),
    bansError,
  );
  const staff = new StaffList({ list: () => listStaff(app.api), put: (userId, role) => putStaff(app.api, userId, role), remove: (userId) => deleteStaff(app.api, userId) });
  const panes: Record<Tab, HTMLElement> = { queue: queue.element, audit: audit.element, appeals: appeals.element, bans, staff: staff.element };
  const loaded = new Set<Tab>();
  const tabs = h('nav', { class: 'tabs', role: 'tablist' });
  const labels: Record<Tab, string> = { queue: 'Reports', audit: 'Audit log', appeals: 'Appeals', bans: 'Ban export', staff: 'Staff' };
  const select = (tab: Tab): void => {
    for (const [name, pane] of Object.entries(panes)) pane.hidden = name !== tab;
    for (const button of Array.from(tabs.children)) button.setAttribute('aria-selected', String((button as HTMLElement).dataset.tab === tab));
    if (loaded.has(tab)) return;
    loaded.add(tab);
    if (tab === 'queue') void queue.load(true);
    if (tab === 'audit') void audit.load(true);
    if (tab === 'appeals') void appeals.load();
    if (tab === 'staff') void staff.load();
  };
  for (const tab of Object.keys(labels) as Tab[]) {
    tabs.append(h('button', { type: 'button', role: 'tab', class: 'tab', 'data-tab': tab, 'data-testid': `moderation-tab-${tab}`, onclick: () => select(tab) }, labels[tab]));
  }
  root.replaceChildren(siteHeader(app), h('main', { class: 'moderation' }, h('h1', {}, 'Moderation'), tabs, ...Object.values(panes)));
  document.title = 'Moderation · Tribune';
  select('queue');
  return { destroy: () => root.replaceChildren() };
}
