// Batch revocation: bounded concurrency, one outcome per token, cancellation stops what has not started,
// a thrown error becomes "failed", and only confirmed outcomes may show as revoked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  runRevocations,
  showsAsRevoked,
  tally,
  type Outcome,
} from '../../../src/extension/commands/revokeRunner';

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
      return key === 'c' ? { status: 'already-gone' } : { status: 'revoked' };
    },
  }));
  const done: string[] = [];
  const r = await runRevocations(jobs, { concurrency: 2, onDone: (k) => done.push(k) });
  assert.equal(peak, 2);
  assert.equal(r.size, 5);
  assert.deepEqual(r.get('c'), { status: 'already-gone' });
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
  assert.deepEqual(tally(r.values()), { revoked: 1, alreadyGone: 0, failed: 0, unknown: 0, cancelled: 3 });
});

test('a thrown error is a failed outcome with its reason', async () => {
  const r = await runRevocations(
    [{ key: 1, run: async () => Promise.reject(new Error('HTTP 403: not allowed')) }],
    { concurrency: 4 },
  );
  assert.deepEqual(r.get(1), { status: 'failed', reason: 'HTTP 403: not allowed' });
});

test('only revoked and already-gone tokens may be shown as revoked', () => {
  assert.equal(showsAsRevoked({ status: 'revoked' }), true);
  assert.equal(showsAsRevoked({ status: 'already-gone' }), true);
  assert.equal(showsAsRevoked({ status: 'failed', reason: 'x' }), false);
  assert.equal(showsAsRevoked({ status: 'unknown', reason: 'timeout' }), false);
  assert.equal(showsAsRevoked({ status: 'cancelled' }), false);
});
