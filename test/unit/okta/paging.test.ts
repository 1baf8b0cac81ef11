import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { OktaClient, OktaError } from '../../../src/okta';
import { API_TOKEN, withEmulator, type Harness } from './support';

describe('paging', () => {
  let h: Harness;
  before(async () => {
    h = await withEmulator({
      size: { servers: 1, clientsPerServer: 1, tokensPerClient: 950, scopesPerServer: 1, users: 50 },
    });
  });
  after(() => h.close());

  it('follows next links across many pages and returns every token exactly once', async () => {
    const [c] = h.emu.org.clients('default');
    const { items, pages, truncated } = await h.client
      .listRefreshTokens('default', c!.clientId, { limit: 25 })
      .collect();
    assert.equal(pages, 38);
    assert.equal(truncated, false);
    assert.equal(items.length, 950);
    assert.equal(new Set(items.map((t) => t.id)).size, 950);
  });

  it('stops at the page cap and says more was left', async () => {
    const [c] = h.emu.org.clients('default');
    const r = await h.client
      .listRefreshTokens('default', c!.clientId, { limit: 100 })
      .collect({ maxPages: 3 });
    assert.equal(r.pages, 3);
    assert.equal(r.items.length, 300);
    assert.equal(r.truncated, true);
  });

  it('can resume from a next URL handed out earlier (Load more)', async () => {
    const [c] = h.emu.org.clients('default');
    const list = h.client.listRefreshTokens('default', c!.clientId, { limit: 200 });
    const first = await list.firstPage();
    assert.ok(first.nextUrl);
    const second = await list.pageAt(first.nextUrl!);
    assert.equal(second.items.length, 200);
    assert.notEqual(second.items[0]!.id, first.items[0]!.id);
  });

  it('refuses to follow a next link to another origin', async () => {
    const list = h.client.listAuthorizationServers();
    assert.throws(
      () => list.pageAt('https://evil.example/api/v1/authorizationServers?after=x'),
      (e: unknown) => {
        assert.ok(e instanceof OktaError);
        assert.equal(e.kind, 'unsafe-link');
        return true;
      },
    );
  });
});

describe('paging with joined Link headers and off-origin links', () => {
  let server: Server;
  let origin: string;
  before(async () => {
    // A stand-in org that sends both relations in ONE Link header, and a third page whose next link
    // points off-origin.
    server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      const page = Number(url.searchParams.get('after') ?? '0');
      const links = [`<${origin}/api/v1/authorizationServers?limit=1>; rel="self"`];
      if (page < 2)
        links.push(`<${origin}/api/v1/authorizationServers?after=${page + 1}&limit=1>; rel="next"`);
      else links.push(`<http://elsewhere.invalid/api/v1/authorizationServers?after=9>; rel="next"`);
      res.writeHead(200, { 'content-type': 'application/json', link: links.join(', ') });
      res.end(JSON.stringify([{ id: `aus${page}`, name: `s${page}` }]));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));

  it('reads the next link from a joined header and stops at a foreign one with a clear error', async () => {
    const client = new OktaClient({ orgUrl: origin, auth: { kind: 'ssws', token: API_TOKEN } });
    const seen: string[] = [];
    await assert.rejects(
      (async () => {
        for await (const s of client.listAuthorizationServers()) seen.push(s.id);
      })(),
      /points to http:\/\/elsewhere\.invalid, not the org/,
    );
    assert.deepEqual(seen, ['aus0', 'aus1', 'aus2']);
    await client.close();
  });
});
