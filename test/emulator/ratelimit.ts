// Okta-style rate limiting for /api/v1: one bucket per endpoint group, each with its own window
// that starts at the bucket's first request (not aligned to the wall-clock minute), and an org-wide
// concurrency limit on in-flight requests. Produces the X-Rate-Limit-* headers Okta sends.

export interface RateLimitConfig {
  limit: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  /** 'bucket' when the per-window budget ran out, 'concurrency' when too many requests are in flight. */
  reason?: 'bucket' | 'concurrency';
}

interface Bucket {
  windowStart: number;
  used: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private inFlightNow = 0;

  constructor(
    private readonly defaults: RateLimitConfig,
    private readonly perGroup: Record<string, RateLimitConfig> = {},
    private readonly concurrencyLimit = Infinity,
    private readonly now: () => number = Date.now,
  ) {}

  get inFlight(): number {
    return this.inFlightNow;
  }

  private config(group: string): RateLimitConfig {
    return this.perGroup[group] ?? this.defaults;
  }

  /**
   * Admits a request or says why not. An admitted request counts as in flight until release() is
   * called. A concurrency rejection is checked first and does not use up the bucket.
   */
  admit(group: string): RateDecision {
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
      b = { windowStart: now, used: 0 };
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
    b.used++;
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
 * The endpoint group (bucket) a /api/v1 path is counted against. Okta counts every
 * /api/v1/authorizationServers… call in one bucket; anything else falls in the generic /api/v1 one.
 */
export function rateGroup(path: string): string {
  return path.startsWith('/api/v1/authorizationServers') ? 'authorizationServers' : 'api';
}
