// A watch's share of the org's rate-limit buckets. A watch polls for as long as someone keeps it open,
// beside the app being debugged and every other Okta client of the org, so it holds itself to a fixed
// share of each bucket it uses (default 10 %): at most share × limit requests in any window-long
// stretch of time (a rolling window is stricter than Okta's fixed minute, so no fixed window can see
// more). The limit is learnt from the client's governor (X-Rate-Limit-Limit); the smallest limit among
// the buckets the watch uses counts, since two of our buckets may be one of the org's. Until a limit is
// known only one request goes out, to learn it.

/** Okta's rate-limit windows are a minute long. */
export const DEFAULT_WINDOW_MS = 60_000;
export const DEFAULT_SHARE = 0.1;
/** Assumed when an org never sends X-Rate-Limit-Limit (a proxy that strips it): a small bucket. */
export const ASSUMED_LIMIT = 100;

export interface BudgetOptions {
  /** Fraction of each bucket the watch may use, 0 < share ≤ 1. */
  share?: number;
  windowMs?: number;
  /** The bucket keys the watch uses (src/okta/rateLimit.ts bucketKeyFor), e.g. ['authorizationservers', 'logs']. */
  buckets: readonly string[];
  /** Current limits by bucket key, from the client (OktaClient.rateLimits). */
  limits?: () => Record<string, { limit: number; ceiling?: number }>;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class ShareBudget {
  readonly share: number;
  readonly windowMs: number;
  /**
   * The watch's requests: sent at `start`, answered at `end` (undefined while in flight). Okta counts a
   * request when it arrives, somewhere between the two; a request is taken to occupy the window until a
   * window after its answer, so no window-long stretch of arrivals can hold more than the allowance.
   */
  private readonly sent: { start: number; end?: number }[] = [];
  private learned: number | undefined;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The longest a recent request took (ms), for the interval a poll can repeat at. */
  private slowest = 0;
  /** Times a request was held back to stay inside the share. */
  heldBack = 0;

  constructor(private readonly opts: BudgetOptions) {
    const share = opts.share ?? DEFAULT_SHARE;
    if (!(share > 0 && share <= 1)) throw new RangeError(`share must be above 0 and at most 1, got ${share}`);
    this.share = share;
    this.windowMs = opts.windowMs ?? DEFAULT_WINDOW_MS;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? defaultSleep;
  }

  /** The smallest limit of the watch's buckets seen so far (kept after the governor forgets a window). */
  get limit(): number | undefined {
    const known = this.opts.limits?.() ?? {};
    for (const b of this.opts.buckets) {
      // A ceiling is the caller's own share of the bucket, learnt from a 429 (rateLimit.ts).
      const l = Math.min(known[b]?.limit ?? Infinity, known[b]?.ceiling ?? Infinity);
      if (Number.isFinite(l) && l > 0) this.learned = Math.min(this.learned ?? Infinity, l);
    }
    return this.learned;
  }

  /**
   * Requests allowed per window: share × limit, at least one. The watch sends one request at a time, so
   * before the first answer (which carries the limit) one request is allowed; an org that never sends
   * the headers is taken to have a small bucket (ASSUMED_LIMIT).
   */
  get allowance(): number {
    const limit = this.limit ?? (this.sent.length > 0 ? ASSUMED_LIMIT : undefined);
    return limit === undefined ? 1 : Math.max(1, Math.floor(this.share * limit));
  }

  private prune(now: number): void {
    while (
      this.sent.length > 0 &&
      this.sent[0]!.end !== undefined &&
      this.sent[0]!.end <= now - this.windowMs
    )
      this.sent.shift();
  }

  /** Requests that count against the last window (answered within it, or still in flight). */
  used(now = this.now()): number {
    this.prune(now);
    return this.sent.filter((r) => r.end === undefined || r.end > now - this.windowMs).length;
  }

  /** When the next request may go: now, or a window after the answer of the request it would displace. */
  nextFreeAt(now = this.now()): number {
    this.prune(now);
    const allowed = this.allowance;
    if (this.sent.length < allowed) return now;
    const oldest = this.sent[this.sent.length - allowed]!;
    // Still in flight: look again shortly.
    return oldest.end === undefined ? now + 25 : oldest.end + this.windowMs;
  }

  /** Waits until one more request fits the share, then counts it; call the returned function when it is answered. */
  async take(signal?: AbortSignal): Promise<() => void> {
    let held = false;
    for (;;) {
      const now = this.now();
      const at = this.nextFreeAt(now);
      if (at <= now) break;
      if (!held) this.heldBack++;
      held = true;
      await this.sleep(Math.max(1, at - now), signal);
    }
    const r: { start: number; end?: number } = { start: this.now() };
    this.sent.push(r);
    return () => {
      if (r.end !== undefined) return;
      r.end = this.now();
      this.slowest = Math.max(this.slowest * 0.9, r.end - r.start);
    };
  }

  /**
   * The shortest interval between the starts of polls of `requestsPerPoll` requests that the share
   * allows, evenly spread: each request holds its slot for a window plus its own duration.
   */
  minIntervalMs(requestsPerPoll: number): number {
    return Math.ceil(((this.windowMs + this.slowest) * Math.max(1, requestsPerPoll)) / this.allowance);
  }
}
