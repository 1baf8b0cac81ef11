// Keeps the client inside Okta's rate-limit buckets. Every /api/v1 answer carries X-Rate-Limit-Limit,
// -Remaining and -Reset (epoch seconds); this module learns each bucket from those headers (never from a
// constant), holds new requests back once the bucket would be empty, and releases them when the window
// resets. The reset instant is in the server's clock, so the offset between the server's clock and ours is
// estimated from the Date headers it sends (ClockOffset: bounds from every answer, not a fixed second).
// Reset is a whole second, and a window that opened at a fraction of a second ends before it: when one of
// our requests opened the window (its answer shows Remaining = Limit − 1), the window's length in whole
// seconds is learned and the window taken to end that long after the opening answer arrived — up to a
// second sooner than Reset says. A 429 for a window ended that way turns the shortcut off for the bucket.
// The headers describe the org's bucket, but Okta also caps each API token / OAuth app at a share of it
// (50 % by default) without saying so in them. A 429 inside a window whose headers still showed room is
// that share: the governor then remembers how many requests it got in that window and stays under that
// ceiling for a while, instead of running into the same 429 every window.

export interface RateLimitHeaders {
  limit?: number;
  remaining?: number;
  /** Epoch seconds, server clock. */
  reset?: number;
  /** Server Date header, epoch ms (1 s resolution). */
  date?: number;
}

interface Bucket {
  limit: number;
  remaining: number;
  /** Window end in the server's clock, epoch ms. */
  resetServerMs: number;
  /** Our answers the server counted in this window (every status but 429). */
  counted: number;
  /** This window ended in a share 429; answers still arriving in it raise the learned ceiling. */
  capped?: boolean;
  /** Local epoch ms by which the window had opened, when one of our requests opened it. */
  openedBy?: number;
}

/**
 * Bounds on the offset between the server's clock and ours (server − local, ms), learned from Date
 * headers. Date is the server's time cut down to the whole second at some instant between our sending
 * the request and receiving the answer, so each answer says
 *   date − receivedAt ≤ offset < date + 1000 − sentAt.
 * One answer leaves a second of doubt; the tightest bounds over many answers (some stamped just after a
 * second began, some just before one ended) pin the offset to about a round trip.
 */
export class ClockOffset {
  /** The server's clock is at least this far ahead of ours (ms); undefined before any Date was seen. */
  lower: number | undefined;
  /** …and less than this far ahead. */
  upper: number | undefined;

  observe(dateMs: number, sentAt: number, receivedAt: number): void {
    const lo = dateMs - receivedAt;
    const hi = dateMs + 1000 - sentAt;
    if (this.lower === undefined || this.upper === undefined) {
      this.lower = lo;
      this.upper = hi;
      return;
    }
    const lower = Math.max(this.lower, lo);
    const upper = Math.min(this.upper, hi);
    if (lower > upper) {
      // The bounds contradict each other: one of the clocks was set (NTP, a suspended laptop). Start over.
      this.lower = lo;
      this.upper = hi;
    } else {
      this.lower = lower;
      this.upper = upper;
    }
  }
}

/** A ceiling below the bucket's limit, learned from a 429 the headers did not predict. */
interface Ceiling {
  max: number;
  /** Local epoch ms after which it is forgotten, so a raised share is found again. */
  until: number;
}

/** How long a learned ceiling holds; re-learning one costs a few 429s. */
const CEILING_TTL_MS = 10 * 60_000;
/**
 * A 429 whose own Remaining is 0 may be this caller's share or another app emptying the shared bucket.
 * Only when that happens again, in another window within this time, is it taken for a share.
 */
const SUSPECT_TTL_MS = 3 * 60_000;
/** Okta lets an admin lower a token's or app's share to 5 % of a bucket, never less: no ceiling goes below. */
const MIN_SHARE = 0.05;

export interface GovernorOptions {
  /** Requests of the bucket to leave unused for other apps sharing the org (default 0). */
  reserve?: number;
  /** Extra wait after a window's computed end before sending again (default 25 ms). */
  marginMs?: number;
  now?: () => number;
}

