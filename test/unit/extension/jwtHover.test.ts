// What the hover and the "Decode and Verify Token" panel say about tokens minted by the emulator, with
// the extension's own service (src/extension/jwt) over real HTTP: the verdict, the user, client and
// server a token names with their Reveal links, no request for a foreign issuer, and claims that try to
// smuggle Markdown or HTML shown as text.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { OktaClient } from '../../../src/okta';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { JwtService } from '../../../src/extension/jwt/jwtService';
import {
  idHoverMarkdown,
  tokenHoverMarkdown,
  REVEAL_COMMAND,
} from '../../../src/extension/jwt/hoverMarkdown';
import { tokenPanelHtml } from '../../../src/extension/jwt/panelHtml';
import { english } from '../../../src/extension/tree/format';
import type { CachedAuthServer, CachedClient, CachedToken } from '../../../src/extension/services';

const API_TOKEN = 'hover-test-api-token-0123456789';
let emu: RunningEmulator;
let client: OktaClient;
const seen = {
  servers: [] as CachedAuthServer[],
  clients: [] as CachedClient[],
  tokens: [] as CachedToken[],
};

function service(): JwtService {
  return new JwtService({
    listConnections: () => [{ id: 'c1', name: 'Demo org', orgUrl: emu.url }],
    getClient: async () => client,
    idCache: {
      authServers: () => seen.servers,
      clients: () => seen.clients,
      tokens: () => seen.tokens,
    },
  });
}

const opts = () => ({ now: Date.now(), locale: 'en' });

before(async () => {
  emu = await startEmulator({ port: 0, seed: 7, size: 'tiny', apiTokens: [API_TOKEN] });
  client = new OktaClient({ orgUrl: emu.url, auth: { kind: 'ssws', token: API_TOKEN } });
  // What the tree had loaded: the default server, its first client and one of that client's tokens.
  const clientId = emu.org.clients('default')[0]!.clientId;
  const user = emu.org.users()[0]!;
  seen.servers = [{ connectionId: 'c1', id: 'default', name: 'default' }];
  seen.clients = [
    { connectionId: 'c1', authServerId: 'default', id: clientId, name: emu.org.clients('default')[0]!.name },
  ];
  seen.tokens = [
    {
      connectionId: 'c1',
      authServerId: 'default',
      clientId,
      id: 'oarAAAAAAAAAAAAAAAAA',
      userId: user.id,
      userName: user.name,
      status: 'ACTIVE',
    },
  ];
});
after(async () => {
  await client.close();
  await emu.close();
});

