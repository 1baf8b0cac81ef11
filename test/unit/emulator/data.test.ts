// The seeded generator: determinism, realistic content, presets and size at 10^5 tokens.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MARKUP_DESCRIPTION, resolveSize, SIZE_PRESETS } from '../../emulator/index';
import { OrgData } from '../../emulator/data';
import { apiJson, EPOCH, start, tokensPath, type TokenJson } from './helpers';

async function dump(seed: number): Promise<string> {
  const emu = await start({ seed, size: 'demo', epochMs: EPOCH, port: 0 });
  try {
    // Links carry the origin (the port differs per run), so compare the bodies without it.
    const parts: string[] = [];
    const servers = await apiJson<Array<{ id: string }>>(emu, '/api/v1/authorizationServers');
    parts.push(JSON.stringify(servers.body));
    for (const s of servers.body) {
      const clients = await apiJson<Array<{ client_id: string }>>(
        emu,
        `/api/v1/authorizationServers/${s.id}/clients`,
      );
      parts.push(JSON.stringify(clients.body));
      for (const c of clients.body)
        parts.push(
          JSON.stringify(
            (await apiJson(emu, `${tokensPath(s.id, c.client_id)}?limit=200&expand=scope`)).body,
          ),
        );
      parts.push(JSON.stringify((await apiJson(emu, `/api/v1/authorizationServers/${s.id}/scopes`)).body));
    }
    const users = await apiJson<Array<{ id: string }>>(emu, '/api/v1/users?limit=200');
    parts.push(JSON.stringify(users.body));
    for (const u of users.body.slice(0, 5))
      parts.push(JSON.stringify((await apiJson(emu, `/api/v1/users/${u.id}/grants?limit=200`)).body));
    parts.push(JSON.stringify((await apiJson(emu, '/api/v1/apps?limit=200')).body));
    const until = new Date(EPOCH + 1000).toISOString();
    parts.push(
      JSON.stringify(
        (await apiJson(emu, `/api/v1/logs?since=2000-01-01T00:00:00Z&until=${until}&limit=1000`)).body,
      ),
    );
    return parts.join('\n').split(emu.url).join('<origin>');
  } finally {
    await emu.close();
  }
}

describe('data generator', () => {
  it('same seed → byte-identical API bodies; another seed → different data', async () => {
    const a = await dump(42);
    const b = await dump(42);
    const c = await dump(43);
    assert.ok(a.length > 50_000);
    assert.ok(
      a.includes('"eventType":"app.oauth2.as.token.grant.refresh_token"'),
      'the System Log history is in it',
    );
    assert.equal(a, b);
    assert.notEqual(a, c);
  });

  it('lazy generation does not depend on the order the org is read in', () => {
    const size = resolveSize('servers=3,clients=3,tokens=10');
    const x = new OrgData(5, size, EPOCH);
    const y = new OrgData(5, size, EPOCH);
    const forward = [...x.pairs()].map((p) => JSON.stringify(x.tokens(p.serverIdx, p.appIdx)));
    const backward = [...y.pairs()]
      .reverse()
      .map((p) => JSON.stringify(y.tokens(p.serverIdx, p.appIdx)))
      .reverse();
    assert.deepEqual(forward, backward);
  });

  it('demo has default plus human-named servers and apps, users with names, and tokens in every state', async () => {
    const emu = await start({ size: 'demo', epochMs: Date.now() });
    try {
      const servers = emu.org.servers();
      assert.equal(servers[0].id, 'default');
      assert.equal(servers[0].name, 'default');
      assert.ok(servers.slice(1).every((s) => /^aus[0-9A-Za-z]{17}$/.test(s.id)));
      const apps = emu.org.clients('default').map((c) => c.name);
      assert.ok(apps.includes('Payments Web') && apps.includes('Mobile iOS'), apps.join(', '));
      assert.ok(emu.org.clients('default').every((c) => /^0oa[0-9A-Za-z]{17}$/.test(c.clientId)));
      assert.ok(
        emu.org
          .users()
          .every((u) => /^00u/.test(u.id) && u.email.endsWith('@example.com') && u.name.includes(' ')),
      );
      const counts = emu.org.counts();
      assert.equal(counts.total, 4 * 4 * 24);
      assert.ok(counts.total >= 300 && counts.total <= 500);
      assert.ok(counts.active > counts.total / 2, JSON.stringify(counts));
      assert.ok(counts.revoked > 20 && counts.expired > 20, JSON.stringify(counts));
      const server = emu.org.getServer('default') as { issuer: string; audiences: string[] };
      assert.equal(server.issuer, `${emu.url}/oauth2/default`);
      assert.deepEqual(server.audiences, ['api://default']);
      const clientId = emu.org.clients('default')[0].clientId;
      const tokens = emu.org.listTokens('default', clientId, true) as unknown as Array<
        TokenJson & { _links: Record<string, { href: string; hints?: { allow: string[] } }> }
      >;
      const t = tokens[0];
      assert.match(t.id, /^oar[0-9A-Za-z]{17}$/);
      assert.ok(t.scopes.includes('offline_access'));
      assert.deepEqual(Object.keys(t._links).sort(), [
        'app',
        'authorizationServer',
        'client',
        'revoke',
        'self',
        'user',
      ]);
      assert.deepEqual(t._links.revoke.hints?.allow, ['DELETE']);
      const markup = emu.org.scopes('default').find((s) => s.description === MARKUP_DESCRIPTION);
      assert.ok(markup, 'a scope description with markup exists');
      assert.match(MARKUP_DESCRIPTION, /<b>bold<\/b> & <script>/);
    } finally {
      await emu.close();
    }
  });

  it('bench preset: 10^5 tokens generated, held in bounded memory, and paged over HTTP on demand', async () => {
    assert.equal(
      SIZE_PRESETS.bench.servers * SIZE_PRESETS.bench.clientsPerServer * SIZE_PRESETS.bench.tokensPerClient,
      100_000,
    );
    const heapBefore = process.memoryUsage().heapUsed;
    const emu = await start({ size: 'bench' });
    try {
      const counts = emu.org.counts();
      assert.equal(counts.total, 100_000);
      const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
      assert.ok(heapMb < 300, `heap grew ${heapMb.toFixed(0)} MB`);
      const s = emu.org.servers()[3].id;
      const c = emu.org.clients(s)[5].clientId;
      const page = await apiJson<unknown[]>(emu, `${tokensPath(s, c)}?limit=200&expand=scope`);
      assert.equal(page.body.length, 200);
    } finally {
      await emu.close();
    }
  });

  it('size strings and objects, and a clear error for a bad size', () => {
    assert.deepEqual(resolveSize('servers=5,clients=3,tokens=40'), {
      ...SIZE_PRESETS.demo,
      servers: 5,
      clientsPerServer: 3,
      tokensPerClient: 40,
    });
    assert.deepEqual(resolveSize({ users: 3 }), { ...SIZE_PRESETS.demo, users: 3 });
    assert.deepEqual(resolveSize('tiny'), SIZE_PRESETS.tiny);
    assert.throws(() => resolveSize('huge'), /Unknown emulator size "huge": use a preset/);
    assert.throws(() => resolveSize('servers=0'), /servers must be at least 1/);
  });
});
