// Cursor paging over Okta list endpoints. Each page's `Link: rel="next"` URL is followed exactly as sent,
// and only when it stays on the org's origin: a next link pointing elsewhere would carry the credential to
// another host. Pages can be pulled one at a time (for a tree's "Load more") or iterated with a page cap.

import { OktaError } from './errors';

export interface Page<T> {
  items: T[];
  /** The URL of the following page, if there is one. */
  nextUrl?: string;
  /**
   * Only on a list that never ends (the System Log polled: Okta sends a next link even on an empty
   * page): the next link of the empty page that ended this read, where newer items will appear.
   */
  pollUrl?: string;
}

export interface PageFetcher<T> {
  first(signal?: AbortSignal): Promise<Page<T>>;
  at(url: URL, signal?: AbortSignal): Promise<Page<T>>;
}

export const DEFAULT_MAX_PAGES = 1000;

export class PagedList<T> implements AsyncIterable<T> {
  constructor(
    private readonly origin: URL,
    private readonly fetcher: PageFetcher<T>,
    private readonly signal?: AbortSignal,
  ) {}

  firstPage(): Promise<Page<T>> {
    return this.fetcher.first(this.signal);
  }

  /** Fetches the page behind a `nextUrl` this list handed out earlier. */
  pageAt(nextUrl: string): Promise<Page<T>> {
    return this.fetcher.at(this.checkedUrl(nextUrl), this.signal);
  }

  private checkedUrl(nextUrl: string): URL {
    let url: URL;
    try {
      url = new URL(nextUrl, this.origin);
    } catch {
      throw new OktaError({
        kind: 'unsafe-link',
        message: `Okta sent a next-page link that is not a URL: ${nextUrl.slice(0, 200)}`,
      });
    }
    if (url.origin !== this.origin.origin) {
      throw new OktaError({
        kind: 'unsafe-link',
        message: `Okta's next-page link points to ${url.origin}, not the org ${this.origin.origin}; it was not followed so the credential stays with the org.`,
      });
    }
    return url;
  }

  // Only the next URL is kept between pages, never the page itself: a crawl walks hundreds of lists at
  // once, each waiting (often a whole rate-limit window) for its next page, and a page held through that
  // wait kept every list's last 200 items alive after the caller had consumed them.
  async *pages(opts: { maxPages?: number } = {}): AsyncGenerator<Page<T>> {
    const max = opts.maxPages ?? DEFAULT_MAX_PAGES;
    let next: string | undefined;
    {
      const page = await this.firstPage();
      next = page.nextUrl;
      yield page;
    }
    for (let n = 1; n < max && next !== undefined; n++) {
      const page = await this.pageAt(next);
      next = page.nextUrl;
      yield page;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    const pages = this.pages();
    for (;;) {
      let r: IteratorResult<Page<T>> | undefined = await pages.next();
      if (r.done) return;
      let items: T[] | undefined = r.value.items;
      r = undefined;
      // Items are handed out one at a time and dropped from the page as they go, so what the caller
      // has consumed can be collected while the next page is on its way.
      for (let i = 0; i < items.length; i++) {
        let item: T | undefined = items[i]!;
        (items as (T | undefined)[])[i] = undefined;
        yield item;
        item = undefined;
      }
      items = undefined;
    }
  }

  /** Every item up to the page cap; `truncated` tells whether more pages were left unread. */
  async collect(
    opts: { maxPages?: number } = {},
  ): Promise<{ items: T[]; pages: number; truncated: boolean }> {
    const items: T[] = [];
    let pages = 0;
    let last: Page<T> | undefined;
    for await (const page of this.pages(opts)) {
      items.push(...page.items);
      pages++;
      last = page;
    }
    return { items, pages, truncated: !!last?.nextUrl };
  }

  async toArray(opts: { maxPages?: number } = {}): Promise<T[]> {
    return (await this.collect(opts)).items;
  }
}
