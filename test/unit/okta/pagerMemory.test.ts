// A crawl walks hundreds of token lists at once, and each waits (often a whole rate-limit window) for its
// next page. Items the caller has already taken must not be kept alive by the list through that wait.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { OAuth2RefreshToken } from '../../../src/okta';
import { withEmulator, type Harness } from './support';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const turn = () => new Promise((r) => setImmediate(r));

describe('paging memory', () => {
  let h: Harness;
  before(async () => {
    // One request per window: the second page is held back by the rate limit until the test is done.
    h = await withEmulator({
      size: { servers: 1, clientsPerServer: 1, tokensPerClient: 60, scopesPerServer: 1, users: 10 },
      rateLimit: { limit: 1, windowSeconds: 60 },
    });
  });
  after(() => h.close());

  it('a list waiting for its next page no longer holds the items the caller already took', async () => {
    const [c] = h.emu.org.clients('default');
    const stop = new AbortController();
    const list = h.client.listRefreshTokens('default', c!.clientId, { limit: 25 }, { signal: stop.signal });
    const it = list[Symbol.asyncIterator]();
    const taken: WeakRef<OAuth2RefreshToken>[] = [];
    for (let i = 0; i < 25; i++) taken.push(new WeakRef((await it.next()).value as OAuth2RefreshToken));
    const next = it.next();
    while (!h.logs.some((l) => l.includes('holding back'))) await turn();
    for (let i = 0; i < 3; i++) {
      await turn();
      gc();
    }
    const alive = taken.filter((r) => r.deref() !== undefined).length;
    stop.abort();
    await assert.rejects(next);
    assert.equal(alive, 0, `${alive} of 25 taken items still held while the next page is awaited`);
  });
});
