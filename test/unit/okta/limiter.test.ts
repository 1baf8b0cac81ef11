import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConcurrencyLimiter } from '../../../src/okta/limiter';

describe('per-org concurrency limiter', () => {
  it('never lets more than the limit run at once and serves waiters in order', async () => {
    const limiter = new ConcurrencyLimiter(3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          order.push(i);
          await new Promise((r) => setTimeout(r, 5));
          running--;
        }),
      ),
    );
    assert.equal(peak, 3);
    assert.deepEqual(
      order,
      [...order].sort((a, b) => a - b),
    );
  });

  it('lets a waiting caller cancel without taking a slot', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const release = await limiter.acquire();
    const ac = new AbortController();
    const waiting = limiter.acquire(ac.signal);
    ac.abort(new Error('stop'));
    await assert.rejects(waiting, /stop/);
    assert.equal(limiter.queued, 0);
    release();
    assert.equal(limiter.inFlight, 0);
  });
});
