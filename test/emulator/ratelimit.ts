// Okta-style rate limiting for /api/v1: one bucket per endpoint group, each with its own window
// that starts at the bucket's first request (not aligned to the wall-clock minute), and an org-wide
// concurrency limit on in-flight requests. Produces the X-Rate-Limit-* headers Okta sends.
// Optionally, a per-principal share: each SSWS token / OAuth service app may use only a percentage of
// every bucket (Okta's default is 50 %). The headers keep describing the org bucket, so a caller cannot
// see its own ceiling coming (test/emulator/README.md, "Per-principal share", says what is known of Okta's).

export interface RateLimitConfig {
  limit: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /**
   * 'bucket' when the per-window budget ran out, 'concurrency' when too many requests are in flight,
   * 'principal' when the caller's own share of the bucket ran out while the org bucket still had room.
   */
  reason?: 'bucket' | 'concurrency' | 'principal';
}

/** Per-principal ceilings; see EmulatorOptions.principalShare. */
export interface PrincipalShareConfig {
  /** Percentage (above 0, at most 100) of every bucket one principal may use per window. */
  percent: number;
  /** What X-Rate-Limit-Remaining says on a share 429: '0' as on a bucket 429, or the org bucket's room. */
  remainingOn429: 'zero' | 'org';
}

interface Bucket {
  windowStart: number;
  used: number;
  /** Requests counted per principal in this window. */
  byPrincipal: Map<string, number>;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private inFlightNow = 0;

  constructor(
    private readonly defaults: RateLimitConfig,
    private readonly perGroup: Record<string, RateLimitConfig> = {},
    private readonly concurrencyLimit = Infinity,
    private readonly now: () => number = Date.now,
    private readonly share?: PrincipalShareConfig,
  ) {}

  get inFlight(): number {
    return this.inFlightNow;
  }

  private config(group: string): RateLimitConfig {
    return this.perGroup[group] ?? this.defaults;
  }

  /** The most one principal may use of a bucket per window, or undefined when shares are off. */
  shareCeiling(group: string): number | undefined {
    if (!this.share) return undefined;
    return Math.max(1, Math.floor((this.config(group).limit * this.share.percent) / 100));
  }

  /**
   * Admits a request or says why not. An admitted request counts as in flight until release() is
   * called. A concurrency rejection is checked first and does not use up the bucket; neither does a
   * refusal by the principal's share. `principal` is an opaque key for the calling token or app
   * (undefined for callers the org does not know, who are only held to the org bucket).
   */
  admit(group: string, principal?: string): RateDecision {
    const now = this.now();
    if (this.inFlightNow >= this.concurrencyLimit) {
      // Okta reports 0/0 on a concurrency 429; Reset is only an estimate.
      return {
        allowed: false,
        reason: 'concurrency',
        headers: {
          'X-Rate-Limit-Limit': '0',
          'X-Rate-Limit-Remaining': '0',
          'X-Rate-Limit-Reset': String(Math.ceil(now / 1000) + 1),
        },
      };
    }
    const cfg = this.config(group);
    let b = this.buckets.get(group);
    if (!b || now >= b.windowStart + cfg.windowSeconds * 1000) {
      b = { windowStart: now, used: 0, byPrincipal: new Map() };
      this.buckets.set(group, b);
    }
    const reset = String(Math.ceil((b.windowStart + cfg.windowSeconds * 1000) / 1000));
    if (b.used >= cfg.limit) {
      return {
        allowed: false,
        reason: 'bucket',
        headers: {
          'X-Rate-Limit-Limit': String(cfg.limit),
          'X-Rate-Limit-Remaining': '0',
          'X-Rate-Limit-Reset': reset,
        },
      };
    }
    const ceiling = principal === undefined ? undefined : this.shareCeiling(group);
    const mine = principal === undefined ? 0 : (b.byPrincipal.get(principal) ?? 0);
    if (ceiling !== undefined && mine >= ceiling) {
      // The headers still describe the org bucket (as on every other answer), not the caller's share.
      return {
        allowed: false,
        reason: 'principal',
        headers: {
          'X-Rate-Limit-Limit': String(cfg.limit),
          'X-Rate-Limit-Remaining': this.share?.remainingOn429 === 'org' ? String(cfg.limit - b.used) : '0',
          'X-Rate-Limit-Reset': reset,
        },
      };
    }
    b.used++;
    if (principal !== undefined) b.byPrincipal.set(principal, mine + 1);
    this.inFlightNow++;
    return {
      allowed: true,
      headers: {
        'X-Rate-Limit-Limit': String(cfg.limit),
        'X-Rate-Limit-Remaining': String(cfg.limit - b.used),
        'X-Rate-Limit-Reset': reset,
      },
    };
  }

  release(): void {
    if (this.inFlightNow > 0) this.inFlightNow--;
  }

  reset(): void {
    this.buckets.clear();
  }
}

/**
 * The endpoint group (bucket) a /api/v1 path is counted against: /api/v1/authorizationServers…,
 * /api/v1/users…, /api/v1/apps… and /api/v1/logs each have their own bucket (Okta's rate-limit tables
 * list users, apps and logs separately); anything else falls in the generic /api/v1 one.
 */
export function rateGroup(path: string): string {
  const m = /^\/api\/v1\/(authorizationServers|users|apps|logs)(\/|$)/.exec(path);
  return m ? m[1] : 'api';
}
