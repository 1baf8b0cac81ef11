// `okta-tokens watch` and `okta-tokens timeline` in process against the emulator over real HTTP: a watch
// streams a revoke made while it runs (by whom, with its log event) and Ctrl+C ends it with a summary;
// a client's and a token's timelines print the System Log's events in order with outcome, client, user,
// IP, user agent and transaction; the token's own sign-in is found by its expiry.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { OktaClient, type OAuth2RefreshToken } from '../../../src/okta';
import { runCli } from '../../../src/cli/run';

const TOKEN = '00CliWatchToken-abcdefghijklmnopqrstuvwxyz';
let emu: RunningEmulator;
let admin: OktaClient;

before(async () => {
  emu = await startEmulator({ port: 0, seed: 21, size: 'tiny', apiTokens: [TOKEN], latencyMs: 0 });
  admin = new OktaClient({ orgUrl: emu.url, auth: { kind: 'ssws', token: TOKEN } });
});
after(async () => {
  await admin.close();
  await emu.close();
});

async function run(
  argv: string[],
  onOut?: (out: string, abort: () => void) => void,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const ctrl = new AbortController();
  const code = await runCli(argv, {
    stdout: (s) => {
      out += s;
      onOut?.(out, () => ctrl.abort());
    },
    stderr: (s) => (err += s),
    env: { OKTA_API_TOKEN: TOKEN, OKTA_ORG_URL: emu.url },
    signal: ctrl.signal,
  });
  assert.ok(!out.includes(TOKEN) && !err.includes(TOKEN), 'the API token never appears');
  return { code, out, err };
}

/** ACTIVE tokens with users, with where they live; each test takes its own. */
const taken = new Set<string>();
async function activeToken(): Promise<{ server: string; clientId: string; token: OAuth2RefreshToken }> {
  for (const s of await admin.listAuthorizationServers().toArray())
    for (const c of await admin.listClients(s.id).toArray())
      for (const t of await admin.listRefreshTokens(s.id, c.client_id).toArray())
        if (t.status === 'ACTIVE' && t.userId && !taken.has(t.id)) {
          taken.add(t.id);
          return { server: s.id, clientId: c.client_id, token: t };
        }
  throw new Error('no ACTIVE token left');
}

describe('okta-tokens watch', () => {
  it('streams a revoke made while it runs, says who did it, and Ctrl+C ends it with a summary', async () => {
    const { server, clientId, token } = await activeToken();
    let revoking: Promise<unknown> | undefined;
    const r = await run(
      ['watch', '--client', clientId, '--auth-server', server, '--interval', '0.25', '--share', '100'],
      (out, abort) => {
        if (!revoking && out.includes('watching from now'))
          revoking = admin.revokeRefreshToken(server, clientId, token.id, { seen: true });
        if (/REVOKED +\S+ +by an admin/.test(out)) abort();
      },
    );
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, new RegExp(`watching client ${clientId} on ${server} every 0.25 s`));
    assert.match(
      r.out,
      new RegExp(
        `REVOKED +${token.id} +by an admin \\(Management API\\) +\\[app\\.oauth2\\.as\\.token\\.revoke tx `,
      ),
    );
    assert.match(r.out, /revoked +by an admin \(Management API\).*client .*user .*ip .*tx /);
    assert.match(
      r.out,
      /Summary:\n {2}new tokens +0 \(0 by rotation\)\n {2}revoked +1 \(1 by an admin \(Management API\)\)/,
    );
  });

  it('--output json streams one JSON object a line, ending with the summary', async () => {
    const { clientId, server } = await activeToken();
    const r = await run([
      'watch',
      '--client',
      clientId,
      '--auth-server',
      server,
      '-o',
      'json',
      '--duration',
      '0.2',
    ]);
    assert.equal(r.code, 0, r.err);
    const lines = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { type: string });
    assert.equal(lines[0]?.type, 'started');
    assert.equal(lines.at(-1)?.type, 'summary');
  });

  it('finds the client’s server when not given, and refuses a watch on nothing', async () => {
    assert.equal((await run(['watch'])).code, 2);
    assert.match((await run(['watch', '--client', 'x', '--user', 'y'])).err, /--client <id> or --user <id>/);
    const help = await run(['watch', '--help']);
    assert.equal(help.code, 0);
    assert.match(help.out, /okta-tokens timeline/);
    const missing = await run(['watch', '--client', '0oaNOSUCHCLIENT', '--duration', '0.1']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no authorization server lists client 0oaNOSUCHCLIENT/);
  });
});

describe('okta-tokens timeline', () => {
  it("a client's timeline prints its OAuth events in order with outcome, client, user, IP, user agent and transaction", async () => {
    const { server, clientId, token } = await activeToken();
    await admin.revokeRefreshToken(server, clientId, token.id, { seen: true });
    const r = await run(['timeline', '--client', clientId, '--since', '10m']);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trim().split('\n');
    const revoke = lines.find((l) => l.includes('[app.oauth2.as.token.revoke]') && l.includes(token.userId!));
    assert.ok(revoke, r.out);
    assert.match(revoke, /revoked +by an admin \(Management API\)/);
    assert.match(revoke, /outcome SUCCESS/);
    assert.match(revoke, new RegExp(`client .*${clientId}`));
    assert.match(revoke, new RegExp(`user .*${token.userId}`));
    assert.match(revoke, /ip \S+ +ua "[^"]+" +tx \S+/);
    const times = lines.map((l) => l.slice(0, 20));
    assert.deepEqual(times, [...times].sort(), 'in time order');
  });

  it("a token's timeline holds its sign-in (matched by its expiry) and the revoke that ended it", async () => {
    const { server, clientId, token } = await activeToken();
    await admin.revokeRefreshToken(server, clientId, token.id, { seen: true });
    const r = await run(['timeline', '--auth-server', server, '--client', clientId, '--token', token.id]);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /token granted \(sign-in\) +refresh_token +\[app\.oauth2\.as\.token\.grant\.refresh_token\]/,
    );
    assert.match(r.out, /revoked +by an admin/);
    assert.match(r.err, /do not name refresh-token ids/);
    const json = await run([
      'timeline',
      '--auth-server',
      server,
      '--client',
      clientId,
      '--token',
      token.id,
      '-o',
      'json',
    ]);
    const rows = json.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { eventType: string; matchedBy: string; userId: string });
    assert.ok(
      rows.some((x) => x.eventType === 'app.oauth2.as.token.grant.refresh_token' && x.matchedBy === 'expiry'),
    );
    assert.ok(rows.every((x) => x.userId === token.userId));
  });

  it('a token timeline without its server and client is a usage error', async () => {
    const r = await run(['timeline', '--token', 'oar1', '--client', 'c']);
    assert.equal(r.code, 2);
    assert.match(r.err, /needs --auth-server and --client/);
  });
});