describe('JWT hover', () => {
  it('shows a valid token’s verdict, times, and the user, client and server it names with Reveal links', async () => {
    const token = emu.authServers.mintJwt({ serverId: 'default' });
    const r = await service().inspectToken(token, { lookups: true });
    assert.ok(r.ok);
    const md = tokenHoverMarkdown(english, r.report, opts());
    assert.match(md, /\$\(pass-filled\) \*\*Valid\*\* — Signature checked against the keys of/);
    assert.match(md, /audience is the server\\'s/);
    const user = emu.org.users()[0]!;
    const clientName = emu.org.clients('default')[0]!.name;
    assert.ok(md.includes(`User: **${user.name}** \`${user.id}\``), md);
    assert.ok(md.includes(`Client: **${clientName.replace(/[-.]/g, '\\$&')}**`), md);
    assert.ok(md.includes(`command:${REVEAL_COMMAND}?`), 'a Reveal in Tree link');
    // Each of them, the user too (under the connection's Users row), can be revealed in the tree.
    assert.equal(md.match(/^(Server|Client|User): .*\[Reveal in Tree\]\(command:/gm)?.length, 3, md);
    assert.match(md, /`exp` .*\\\(in 60 minutes\\\)/);
    assert.ok(!md.includes(token.split('.')[2]!), 'the signature is not shown');
  });

  it('names a tampered token’s bad signature and a rotated-out key', async () => {
    const svc = service();
    const token = emu.authServers.mintJwt({ serverId: 'default' });
    const [h, p, s] = token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, scp: ['admin'] })).toString('base64url')}.${s}`;
    const bad = await svc.inspectToken(forged);
    assert.ok(bad.ok);
    assert.match(tokenHoverMarkdown(english, bad.report, opts()), /\$\(error\) \*\*Bad signature\*\*/);

    const serverId = emu.org.servers()[1]!.id;
    emu.authServers.rotateKeys(serverId);
    emu.authServers.rotateKeys(serverId);
    const old = await svc.inspectToken(emu.authServers.mintJwt({ serverId, signWith: 'dropped' }));
    assert.ok(old.ok);
    assert.match(
      tokenHoverMarkdown(english, old.report, opts()),
      /\*\*Unknown signing key \\\(rotated\?\\\)\*\*/,
    );
  });

  it('decodes a foreign issuer’s token without any request and says so', async () => {
    const token = emu.authServers.mintJwt({ claims: { iss: 'https://login.example.net' } });
    emu.resetStats();
    const r = await service().inspectToken(token, { lookups: true });
    assert.ok(r.ok);
    assert.equal(r.report.verdict.kind, 'foreign-issuer');
    assert.match(
      tokenHoverMarkdown(english, r.report, opts()),
      /\*\*Decoded only\*\* — The issuer https\\:\/\/login\\\.example\\\.net is not the org of a saved connection/,
    );
    assert.equal(emu.stats().total, 0, 'no request reached the org');
  });

  it('shows claims that carry Markdown or HTML as text, in the hover and in the panel', async () => {
    const evil =
      '`````\n[click](command:workbench.action.openSettings) <img src=x onerror=alert(1)> **bold**';
    const token = emu.authServers.mintJwt({ serverId: 'default', claims: { note: evil } });
    const r = await service().inspectToken(token);
    assert.ok(r.ok);
    const md = tokenHoverMarkdown(english, r.report, opts());
    // The claims sit in a fence longer than the five backticks inside them.
    assert.match(md, /\n``````json\n/);
    // Outside the fenced claims there is no link but our own Reveal links.
    const outside = md.slice(0, md.indexOf('Claims'));
    assert.ok(!outside.includes('workbench.action.openSettings'));
    assert.ok(md.includes(`"note": ${JSON.stringify(evil)}`), 'the claim is shown verbatim in the fence');
    const html = tokenPanelHtml(english, r.report, {
      cspSource: 'vscode-resource:',
      styleUri: 'style.css',
      ...opts(),
    });
    assert.ok(html.includes('script-src &#39;none&#39;'), 'no script may run in the panel');
    assert.ok(!html.includes('<img'), 'markup from a claim is escaped');
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
    assert.ok(!html.includes(token) && !html.includes(token.split('.')[2]!), 'the token is not in the page');
    assert.match(html, /Reveal in Tree/);
  });

  it('names an Okta id from the tree or a lookup, links it to the tree, and says when nothing knows it', async () => {
    const svc = service();
    const clientId = emu.org.clients('default')[0]!.clientId;
    const c = await svc.describe(clientId, 'client', {}, false);
    const md = idHoverMarkdown(english, c);
    assert.match(md, /loaded in the tree of Demo org/);
    assert.ok(
      md.includes(
        `command:${REVEAL_COMMAND}?${encodeURIComponent(JSON.stringify([{ connectionId: 'c1', kind: 'client', id: clientId, serverId: 'default' }]))}`,
      ),
    );
    const s = await svc.describe(emu.org.servers()[1]!.id, 'server');
    assert.equal(s.source, 'lookup');
    assert.equal(s.name, emu.org.servers()[1]!.name);
    assert.equal(s.status, emu.org.servers()[1]!.status);
    const u = await svc.describe(emu.org.users()[0]!.id, 'user', {}, false);
    const target = encodeURIComponent(
      JSON.stringify([{ connectionId: 'c1', kind: 'user', id: emu.org.users()[0]!.id }]),
    );
    assert.ok(idHoverMarkdown(english, u).includes(`command:${REVEAL_COMMAND}?${target}`));
    const unknown = await svc.describe('oarZZZZZZZZZZZZZZZZZ', 'token');
    assert.match(
      idHoverMarkdown(english, unknown),
      /not loaded in the tree, and no saved connection knows it/,
    );
  });
});
