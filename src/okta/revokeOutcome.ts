// The one vocabulary for what a revoke did, shared by the Okta client (which decides it), the query
// engine and CLI (rows, exit codes) and the extension (tree, panels, results grid, notifications).
// Pure and free of runtime imports, so the webview and the extension bundle can use it too.
//
//   revoked       the org answered the DELETE with 204 (or another empty 2xx): Okta did it now
//   already-gone  the token was seen before (listed, opened) and Okta no longer has it to revoke, or a
//                 lookup shows it REVOKED — it does not work any more, but not necessarily thanks to us
//   not-found     a 404 for ids never seen: a typo or a wrong server/client; nothing was revoked
//   failed        Okta said no, or a lookup afterwards shows the token still ACTIVE
//   unknown       the answer was lost or not Okta's, and no lookup could tell: the message says what to check
//   cancelled     a batch job stopped before its request was sent (never from the client itself)
import type { OktaError } from './errors';

export type RevokeOutcome =
  | { status: 'revoked' }
  | { status: 'already-gone'; message: string }
  | { status: 'not-found'; message: string; error?: OktaError }
  | { status: 'failed'; message: string; error: OktaError }
  | { status: 'unknown'; message: string; error: OktaError };

export const REVOKE_STATUSES = [
  'revoked',
  'already-gone',
  'not-found',
  'failed',
  'unknown',
  'cancelled',
] as const;

export type RevokeStatus = (typeof REVOKE_STATUSES)[number];

/** What the user reads first in a not-found outcome, wherever it is shown. */
export const NOT_FOUND_TEXT = 'no such server/client/token — nothing was revoked';

/**
 * True when the token no longer works: Okta confirmed this revoke, or it had been revoked already.
 * Only these may show a row as Revoked or count towards success (a CLI exit 0).
 */
export function isRevoked(status: RevokeStatus): boolean {
  return status === 'revoked' || status === 'already-gone';
}

export type RevokeCounts = Record<RevokeStatus, number>;

export function countRevokes(statuses: Iterable<RevokeStatus>): RevokeCounts {
  const c = Object.fromEntries(REVOKE_STATUSES.map((s) => [s, 0])) as RevokeCounts;
  for (const s of statuses) c[s]++;
  return c;
}

/**
 * One line for a batch, in English (the CLI, the results page): "3 of 5 revoked (1 already gone);
 * 2 not revoked: 1 not-found, 1 failed". Only the kinds that happened are named.
 */
export function summarizeRevokes(statuses: Iterable<RevokeStatus>): string {
  const list = [...statuses];
  const c = countRevokes(list);
  const ok = c.revoked + c['already-gone'];
  const gone = c['already-gone'] ? ` (${c['already-gone']} already gone)` : '';
  const head = `${ok} of ${list.length} revoked${gone}`;
  const problems = REVOKE_STATUSES.filter((s) => !isRevoked(s) && c[s] > 0).map((s) => `${c[s]} ${s}`);
  return problems.length ? `${head}; ${list.length - ok} not revoked: ${problems.join(', ')}` : head;
}
