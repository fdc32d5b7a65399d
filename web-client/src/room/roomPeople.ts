// Who is in the room beyond the panel, for the page (DOM-free): the audience list a HOST or MODERATOR reads a page at
// a time and keeps live from `participant.joined/left` (which reach only them for listeners), and who is chat-muted
// or force-muted, as the events say.
import type { Listener } from '../api/roomAdmin';
import type { Page } from '../api/types';
import { describe } from './roomNotices';

export const AUDIENCE_PAGE = 50;

export interface AudienceSource {
  list(limit: number, cursor: string | null): Promise<Page<Listener>>;
}

export class RoomPeople {
  private listeners: Listener[] = [];
  private cursor: string | null = null;
  private loadedOnce = false;
  private loadingNow = false;
  private active = false;
  private generation = 0;
  private problem: string | null = null;
  private searchWords = '';
  private readonly chatMutedIds = new Set<string>();
  private readonly forcedMutedIds = new Set<string>();

  constructor(
    private readonly source: AudienceSource,
    /** A display name met elsewhere (role.changed carries only an id). */
    private readonly nameOf: (userId: string) => string | null,
    private readonly changed: () => void,
  ) {}

  get isActive(): boolean {
    return this.active;
  }

  get loading(): boolean {
    return this.loadingNow;
  }

  get error(): string | null {
    return this.problem;
  }

  get hasMore(): boolean {
    return this.cursor !== null;
  }

  get query(): string {
    return this.searchWords;
  }

  /** Everyone listed so far. */
  get all(): readonly Listener[] {
    return this.listeners;
  }

  /** The listed people whose name has the search words. */
  get shown(): Listener[] {
    const words = this.searchWords.trim().toLowerCase();
    if (!words) return this.listeners;
    return this.listeners.filter((l) => (l.displayName ?? '').toLowerCase().includes(words));
  }

  isChatMuted(userId: string): boolean {
    return this.chatMutedIds.has(userId);
  }

  isForcedMuted(userId: string): boolean {
    return this.forcedMutedIds.has(userId);
  }

  search(words: string): void {
    this.searchWords = words;
    this.changed();
    // the search runs over what is listed: read on while it finds too little and more is there
    if (words.trim() && this.shown.length < 10 && this.hasMore) void this.more();
  }

  /** I became HOST or MODERATOR: read the first page. */
  async start(): Promise<void> {
    if (this.active) return;
    this.active = true;
    await this.reload();
  }

  /** Not staff any more, or gone: forget the list. */
  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.generation++;
    this.listeners = [];
    this.cursor = null;
    this.loadedOnce = false;
    this.loadingNow = false;
    this.problem = null;
    this.changed();
  }

  async reload(): Promise<void> {
    if (!this.active) return;
    const generation = ++this.generation;
    this.loadingNow = true;
    this.changed();
    try {
      const page = await this.source.list(AUDIENCE_PAGE, null);
      if (generation !== this.generation) return;
      const arrived = this.listeners.filter((l) => !page.items.some((p) => p.userId === l.userId));
      this.listeners = [...page.items, ...(this.loadedOnce ? [] : arrived)];
      this.cursor = page.nextCursor;
      this.loadedOnce = true;
      this.problem = null;
    } catch (e) {
      if (generation === this.generation) this.problem = describe(e);
    } finally {
      if (generation === this.generation) {
        this.loadingNow = false;
        this.changed();
      }
    }
  }

  /** The next page (older arrivals come first, so a page adds to the end). */
  async more(): Promise<void> {
    if (!this.active || !this.cursor || this.loadingNow) return;
    const generation = this.generation;
    this.loadingNow = true;
    this.changed();
    try {
      const page = await this.source.list(AUDIENCE_PAGE, this.cursor);
      if (generation !== this.generation) return;
      const known = new Set(this.listeners.map((l) => l.userId));
      this.listeners = [...this.listeners, ...page.items.filter((l) => !known.has(l.userId))];
      this.cursor = page.nextCursor;
      this.problem = null;
    } catch (e) {
      if (generation === this.generation) this.problem = describe(e);
    } finally {
      if (generation === this.generation) {
        this.loadingNow = false;
        this.changed();
      }
    }
  }

  /** A room event (the session hands every one). */
  onEvent(type: string, data: Record<string, unknown>): void {
    const userId = typeof data.userId === 'string' ? data.userId : null;
    if (!userId) return;
    switch (type) {
      case 'participant.joined':
        if (data.role === 'AUDIENCE') this.add(userId, typeof data.displayName === 'string' ? data.displayName : null);
        else this.drop(userId);
        break;
      case 'role.changed':
        if (data.role === 'AUDIENCE') this.add(userId, this.nameOf(userId));
        else this.drop(userId);
        break;
      case 'participant.left':
      case 'participant.removed':
        this.drop(userId);
        this.chatMutedIds.delete(userId);
        this.forcedMutedIds.delete(userId);
        break;
      case 'participant.chat_muted':
        if (data.muted === true) this.chatMutedIds.add(userId);
        else this.chatMutedIds.delete(userId);
        break;
      case 'participant.muted':
        if (data.forced === true) this.forcedMutedIds.add(userId);
        else this.forcedMutedIds.delete(userId); // a lifted forced mute: muted, not forced
        break;
      case 'participant.unmuted':
        this.forcedMutedIds.delete(userId);
        break;
      default:
        return;
    }
    this.changed();
  }

  /** I changed someone's chat mute myself: shown at once (the event confirms it). */
  setChatMuted(userId: string, muted: boolean): void {
    if (muted) this.chatMutedIds.add(userId);
    else this.chatMutedIds.delete(userId);
    this.changed();
  }

  setForcedMuted(userId: string, muted: boolean): void {
    if (muted) this.forcedMutedIds.add(userId);
    else this.forcedMutedIds.delete(userId);
    this.changed();
  }

  private add(userId: string, displayName: string | null): void {
    if (!this.active || this.listeners.some((l) => l.userId === userId)) return;
    this.listeners = [...this.listeners, { userId, displayName, joinedAt: new Date().toISOString() }];
  }

  private drop(userId: string): void {
    this.listeners = this.listeners.filter((l) => l.userId !== userId);
  }
}
