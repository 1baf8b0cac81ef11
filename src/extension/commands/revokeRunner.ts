// Runs a batch of revocations with bounded concurrency and cancellation, and records one outcome per
// token; words each outcome and the batch for notifications. Pure (no vscode): the revoke function and
// the translator are injected, so the unit tests drive it with fakes and the extension passes the Okta
// client (whose rate-limit handling paces the calls) and vscode.l10n. The statuses are the shared
// vocabulary of src/okta/revokeOutcome.ts; only what a notification says is worded here.
import { countRevokes, isRevoked, type RevokeOutcome, type RevokeStatus } from '../../okta/revokeOutcome';

export type Outcome =
  | { status: 'revoked' }
  | { status: 'already-gone'; reason: string }
  | { status: 'not-found'; reason: string }
  | { status: 'failed'; reason: string }
  | { status: 'unknown'; reason: string }
  | { status: 'cancelled' };

// The extension's outcomes are exactly the shared statuses, no more and no fewer.
const sameStatuses: [Outcome['status'], RevokeStatus] extends [RevokeStatus, Outcome['status']]
  ? true
  : never = true;
void sameStatuses;

/** The client's outcome as the extension keeps it: its message, masked, as the reason. */
export function fromClient(o: RevokeOutcome, mask: (s: string) => string): Outcome {
  return o.status === 'revoked' ? o : { status: o.status, reason: mask(o.message) };
}

/** vscode.l10n, or a stand-in in tests: every string passed to `l10n.t` reaches the l10n bundle. */
export interface L10n {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

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

/** One outcome in words, for the log and the "Show Details" list. */
export function describeOutcome(o: Outcome, l10n: L10n): string {
  switch (o.status) {
    case 'revoked':
      return l10n.t('revoked');
    case 'already-gone':
      return l10n.t('already gone: {0}', o.reason);
    case 'not-found':
      return l10n.t('not found: {0}', o.reason);
    case 'failed':
      return l10n.t('failed: {0}', o.reason);
    case 'unknown':
      return l10n.t('unknown: {0}', o.reason);
    case 'cancelled':
      return l10n.t('not revoked (cancelled before it was sent)');
  }
}

/**
 * The notification after a batch: an information when every token ended up revoked (by this call, or
 * already gone), otherwise a warning that counts what was not revoked by kind and names the first problem.
 */
export function summarizeOutcomes(
  outcomes: readonly Outcome[],
  l10n: L10n,
): { severity: 'info' | 'warning'; text: string } {
  const c = countRevokes(outcomes.map((o) => o.status));
  const n = outcomes.length;
  const ok = c.revoked + c['already-gone'];
  if (ok === n) {
    if (n === 1)
      return {
        severity: 'info',
        text:
          outcomes[0]!.status === 'revoked'
            ? l10n.t('Revoked 1 refresh token.')
            : l10n.t('The refresh token was {0}', describeOutcome(outcomes[0]!, l10n)),
      };
    return {
      severity: 'info',
      text: c['already-gone']
        ? l10n.t('Revoked {0} refresh tokens ({1} of them already gone).', n, c['already-gone'])
        : l10n.t('Revoked {0} refresh tokens.', n),
    };
  }
  const first = outcomes.find((o) => !isRevoked(o.status))!;
  if (n === 1)
    return {
      severity: 'warning',
      text: l10n.t('The refresh token was not revoked — {0}', describeOutcome(first, l10n)),
    };
  // Only the kinds of problem that happened: "(2 failed)", not "(2 failed, 0 unknown, 0 cancelled)".
  const problems = [
    c['not-found'] ? l10n.t('{0} not found', c['not-found']) : '',
    c.failed ? l10n.t('{0} failed', c.failed) : '',
    c.unknown ? l10n.t('{0} with unknown outcome', c.unknown) : '',
    c.cancelled ? l10n.t('{0} cancelled', c.cancelled) : '',
  ]
    .filter(Boolean)
    .join(', ');
  return {
    severity: 'warning',
    text: l10n.t(
      'Revoked {0} of {1} refresh tokens ({2}). First problem: {3}',
      ok,
      n,
      problems,
      describeOutcome(first, l10n),
    ),
  };
}
