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
  private readonly sent: number[] = [];
  private learned: number | undefined;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
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
    while (this.sent.length > 0 && this.sent[0]! <= now - this.windowMs) this.sent.shift();
  }

  /** Requests sent in the last window. */
  used(now = this.now()): number {
    this.prune(now);
    return this.sent.length;
  }

  /** When the next request may go (now, or when the oldest counted one leaves the window). */
  nextFreeAt(now = this.now()): number {
    this.prune(now);
    const allowed = this.allowance;
    if (this.sent.length < allowed) return now;
    return this.sent[this.sent.length - allowed]! + this.windowMs;
  }

  /** Waits until one more request fits the share, then counts it. */
  async take(signal?: AbortSignal): Promise<void> {
    let held = false;
    for (;;) {
      const now = this.now();
      const at = this.nextFreeAt(now);
      if (at <= now) break;
      if (!held) this.heldBack++;
      held = true;
      await this.sleep(Math.max(1, at - now), signal);
    }
    this.sent.push(this.now());
  }

  /** The shortest interval a poll of `requestsPerPoll` requests can repeat at within the share. */
  minIntervalMs(requestsPerPoll: number): number {
    return Math.ceil((this.windowMs * Math.max(1, requestsPerPoll)) / this.allowance);
  }
}
