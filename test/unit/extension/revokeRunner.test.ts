// Batch revocation: bounded concurrency, one outcome per token, cancellation stops what has not started,
// a thrown error becomes "failed", only confirmed outcomes may show as revoked, and the notification
// counts each kind of outcome (a not-found token is never counted as revoked) and names the first problem.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeOutcome,
  fromClient,
  runRevocations,
  summarizeOutcomes,
  type L10n,
  type Outcome,
} from '../../../src/extension/commands/revokeRunner';
import { countRevokes, isRevoked, REVOKE_STATUSES } from '../../../src/okta/revokeOutcome';

/** vscode.l10n.t's English behaviour: the message with {n} replaced by the n-th argument. */
const l10n: L10n = { t: (m, ...a) => m.replace(/\{(\d+)\}/g, (_, i: string) => String(a[Number(i)])) };
const NOT_FOUND = 'no such server/client/token — nothing was revoked (Okta: Not found). Check the ids.';

test('runs every job with at most N at a time and reports each outcome', async () => {
  let running = 0;
  let peak = 0;
  const jobs = ['a', 'b', 'c', 'd', 'e'].map((key) => ({
    key,
    run: async (): Promise<Outcome> => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return key === 'c' ? { status: 'already-gone', reason: 'gone' } : { status: 'revoked' };
    },
  }));
  const done: string[] = [];
  const r = await runRevocations(jobs, { concurrency: 2, onDone: (k) => done.push(k) });
  assert.equal(peak, 2);
  assert.equal(r.size, 5);
  assert.deepEqual(r.get('c'), { status: 'already-gone', reason: 'gone' });
  assert.deepEqual([...done].sort(), ['a', 'b', 'c', 'd', 'e']);
});

test('cancelling stops jobs that have not started; they are reported as cancelled', async () => {
  const ac = new AbortController();
  const started: string[] = [];
  const jobs = ['a', 'b', 'c', 'd'].map((key) => ({
    key,
    run: async (): Promise<Outcome> => {
      started.push(key);
      if (key === 'a') ac.abort();
      return { status: 'revoked' };
    },
  }));
  const r = await runRevocations(jobs, { concurrency: 1, signal: ac.signal });
  assert.deepEqual(started, ['a']);
  assert.deepEqual(r.get('b'), { status: 'cancelled' });
  assert.deepEqual(countRevokes([...r.values()].map((o) => o.status)), {
    revoked: 1,
    'already-gone': 0,
    'not-found': 0,
    failed: 0,
    unknown: 0,
    cancelled: 3,
  });
});

test('a thrown error is a failed outcome with its reason', async () => {
  const r = await runRevocations(
    [{ key: 1, run: async () => Promise.reject(new Error('HTTP 403: not allowed')) }],
    { concurrency: 4 },
  );
  assert.deepEqual(r.get(1), { status: 'failed', reason: 'HTTP 403: not allowed' });
});

test('only revoked and already-gone tokens may be shown as revoked', () => {
  assert.deepEqual(
    REVOKE_STATUSES.filter((s) => isRevoked(s)),
    ['revoked', 'already-gone'],
  );
});

test("a client's not-found outcome keeps its message (masked) as the reason and is never shown as revoked", () => {
  const o = fromClient({ status: 'not-found', message: `${NOT_FOUND} secret` }, (m) =>
    m.replace('secret', '***'),
  );
  assert.deepEqual(o, { status: 'not-found', reason: `${NOT_FOUND} ***` });
  assert.equal(isRevoked(o.status), false);
  assert.equal(describeOutcome(o, l10n), `not found: ${NOT_FOUND} ***`);
});

test('a batch with a not-found token warns, counts it as not revoked and names it as the first problem', () => {
  const outcomes: Outcome[] = [
    { status: 'revoked' },
    { status: 'already-gone', reason: 'Okta has nothing to revoke.' },
    { status: 'not-found', reason: NOT_FOUND },
    { status: 'failed', reason: 'HTTP 403' },
  ];
  assert.deepEqual(summarizeOutcomes(outcomes, l10n), {
    severity: 'warning',
    text: `Revoked 2 of 4 refresh tokens (1 not found, 1 failed). First problem: not found: ${NOT_FOUND}`,
  });
  assert.deepEqual(summarizeOutcomes([{ status: 'not-found', reason: NOT_FOUND }], l10n), {
    severity: 'warning',
    text: `The refresh token was not revoked — not found: ${NOT_FOUND}`,
  });
});

test('a batch where every token ended up revoked is an information, saying how many were already gone', () => {
  const gone: Outcome = { status: 'already-gone', reason: 'A lookup shows the token REVOKED.' };
  assert.deepEqual(summarizeOutcomes([{ status: 'revoked' }, gone], l10n), {
    severity: 'info',
    text: 'Revoked 2 refresh tokens (1 of them already gone).',
  });
  assert.deepEqual(summarizeOutcomes([{ status: 'revoked' }], l10n), {
    severity: 'info',
    text: 'Revoked 1 refresh token.',
  });
  assert.equal(summarizeOutcomes([gone], l10n).text, `The refresh token was already gone: ${gone.reason}`);
});

test('an unknown outcome is a warning that carries what to check', () => {
  const o: Outcome = { status: 'unknown', reason: 'Before trying again, look the token up.' };
  const s = summarizeOutcomes([{ status: 'revoked' }, o], l10n);
  assert.equal(s.severity, 'warning');
  assert.match(
    s.text,
    /\(1 with unknown outcome\)\. First problem: unknown: Before trying again, look the token up\.$/,
  );
});
