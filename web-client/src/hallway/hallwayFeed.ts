import { ApiError } from '../api/http';
import type { Feed, SearchHit } from '../api/hallway';
import type { Page, RoomCard } from '../api/types';
import { realTimers, type Timers } from '../timers';

/** The calls the hallway makes, so its state is tested without a server. */
export interface HallwayCalls {
  listRooms(feed: Feed, limit: number, cursor: string | null): Promise<Page<RoomCard>>;
  search(q: string, signal: AbortSignal): Promise<Page<SearchHit>>;
}

export interface HallwayView {
  feed: Feed;
  rooms: RoomCard[];
  /** More rooms to load for this feed. */
  more: boolean;
  loading: boolean;
  error: string | null;
  /** The words searched for; empty: the feed is shown. */
  query: string;
  results: SearchHit[] | null;
}

export const PAGE_SIZE = 20;
/** How long typing must pause before a search goes out. */
export const SEARCH_DELAY_MS = 250;

function plainWords(e: unknown): string {
  return e instanceof ApiError ? e.describe() : 'Something went wrong. Try again.';
}

/** The hallway's state: one feed at a time (a page at a time), and a debounced search. DOM-free. */
export class HallwayFeed {
  private view: HallwayView = { feed: 'all', rooms: [], more: false, loading: false, error: null, query: '', results: null };
  private cursor: string | null = null;
  /** Each load's ticket: an answer for a feed no longer shown is dropped. */
  private generation = 0;
  private searchTimer: unknown = null;
  private searching: AbortController | null = null;
  private readonly listeners = new Set<(view: HallwayView) => void>();

  constructor(
    private readonly calls: HallwayCalls,
    private readonly timers: Timers = realTimers,
  ) {}

  get state(): HallwayView {
    return this.view;
  }

  subscribe(listener: (view: HallwayView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Shows a feed from its first page. */
  async show(feed: Feed): Promise<void> {
    this.cursor = null;
    this.set({ feed, rooms: [], more: false });
    await this.load();
  }

  /** The next page of the current feed. */
  async loadMore(): Promise<void> {
    if (this.view.loading || !this.cursor) return;
    await this.load();
  }

  private async load(): Promise<void> {
    const ticket = ++this.generation;
    const feed = this.view.feed;
    this.set({ loading: true, error: null });
    try {
      const page = await this.calls.listRooms(feed, PAGE_SIZE, this.cursor);
      if (ticket !== this.generation) return;
      this.cursor = page.nextCursor;
      const seen = new Set(this.view.rooms.map((r) => r.id));
      this.set({ rooms: [...this.view.rooms, ...page.items.filter((r) => !seen.has(r.id))], more: page.nextCursor !== null, loading: false });
    } catch (e) {
      if (ticket === this.generation) this.set({ loading: false, error: plainWords(e) });
    }
  }

  /** Typing in the search box: searches once typing pauses; empty words go back to the feed. */
  type(words: string): void {
    const query = words.trim();
    if (this.searchTimer !== null) this.timers.clearTimeout(this.searchTimer);
    this.searchTimer = null;
    if (!query) {
      this.searching?.abort();
      this.searching = null;
      this.set({ query: '', results: null, error: null });
      return;
    }
    this.searchTimer = this.timers.setTimeout(() => {
      this.searchTimer = null;
      void this.search(query);
    }, SEARCH_DELAY_MS);
  }

  /** Searches now (Enter in the box). */
  async search(query: string): Promise<void> {
    if (this.searchTimer !== null) this.timers.clearTimeout(this.searchTimer);
    this.searchTimer = null;
    this.searching?.abort();
    const controller = new AbortController();
    this.searching = controller;
    this.set({ query, loading: true, error: null });
    try {
      const page = await this.calls.search(query, controller.signal);
      if (controller.signal.aborted) return;
      this.set({ results: page.items, loading: false });
    } catch (e) {
      if (controller.signal.aborted) return;
      this.set({ results: [], loading: false, error: plainWords(e) });
    } finally {
      if (this.searching === controller) this.searching = null;
    }
  }

  stop(): void {
    if (this.searchTimer !== null) this.timers.clearTimeout(this.searchTimer);
    this.searching?.abort();
    this.generation++;
    this.listeners.clear();
  }

  private set(changes: Partial<HallwayView>): void {
    this.view = { ...this.view, ...changes };
    this.listeners.forEach((l) => l(this.view));
  }
}
