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
});
