// Request statistics the tests and benchmarks read: requests per method and route, statuses,
// 429s (bucket and concurrency), faults fired, and the highest number of requests in flight.

export interface EmulatorStats {
  total: number;
  /** Keyed `METHOD route`, e.g. `GET listRefreshTokens`, `POST token`, `GET unknown`. */
  byRoute: Record<string, number>;
  /** Keyed by status code as a string; "0" counts connections dropped without any answer. */
  byStatus: Record<string, number>;
  /** Every 429 sent: bucket exhaustion, concurrency and rate-limit faults. */
  rateLimited: number;
  /** The subset of rateLimited refused by the concurrency limit. */
  concurrencyRejected: number;
  /** The subset of rateLimited refused by the caller's per-principal share (principalShare). */
  principalRejected: number;
  faultsFired: number;
  inFlight: number;
  maxInFlight: number;
}

export class StatsRecorder {
  private s: EmulatorStats = StatsRecorder.blank();

  private static blank(): EmulatorStats {
    return {
      total: 0,
      byRoute: {},
      byStatus: {},
      rateLimited: 0,
      concurrencyRejected: 0,
      principalRejected: 0,
      faultsFired: 0,
      inFlight: 0,
      maxInFlight: 0,
    };
  }

  request(method: string, route: string): void {
    this.s.total++;
    const key = `${method} ${route}`;
    this.s.byRoute[key] = (this.s.byRoute[key] ?? 0) + 1;
  }

  enter(): void {
    this.s.inFlight++;
    this.s.maxInFlight = Math.max(this.s.maxInFlight, this.s.inFlight);
  }

  leave(): void {
    if (this.s.inFlight > 0) this.s.inFlight--;
  }

  status(code: number): void {
    this.s.byStatus[code] = (this.s.byStatus[code] ?? 0) + 1;
    if (code === 429) this.s.rateLimited++;
  }

  concurrencyRejected(): void {
    this.s.concurrencyRejected++;
  }

  principalRejected(): void {
    this.s.principalRejected++;
  }

  faultFired(n: number): void {
    this.s.faultsFired += n;
  }

  snapshot(): EmulatorStats {
    return structuredClone(this.s);
  }

  /** Clears counters; requests still in flight stay counted as in flight. */
  reset(): void {
    const inFlight = this.s.inFlight;
    this.s = StatsRecorder.blank();
    this.s.inFlight = inFlight;
    this.s.maxInFlight = inFlight;
  }
}
