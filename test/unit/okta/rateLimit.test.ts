import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ClockOffset,
  RateLimitGovernor,
  bucketKeyFor,
  readRateLimitHeaders,
} from '../../../src/okta/rateLimit';

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

/**
 * A server whose clock runs `offsetMs` ahead of ours, answering `rttMs` after each request and stamping
 * Date (whole seconds) halfway through, like Okta. Its rate-limit windows open with the first request
 * counted and last `windowMs`; Reset is the window's end rounded up to the second (as the emulator does).
 */
function simulatedServer(offsetMs: number, rttMs: number) {
  return {
    offsetMs,
    answer(sentAt: number) {
      const serverNow = sentAt + rttMs / 2 + offsetMs;
      return { date: Math.floor(serverNow / 1000) * 1000, sentAt, receivedAt: sentAt + rttMs, serverNow };
    },
  };
}

describe('server clock offset from Date headers', () => {
  it('one Date header leaves a second of doubt; many pin the offset to a few round trips, never past it', () => {
    const server = simulatedServer(1234, 20);
    const clock = new ClockOffset();
    const first = server.answer(1_000_000_013);
    clock.observe(first.date, first.sentAt, first.receivedAt);
    assert.ok(clock.upper! - clock.lower! >= 1000);
    for (let t = 1_000_000_050; t < 1_000_006_000; t += 37) {
      const a = server.answer(t);
      clock.observe(a.date, a.sentAt, a.receivedAt);
      assert.ok(
        clock.lower! <= 1234 && 1234 < clock.upper!,
        `bounds ${clock.lower}..${clock.upper} miss 1234`,
      );
    }
    // Within two round trips plus the spacing of the samples, where one header left a whole second.
    assert.ok(clock.upper! - clock.lower! <= 80, `bounds ${clock.lower}..${clock.upper} are loose`);
  });

  it('starts over when the bounds contradict each other (a clock was set)', () => {
    const clock = new ClockOffset();
    clock.observe(10_000, 9_000, 9_020); // offset in (980, 2000)
    clock.observe(50_000, 10_000, 10_020); // the server clock jumped 40 s ahead
    assert.ok(clock.lower! >= 39_980 && clock.upper! <= 41_000);
  });
});

describe('rate-limit windows by the server clock', () => {
  const limit = 300;
  /** Our requests in one window, opened by the first; returns its Reset and the local time it really ends. */
  function runWindow(
    g: RateLimitGovernor,
    server: ReturnType<typeof simulatedServer>,
    openAt: number,
    windowMs: number,
  ) {
    // The opening request reaches the server 1 ms after it was sent.
    const openedLocal = openAt + 1;
    const reset = Math.ceil((openedLocal + server.offsetMs + windowMs) / 1000);
    const trueEndLocal = openedLocal + windowMs;
    for (let i = 0; i < limit; i++) {
      const a = server.answer(openAt + i * 17);
      g.observe('k', { limit, remaining: limit - 1 - i, reset, date: a.date }, a.receivedAt, true, a.sentAt);
    }
    return { reset, trueEndLocal };
  }

  it('lets requests go when a window it opened ends, up to a second before Reset, never before the end — the first window too, read again once the Date headers pin the clock down', () => {
    let now = 0;
    const g = new RateLimitGovernor({ marginMs: 25, now: () => now });
    const server = simulatedServer(-777, 20);
    let t = 1_700_000_000_300;
    for (let w = 0; w < 4; w++) {
      const { reset, trueEndLocal } = runWindow(g, server, t, 5000);
      now = t + limit * 17;
      const release = g.releaseAt('k')!;
      const byReset = g.toLocal(reset * 1000);
      assert.ok(release >= trueEndLocal, `window ${w}: released ${trueEndLocal - release} ms early`);
      assert.ok(release <= trueEndLocal + 80, `window ${w}: ${release - trueEndLocal} ms late`);
      assert.ok(byReset - release > 200, `window ${w}: only ${byReset - release} ms before Reset`);
      t = release + 3;
    }
  });

  it('after a 429 in a window it took to be over, waits for Reset again', () => {
    let now = 0;
    const g = new RateLimitGovernor({ marginMs: 25, now: () => now });
    const server = simulatedServer(0, 20);
    const t = 1_700_000_000_300;
    const first = runWindow(g, server, t, 5000);
    runWindow(g, server, first.trueEndLocal + 100, 5000);
    // A server whose windows are longer than learned refuses the first request after the estimate.
    now = g.releaseAt('k')! + 1;
    void g.admit('k').then((done) => done());
    const reset = Math.ceil((first.trueEndLocal + 100 + 1 + 5000) / 1000);
    const a = server.answer(now);
    g.observe('k', { limit, remaining: 0, reset, date: a.date }, a.receivedAt, false, a.sentAt);
    g.exhaust('k', { limit, remaining: 0, reset });
    assert.equal(g.releaseAt('k'), g.toLocal(reset * 1000) + 25);
    const wait = g.retryAfter429({ limit, remaining: 0, reset, date: a.date }, 999, 'k');
    assert.equal(wait, Math.ceil(g.toLocal(reset * 1000) - now) + 25);
  });

  it('after a 429 waits until Reset by the server clock the Date headers pin down, not a second more', () => {
    let now = 0;
    const g = new RateLimitGovernor({ marginMs: 25, now: () => now });
    const server = simulatedServer(4321, 20);
    for (let t = 1_000_000_000; t < 1_000_004_000; t += 37) {
      const a = server.answer(t);
      g.observe('x', { date: a.date }, a.receivedAt, true, a.sentAt);
    }
    now = 1_000_004_000;
    const a = server.answer(now - 20);
    const reset = Math.floor(a.serverNow / 1000) + 3;
    const h = { limit: 600, remaining: 0, reset, date: a.date };
    g.observe('x', h, a.receivedAt, false, a.sentAt);
    const wait = g.retryAfter429(h, 999, 'x');
    const untilReset = reset * 1000 - (now + 4321);
    assert.ok(wait >= untilReset, `${untilReset - wait} ms early`);
    assert.ok(wait <= untilReset + 25 + 80, `${wait - untilReset} ms late`);
    assert.ok(wait < reset * 1000 - a.date + 1000 - 500, 'no longer the fixed extra second');
  });
});
