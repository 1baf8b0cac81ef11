// A crawl walks hundreds of token lists at once, and each waits (often a whole rate-limit window) for its
// next page. Items the caller has already taken must not be kept alive by the list through that wait.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Session, type HeapProfiler } from 'node:inspector/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { OAuth2RefreshToken } from '../../../src/okta';
import { withEmulator, type Harness } from './support';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (opts?: { type: 'minor' | 'major' }) => void;
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

describe('paging memory under the rate limit', () => {
  let h: Harness;
  before(async () => {
    // One request per second: the second page waits for the next window.
    h = await withEmulator({
      size: { servers: 1, clientsPerServer: 1, tokensPerClient: 400, scopesPerServer: 3, users: 10 },
      rateLimit: { limit: 1, windowSeconds: 1 },
    });
  });
  after(() => h.close());

  // In a crawl most pages wait for a rate-limit window, long enough for the garbage collector to move
  // the promises and suspended calls carrying the request into its old generation. The answer is then
  // written into those old objects, and a young-generation collection keeps whatever old objects point
  // to, dead or not, until the next full collection: a 100,000-token crawl moved nearly every token it
  // parsed into the old generation that way and peaked ~40 MB higher. The heap profiler counts what
  // the client allocated for the waiting page that outlived young-generation collections after the
  // caller took every item (the in-process emulator's own allocations are left out).
  it('items the caller took from a page that waited for its window die in a young-generation collection', async () => {
    const [c] = h.emu.org.clients('default');
    const stop = new AbortController();
    const list = h.client.listRefreshTokens('default', c!.clientId, { limit: 200 }, { signal: stop.signal });
    const it = list[Symbol.asyncIterator]();
    for (let i = 0; i < 200; i++) await it.next();
    const holds = () => h.logs.filter((l) => l.includes('holding back')).length;
    const held = holds();
    const second = it.next();
    while (holds() === held) await turn();
    // Two full collections while the second page is held back make the waiting request's objects old.
    for (let i = 0; i < 2; i++) {
      gc();
      await turn();
    }
    const session = new Session();
    session.connect();
    await session.post('HeapProfiler.startSampling', {
      samplingInterval: 1024,
      includeObjectsCollectedByMajorGC: true,
    });
    await second;
    for (let i = 1; i < 200; i++) await it.next();
    for (let i = 0; i < 3; i++) {
      await turn();
      gc({ type: 'minor' });
    }
    const { profile } = await session.post('HeapProfiler.stopSampling');
    session.disconnect();
    stop.abort();
    const kept = keptBy(profile.head, '/src/okta/');
    // Kept when the parsed page stayed reachable: ~600 KB. What may stay is a few tokens (the one the
    // caller took last, the one that answered the call it was waiting on) and the emptied page array.
    assert.ok(kept > 0, 'the heap profile attributes nothing to the client: are its sources under src/okta?');
    assert.ok(kept < 128 * 1024, `${kept} bytes the client allocated for the page outlived the collections`);
  });
});

/** Bytes in a sampled heap profile allocated by functions whose script is under `dir`. */
function keptBy(node: HeapProfiler.SamplingHeapProfileNode, dir: string): number {
  const own = node.callFrame.url.includes(dir) ? node.selfSize : 0;
  return node.children.reduce((sum, child) => sum + keptBy(child, dir), own);
}
