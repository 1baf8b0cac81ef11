// Runs a batch of revocations with bounded concurrency and cancellation, and records one outcome per
// token. Pure (no vscode): the revoke function is injected, so the unit tests drive it with fakes and
// the extension passes the Okta client (whose rate-limit handling paces the calls).

export type Outcome =
  | { status: 'revoked' }
  | { status: 'already-gone' }
  | { status: 'failed'; reason: string }
  | { status: 'unknown'; reason: string }
  | { status: 'cancelled' };

export interface RevokeJob<K> {
  key: K;
  run(signal: AbortSignal): Promise<Outcome>;
}

export interface RunOptions<K> {
  concurrency: number;
  signal?: AbortSignal;
  /** Called as each job starts and ends, for per-row progress. */
  onStart?(key: K): void;
  onDone?(key: K, outcome: Outcome, done: number, total: number): void;
}

export async function runRevocations<K>(
  jobs: readonly RevokeJob<K>[],
  opts: RunOptions<K>,
): Promise<Map<K, Outcome>> {
  const results = new Map<K, Outcome>();
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (;;) {
      const i = next++;
      if (i >= jobs.length) return;
      const job = jobs[i];
      if (opts.signal?.aborted) {
        // Not started: nothing was sent, so it is safe to say it was not revoked.
        results.set(job.key, { status: 'cancelled' });
        opts.onDone?.(job.key, { status: 'cancelled' }, ++done, jobs.length);
        continue;
      }
      opts.onStart?.(job.key);
      let outcome: Outcome;
      try {
        outcome = await job.run(opts.signal ?? new AbortController().signal);
      } catch (err) {
        outcome = { status: 'failed', reason: err instanceof Error ? err.message : String(err) };
      }
      results.set(job.key, outcome);
      opts.onDone?.(job.key, outcome, ++done, jobs.length);
    }
  };
  const n = Math.max(1, Math.min(opts.concurrency, jobs.length));
  await Promise.all(Array.from({ length: n }, worker));
  return results;
}

export interface Tally {
  revoked: number;
  alreadyGone: number;
  failed: number;
  unknown: number;
  cancelled: number;
}

export function tally(outcomes: Iterable<Outcome>): Tally {
  const t: Tally = { revoked: 0, alreadyGone: 0, failed: 0, unknown: 0, cancelled: 0 };
  for (const o of outcomes) {
    if (o.status === 'revoked') t.revoked++;
    else if (o.status === 'already-gone') t.alreadyGone++;
    else if (o.status === 'failed') t.failed++;
    else if (o.status === 'unknown') t.unknown++;
    else t.cancelled++;
  }
  return t;
}

/** Whether a row may be shown as revoked: only when Okta confirmed it, or said it is already gone. */
export function showsAsRevoked(o: Outcome): boolean {
  return o.status === 'revoked' || o.status === 'already-gone';
}
