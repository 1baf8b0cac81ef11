import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RateLimitGovernor, bucketKeyFor, readRateLimitHeaders } from '../../../src/okta/rateLimit';

describe('rate-limit governor', () => {
  it('waits until X-Rate-Limit-Reset by the server Date plus one second after a 429', () => {
    const g = new RateLimitGovernor();
    const h = readRateLimitHeaders({
      'x-rate-limit-limit': '600',
      'x-rate-limit-remaining': '0',
      'x-rate-limit-reset': '1767225605',
      date: 'Thu, 01 Jan 2026 00:00:00 GMT',
    });
    // reset is 5 s after the server's Date: wait 6 s whatever the local clock says
    assert.equal(g.retryAfter429(h, 999), 6000);
  });

  it('holds requests back once the bucket is used up and lets them go at the reset', async () => {
    let now = 1_000_000;
    const g = new RateLimitGovernor({ marginMs: 0, now: () => now });
    g.observe(
      'authorizationservers',
      { limit: 10, remaining: 0, reset: (now + 2000) / 1000, date: now },
      now,
    );
    let admitted = false;
    const p = g.admit('authorizationservers').then((done) => {
      admitted = true;
      done();
    });
    await new Promise((r) => setTimeout(r, 30));
    assert.equal(admitted, false);
    now += 2000;
    await p;
    assert.equal(admitted, true);
    assert.equal(g.paused, 1);
  });

  it('counts its own in-flight requests against what is left', async () => {
    let now = 5_000_000;
    const g = new RateLimitGovernor({ marginMs: 0, now: () => now });
    g.observe('x', { limit: 10, remaining: 2, reset: (now + 60_000) / 1000, date: now }, now);
    const a = await g.admit('x');
    const b = await g.admit('x');
    let third = false;
    const p = g.admit('x').then((d) => {
      third = true;
      d();
    });
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(third, false, 'two in flight use up the two remaining');
    a();
    b();
    now += 60_000;
    await p;
    assert.equal(third, true);
  });

  it('groups paths by API family and ignores concurrency 429 headers for the bucket', () => {
    assert.equal(bucketKeyFor('/api/v1/authorizationServers/default/clients'), 'authorizationservers');
    const g = new RateLimitGovernor();
    g.observe('x', { limit: 0, remaining: 0, reset: 1, date: 0 });
    assert.deepEqual(g.snapshot(), {});
  });

  it('learns its own ceiling from a 429 inside a window that still had room, and only from such a 429', () => {
    let now = 2_000_000;
    const g = new RateLimitGovernor({ marginMs: 0, now: () => now });
    const reset = (now + 60_000) / 1000;
    for (let left = 99; left >= 96; left--)
      g.observe('k', { limit: 100, remaining: left, reset, date: now }, now);
    // A 429 with a different reset (a proxy's, an injected one) says nothing about a share.
    g.exhaust('k', { limit: 100, remaining: 0, reset: reset + 7 });
    assert.equal(g.snapshot().k?.ceiling, undefined);

    now += 60_000;
    const next = (now + 60_000) / 1000;
    for (let left = 99; left >= 96; left--)
      g.observe('k', { limit: 100, remaining: left, reset: next, date: now }, now);
    // Same window, 96 still left by the headers, yet a 429 (Remaining 0 as on any bucket 429): our share.
    g.observe('k', { limit: 100, remaining: 0, reset: next, date: now }, now, false);
    g.exhaust('k', { limit: 100, remaining: 0, reset: next });
    assert.deepEqual(g.snapshot().k, {
      limit: 100,
      remaining: 0,
      resetAt: new Date(next * 1000).toISOString(),
      ceiling: 4,
    });
    // An answer to a request sent before the 429 still counted: the ceiling is at least 5.
    g.observe('k', { limit: 100, remaining: 95, reset: next, date: now }, now);
    assert.equal(g.snapshot().k?.ceiling, 5);
    // Forgotten after ten minutes, so a raised share is found again.
    now += 10 * 60_000;
    g.observe('k', { limit: 100, remaining: 99, reset: (now + 60_000) / 1000, date: now }, now);
    assert.equal(g.snapshot().k?.ceiling, undefined);
  });
});
