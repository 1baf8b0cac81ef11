// Cursor paging for one tree level: the first page on expand, the next page each time "Load more" is
// clicked, with at most one request in flight (a double click does not load a page twice) and the last
// error kept so the tree can show it as a row. Pure (no vscode), unit tested.

export interface Page<T> {
  items: T[];
  nextUrl?: string;
}

export class PagedLoader<T> {
  private _items: T[] = [];
  private _nextUrl: string | undefined;
  private _error: unknown;
  private _loaded = false;
  private inflight: Promise<void> | undefined;
  /** Bumped by reset(): a page that arrives for an older generation is dropped. */
  private generation = 0;

  constructor(
    private readonly first: () => Promise<Page<T>>,
    private readonly next: (url: string) => Promise<Page<T>>,
  ) {}

  get items(): readonly T[] {
    return this._items;
  }
  get hasMore(): boolean {
    return this._nextUrl !== undefined;
  }
  get error(): unknown {
    return this._error;
  }
  /** True once the first page arrived (even if empty). */
  get loaded(): boolean {
    return this._loaded;
  }
  get loading(): boolean {
    return this.inflight !== undefined;
  }

  /** Loads the first page unless it is loaded or loading; never throws (the error is kept). */
  ensureLoaded(): Promise<void> {
    if (this.inflight) return this.inflight;
    // After an error nothing reloads by itself (a re-render must not loop on a failing call); the error
    // row's Retry calls retry().
    if (this._loaded || this._error !== undefined) return Promise.resolve();
    return this.run(() => this.first(), true);
  }

  /** Loads the next page; a call while a page is loading joins that load instead of starting another. */
  loadMore(): Promise<void> {
    if (this.inflight) return this.inflight;
    const url = this._nextUrl;
    if (url === undefined) return Promise.resolve();
    return this.run(() => this.next(url), false);
  }

  /** Repeats whatever failed last: the first page, or the next page. */
  retry(): Promise<void> {
    if (this.inflight) return this.inflight;
    this._error = undefined;
    return this._loaded ? this.loadMore() : this.run(() => this.first(), true);
  }

  reset(): void {
    this.generation++;
    this._items = [];
    this._nextUrl = undefined;
    this._error = undefined;
    this._loaded = false;
    this.inflight = undefined;
  }

  /** Local edits after a mutation (e.g. revoked tokens) without a reload. */
  update(fn: (items: T[]) => T[]): void {
    this._items = fn([...this._items]);
  }

  private run(load: () => Promise<Page<T>>, isFirst: boolean): Promise<void> {
    const gen = this.generation;
    this._error = undefined;
    const p = (async () => {
      try {
        const page = await load();
        if (gen !== this.generation) return;
        this._items = isFirst ? [...page.items] : [...this._items, ...page.items];
        this._nextUrl = page.nextUrl;
        this._loaded = true;
      } catch (err) {
        if (gen !== this.generation) return;
        this._error = err ?? new Error('unknown error');
      } finally {
        if (gen === this.generation) this.inflight = undefined;
      }
    })();
    this.inflight = p;
    return p;
  }
}
