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

  it('learns its own ceiling from 429s the org bucket does not explain, never from one another app may have caused', () => {
    let now = 2_000_000;
    const g = new RateLimitGovernor({ marginMs: 0, now: () => now });
    /** A window in which `answered` requests were counted, ending in a 429 saying `remaining429`. */
    const windowEndingIn429 = (answered: number, remaining429: number) => {
      const reset = (now + 60_000) / 1000;
      for (let i = 1; i <= answered; i++)
        g.observe('k', { limit: 100, remaining: 100 - i, reset, date: now }, now);
      g.observe('k', { limit: 100, remaining: remaining429, reset, date: now }, now, false);
      g.exhaust('k', { limit: 100, remaining: remaining429, reset });
      return reset;
    };
    // A 429 with a different reset (a proxy's, an injected one) says nothing about a share.
    const r0 = (now + 60_000) / 1000;
    g.observe('k', { limit: 100, remaining: 99, reset: r0, date: now }, now);
    g.exhaust('k', { limit: 100, remaining: 0, reset: r0 + 7 });
    assert.equal(g.snapshot().k?.ceiling, undefined);

    // One 429 with Remaining 0 though 96 were left: another app may have used them up. No ceiling.
    now += 60_000;
    windowEndingIn429(4, 0);
    assert.equal(g.snapshot().k?.ceiling, undefined, 'one unexplained 429 must not slow this caller down');
    // The next window ends the same way: that is this caller's share, the larger count is its ceiling.
    now += 60_000;
    const r2 = windowEndingIn429(6, 0);
    assert.equal(g.snapshot().k?.ceiling, 6);
    // An answer to a request sent before the 429 still counted: the ceiling is at least 7.
    g.observe('k', { limit: 100, remaining: 93, reset: r2, date: now }, now);
    assert.equal(g.snapshot().k?.ceiling, 7);
    // Forgotten after ten minutes, so a raised share is found again.
    now += 10 * 60_000;
    g.observe('k', { limit: 100, remaining: 99, reset: (now + 60_000) / 1000, date: now }, now);
    assert.equal(g.snapshot().k?.ceiling, undefined);

    // A 429 that itself says the org bucket has room is a share at once — and no ceiling is below
    // Okta's smallest share (5 % of the bucket), however few requests the window had.
    now += 60_000;
    windowEndingIn429(2, 40);
    assert.equal(g.snapshot().k?.ceiling, 5);
  });
});