function num(v: string | string[] | undefined): number | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Reads the rate-limit headers and the Date header; multiple values (joined by proxies) take the first. */
export function readRateLimitHeaders(
  headers: Record<string, string | string[] | undefined>,
): RateLimitHeaders {
  const dateRaw = headers['date'];
  const date = Date.parse(Array.isArray(dateRaw) ? dateRaw[0]! : (dateRaw ?? ''));
  const first = (v: string | string[] | undefined) => (typeof v === 'string' ? v.split(',')[0] : v);
  return {
    limit: num(first(headers['x-rate-limit-limit'])),
    remaining: num(first(headers['x-rate-limit-remaining'])),
    reset: num(first(headers['x-rate-limit-reset'])),
    date: Number.isFinite(date) ? date : undefined,
  };
}

/** Okta groups endpoints into buckets; requests under one /api/v1/<family> share a bucket here. */
export function bucketKeyFor(path: string): string {
  const m = /^\/api\/v1\/([^/?]+)/.exec(path);
  return m ? m[1]!.toLowerCase() : path.split('?')[0]!;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
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
export { sleep };

export class RateLimitGovernor {
  private readonly buckets = new Map<string, Bucket>();
  private readonly ceilings = new Map<string, Ceiling>();
  /** A window that ended in an unexplained 429 with Remaining 0: its count, and when it was seen. */
  private readonly suspects = new Map<string, { counted: number; resetServerMs: number; at: number }>();
  /** Requests admitted per bucket whose answers have not arrived: the server may not have counted them yet. */
  private readonly inFlight = new Map<string, number>();
  /** Server clock − local clock, bounded from the Date headers seen. */
  readonly clock = new ClockOffset();
  /** Per bucket, the last windows our requests opened: when the opening request was sent and answered, and its Reset. */
  private readonly openers = new Map<
    string,
    { resetServerMs: number; sentAt: number; receivedAt: number }[]
  >();
  /** Buckets where a window taken to end before Reset drew a 429: Reset alone is used for them. */
  private readonly resetOnly = new Set<string>();
  /** The reset (server epoch ms) of the last window taken to be over, per bucket; later answers in it are stale. */
  private readonly over = new Map<string, number>();
  private readonly reserve: number;
  private readonly marginMs: number;
  private readonly now: () => number;
  /** Number of times a request was held back to stay inside a bucket (for logs and benchmarks). */
  paused = 0;

  constructor(opts: GovernorOptions = {}) {
    this.reserve = Math.max(0, opts.reserve ?? 0);
    this.marginMs = opts.marginMs ?? 25;
    this.now = opts.now ?? Date.now;
  }

  /** Local epoch ms by which the server's clock reads `serverMs` (the latest the offset allows). */
  toLocal(serverMs: number): number {
    return serverMs - (this.clock.lower ?? 0);
  }

  /**
   * Local epoch ms by which the window ending at Reset `resetServerMs` is over: Reset by the server's
   * clock, or sooner when one of our requests opened the window and its length is known.
   */
  private windowEndLocal(key: string, resetServerMs: number, b?: Bucket): number {
    const byReset = this.toLocal(resetServerMs);
    const len = this.windowSeconds(key);
    if (!len || b?.openedBy === undefined || b.resetServerMs !== resetServerMs) return byReset;
    return Math.min(byReset, b.openedBy + len.max * 1000);
  }

  /** Local epoch ms at which requests held back for `key`'s current window go out, if one is known. */
  releaseAt(key: string): number | undefined {
    const b = this.buckets.get(key);
    return b && this.windowEndLocal(key, b.resetServerMs, b) + this.marginMs;
  }

  /**
   * The window length in whole seconds that every window our requests opened allows. One sent at `sentAt`
   * and answered at `receivedAt` (local ms) was opened by the server between the two; with Reset the
   * window's end rounded up to a whole second, its length lies in (reset − 1 s − opened, reset − opened].
   * The range is worked out with the clock offset known now, which narrows as answers arrive: the first
   * window opens with the first answer, before the Date headers have pinned the offset down, and is read
   * again later. The longest length still possible is the one used, so the estimate errs late, never early.
   */
  private windowSeconds(key: string): { min: number; max: number } | undefined {
    const { lower, upper } = this.clock;
    const openers = this.openers.get(key);
    if (this.resetOnly.has(key) || !openers || lower === undefined || upper === undefined) return undefined;
    let min = 1;
    let max = Infinity;
    for (const o of openers) {
      min = Math.max(min, Math.floor((o.resetServerMs - 1000 - (o.receivedAt + upper)) / 1000) + 1);
      max = Math.min(max, Math.floor((o.resetServerMs - (o.sentAt + lower)) / 1000));
    }
    // No whole-second length fits every window seen: this bucket's windows work some other way.
    return min <= max && Number.isFinite(max) ? { min, max } : undefined;
  }

  private learnWindow(key: string, resetServerMs: number, sentAt: number, receivedAt: number): void {
    const openers = this.openers.get(key) ?? [];
    openers.push({ resetServerMs, sentAt, receivedAt });
    // A few windows pin the length down; older ones add nothing but work.
    if (openers.length > 8) openers.shift();
    this.openers.set(key, openers);
  }

  /**
   * Waits until the bucket for `key` has room, then counts the request as in flight. Returns the
   * function to call when its answer arrives (or it failed).
   */
  async admit(key: string, signal?: AbortSignal, onPause?: (waitMs: number) => void): Promise<() => void> {
    let reported = false;
    for (;;) {
      let b = this.buckets.get(key);
      const now = this.now();
      const inFlight = this.inFlight.get(key) ?? 0;
      let resetLocal: number | undefined;
      if (b) {
        resetLocal = this.windowEndLocal(key, b.resetServerMs, b) + this.marginMs;
        if (now >= resetLocal) {
          // The window we knew about is over; the next answer tells us about the new one.
          this.over.set(key, Math.max(this.over.get(key) ?? 0, b.resetServerMs));
          this.buckets.delete(key);
          b = undefined;
          resetLocal = undefined;
        }
      }
      const ceiling = this.ceilingFor(key, now);
      // Our own ceiling counts what we sent in this window: answered (counted) or still in flight.
      const underCeiling = ceiling === undefined || ceiling - (b?.counted ?? 0) - inFlight > 0;
      const orgRoom = !b || b.remaining - inFlight > this.reserve;
      if (underCeiling && orgRoom) break;
      if (!reported) {
        this.paused++;
        onPause?.(resetLocal === undefined ? 25 : resetLocal - now);
        reported = true;
      }
      // Re-check as answers arrive (they may show more room) but never sleep past the reset.
      await sleep(Math.max(1, Math.min((resetLocal ?? now + 25) - now, 25)), signal);
    }
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.inFlight.set(key, Math.max(0, (this.inFlight.get(key) ?? 1) - 1));
    };
  }

  private ceilingFor(key: string, now: number): number | undefined {
    const c = this.ceilings.get(key);
    if (c && now >= c.until) this.ceilings.delete(key);
    return c && now < c.until ? c.max : undefined;
  }

  /**
   * Learns from one answer's headers, for a request sent at local epoch ms `sentAt` and answered at
   * `receivedAt`. `counted` is false for a 429, which the server did not count and whose bucket state
   * exhaust() sets.
   */
  observe(
    key: string,
    h: RateLimitHeaders,
    receivedAt: number = this.now(),
    counted = true,
    sentAt: number = -Infinity,
  ): void {
    if (h.date !== undefined) this.clock.observe(h.date, sentAt, receivedAt);
    if (!counted) return;
    if (h.limit === undefined || h.remaining === undefined || h.reset === undefined) return;
    if (h.limit === 0) return; // a concurrency 429 says nothing about the per-minute bucket
    const resetServerMs = h.reset * 1000;
    // An answer counted in a window already taken to be over (sent before it ended) says nothing new.
    if (resetServerMs <= (this.over.get(key) ?? -Infinity)) return;
    const opened = h.remaining === h.limit - 1;
    if (opened && Number.isFinite(sentAt)) this.learnWindow(key, resetServerMs, sentAt, receivedAt);
    const b = this.buckets.get(key);
    if (!b || resetServerMs > b.resetServerMs) {
      this.buckets.set(key, {
        limit: h.limit,
        remaining: h.remaining,
        resetServerMs,
        counted: 1,
        ...(opened ? { openedBy: receivedAt } : {}),
      });
    } else if (resetServerMs === b.resetServerMs) {
      if (opened) b.openedBy = Math.min(b.openedBy ?? Infinity, receivedAt);
      // Answers can arrive out of order; the smallest remaining is the newest count.
      b.remaining = Math.min(b.remaining, h.remaining);
      b.limit = h.limit;
      b.counted++;
      // Requests sent before the share 429 and answered after it were within the ceiling too.
      const c = b.capped ? this.ceilings.get(key) : undefined;
      if (c) c.max = Math.max(c.max, b.counted);
    }
  }

  /**
   * How long to wait after a 429 before retrying: until X-Rate-Limit-Reset by the server's clock as the
   * Date headers seen so far bound it (observe() the 429's own headers first), plus the margin. With no
   * Date seen yet, the 429's own Date plus one second for its resolution, as Okta advises. Falls back to
   * `fallbackMs` when the headers are missing.
   */
  retryAfter429(h: RateLimitHeaders, fallbackMs: number, key?: string): number {
    if (h.reset === undefined) return fallbackMs;
    const resetServerMs = h.reset * 1000;
    if (this.clock.lower !== undefined) {
      const end =
        key === undefined
          ? this.toLocal(resetServerMs)
          : this.windowEndLocal(key, resetServerMs, this.buckets.get(key));
      return Math.max(0, Math.ceil(end - this.now()) + this.marginMs);
    }
    if (h.date !== undefined) return Math.max(0, resetServerMs - h.date + 1000);
    return Math.max(0, resetServerMs - this.now() + 1000);
  }

  /**
   * Marks a bucket empty until the reset a 429 named, so other requests wait too instead of piling on.
   * The 429's window replaces what was known: it may be a shorter window than the one seen before.
   * When the 429 falls in the window we were counting and the org bucket still had room (by the 429's
   * own Remaining, or by the last count we saw less what we have in flight), the limit that bit is this
   * caller's share: the requests we got in this window become our ceiling. A 429 with another reset
   * (a proxy's, a fault's) teaches nothing. If other apps emptied the bucket in between, the ceiling
   * is too low, which costs speed, not errors, and expires.
   */
  exhaust(key: string, h: RateLimitHeaders): void {
    if (h.reset === undefined || h.limit === 0) return;
    const resetServerMs = h.reset * 1000;
    if (resetServerMs <= (this.over.get(key) ?? -Infinity)) {
      // A window taken to be over refused a request: it was not over. Wait for Reset from now on.
      this.resetOnly.add(key);
      this.over.delete(key);
    }
    const b = this.buckets.get(key);
    if (b && b.resetServerMs === resetServerMs && b.counted > 0) {
      const now = this.now();
      // Okta's own word that the org bucket has room: the limit that bit is this caller's share.
      let share = (h.remaining ?? 0) > 0;
      let counted = b.counted;
      if (!share && !b.capped && b.remaining - (this.inFlight.get(key) ?? 0) > 0) {
        // Our count said there was room, the 429 says none: a share, or others used it up. Believe a
        // share only when a second window ends the same way.
        const prev = this.suspects.get(key);
        if (prev && prev.resetServerMs !== resetServerMs && now - prev.at < SUSPECT_TTL_MS) {
          share = true;
          counted = Math.max(prev.counted, b.counted);
          this.suspects.delete(key);
        } else this.suspects.set(key, { counted: b.counted, resetServerMs, at: now });
      }
      if (share || b.capped) {
        const known = this.ceilings.get(key);
        const floor = Math.max(1, Math.ceil(b.limit * MIN_SHARE));
        const max = Math.max(floor, known && b.capped ? Math.max(known.max, counted) : counted);
        this.ceilings.set(key, { max, until: now + CEILING_TTL_MS });
      }
      b.remaining = 0;
      b.capped = b.capped || share;
      return;
    }
    this.buckets.set(key, { limit: h.limit ?? 1, remaining: 0, resetServerMs, counted: 0 });
  }

  snapshot(): Record<string, { limit: number; remaining: number; resetAt: string; ceiling?: number }> {
    const out: Record<string, { limit: number; remaining: number; resetAt: string; ceiling?: number }> = {};
    const now = this.now();
    for (const [k, b] of this.buckets) {
      const ceiling = this.ceilingFor(k, now);
      out[k] = {
        limit: b.limit,
        remaining: b.remaining,
        resetAt: new Date(b.resetServerMs).toISOString(),
        ...(ceiling === undefined ? {} : { ceiling }),
      };
    }
    return out;
  }
}
