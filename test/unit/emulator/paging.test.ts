// Cursor paging over real HTTP: Link headers per relation, opaque cursors, every item exactly once,
// no next on the last page, limit rules, q filters.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../emulator/index';
import { api, apiJson, firstPair, links, start, tokensPath } from './helpers';

describe('paging', () => {
  let emu: RunningEmulator;
  let serverId: string;
  let clientId: string;
  before(async () => {
    emu = await start({
      size: { servers: 7, clientsPerServer: 2, tokensPerClient: 450, scopesPerServer: 9, users: 30 },
    });
    ({ serverId, clientId } = firstPair(emu));
  });
  after(() => emu.close());

  it('walks 450 tokens in pages of 200, 200, 50 — each once, with opaque cursors and no next at the end', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let url: string | undefined = `${tokensPath(serverId, clientId)}?limit=200&expand=scope`;
    while (url) {
      const { res, body }: { res: Response; body: Array<{ id: string; _embedded?: unknown }> } =
        await apiJson(emu, url);
      assert.equal(res.status, 200);
      // Two relations, each its own header (fetch joins them with ", ").
      const rel = links(res);
      assert.ok(rel.self.startsWith(`${emu.url}/api/v1/`), rel.self);
      sizes.push(body.length);
      seen.push(...body.map((t) => t.id));
      assert.ok(
        body.every((t) => t._embedded),
        'expand=scope survives into next links',
      );
      if (rel.next) {
        assert.ok(rel.next.startsWith(`${emu.url}/`), 'next is absolute on the emulator origin');
        const cursor = new URL(rel.next).searchParams.get('after') ?? '';
        assert.ok(!/^\d+$/.test(cursor), `cursor ${cursor} must not be a plain index`);
        assert.ok(!cursor.includes(body[body.length - 1].id), 'cursor must not be the raw last id');
      }
      url = rel.next;
    }
    assert.deepEqual(sizes, [200, 200, 50]);
    assert.equal(new Set(seen).size, 450);
    assert.deepEqual(
      seen,
      emu.org.listTokens(serverId, clientId).map((t) => t.id),
    );
  });

  it('uses a page size of 20 when limit is absent, and clamps limit above 200 to 200', async () => {
    const dflt = await apiJson<unknown[]>(emu, tokensPath(serverId, clientId));
    assert.equal(dflt.body.length, 20);
    assert.ok(links(dflt.res).next);
    const big = await apiJson<unknown[]>(emu, `${tokensPath(serverId, clientId)}?limit=1000`);
    assert.equal(big.body.length, 200);
  });

  it('rejects limit 0, a non-number, a forged cursor and a cursor from another list with 400 E0000001', async () => {
    for (const q of [
      'limit=0',
      'limit=abc',
      'after=MTAw',
      `after=${Buffer.from('200:oarX|abc').toString('base64url')}`,
    ]) {
      const { res, body } = await apiJson<{ errorCode: string }>(
        emu,
        `${tokensPath(serverId, clientId)}?${q}`,
      );
      assert.equal(res.status, 400, q);
      assert.equal(body.errorCode, 'E0000001', q);
    }
    const first = await api(emu, `${tokensPath(serverId, clientId)}?limit=5`);
    const cursor = new URL(links(first).next).searchParams.get('after');
    const other = emu.org.clients(serverId)[1].clientId;
    const { res } = await apiJson(emu, `${tokensPath(serverId, other)}?limit=5&after=${cursor}`);
    assert.equal(res.status, 400);
  });

  it('pages authorization servers and filters them by name or audience with q', async () => {
    const p1 = await api(emu, '/api/v1/authorizationServers?limit=3');
    const ids = ((await p1.json()) as Array<{ id: string }>).map((s) => s.id);
    const p2 = await apiJson<Array<{ id: string }>>(emu, links(p1).next);
    const p3 = await apiJson<Array<{ id: string }>>(emu, links(p2.res).next);
    assert.equal(links(p3.res).next, undefined);
    assert.deepEqual(
      [...ids, ...p2.body.map((s) => s.id), ...p3.body.map((s) => s.id)],
      emu.org.servers().map((s) => s.id),
    );
    const byName = await apiJson<Array<{ name: string }>>(emu, '/api/v1/authorizationServers?q=payments');
    assert.deepEqual(
      byName.body.map((s) => s.name),
      ['Payments API'],
    );
    const byAudience = await apiJson<Array<{ id: string }>>(
      emu,
      '/api/v1/authorizationServers?q=api%3A%2F%2Fdefault',
    );
    assert.deepEqual(
      byAudience.body.map((s) => s.id),
      ['default'],
    );
  });

  it('pages scopes and filters them by name', async () => {
    const all = emu.org.scopes(serverId);
    assert.equal(all.length, 6 + 9);
    const p1 = await apiJson<unknown[]>(emu, `/api/v1/authorizationServers/${serverId}/scopes?limit=10`);
    assert.equal(p1.body.length, 10);
    const p2 = await apiJson<unknown[]>(emu, links(p1.res).next);
    assert.equal(p2.body.length, 5);
    assert.equal(links(p2.res).next, undefined);
    const q = await apiJson<Array<{ name: string }>>(
      emu,
      `/api/v1/authorizationServers/${serverId}/scopes?q=offline`,
    );
    assert.deepEqual(
      q.body.map((s) => s.name),
      ['offline_access'],
    );
  });

  it('returns all clients of a server in one response, without a next link', async () => {
    const res = await api(emu, `/api/v1/authorizationServers/${serverId}/clients`);
    assert.equal(((await res.json()) as unknown[]).length, 2);
    assert.equal(links(res).next, undefined);
  });
});
