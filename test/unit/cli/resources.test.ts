// `okta-tokens exec` on the server-configuration resources (claims, policies, rules, keys,
// associated servers, one scope) against the emulator: the JSON printed is the org's own data, and
// `after` given on the command line starts the list at that cursor.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type RunningEmulator } from '../../emulator/index';
import { EXIT } from '../../../src/cli/run';
import { cliRunner } from './support';

const TOKEN = 'cli-resources-token-7890';
const S = 'okta.authorizationservers';
let emu: RunningEmulator;
let server: string;

before(async () => {
  emu = await startEmulator({
    port: 0,
    seed: 23,
    size: { servers: 3, clientsPerServer: 2, tokensPerClient: 5, scopesPerServer: 2, users: 3 },
    apiTokens: [TOKEN],
  });
  server = emu.org.servers()[0]!.id;
});
after(async () => emu.close());

const run = cliRunner(() => ({ url: emu.url, token: TOKEN }));

async function json(sql: string): Promise<Record<string, unknown>[]> {
  const { code, out, err } = await run(['exec', sql, '-o', 'json']);
  assert.equal(code, EXIT.ok, err);
  return JSON.parse(out) as Record<string, unknown>[];
}

const where = () => `WHERE subdomain = 'acme' AND authServerId = '${server}'`;
const pick = (recs: Record<string, unknown>[], ...keys: string[]) =>
  recs.map((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? null])));

test('claims, policies, keys and associated servers print the org’s records', async () => {
  assert.deepEqual(
    await json(`SELECT id, name, claimType, status FROM ${S}.claims ${where()};`),
    pick(emu.org.claims(server), 'id', 'name', 'claimType', 'status'),
  );
  assert.deepEqual(
    await json(`SELECT id, name, priority FROM ${S}.policies ${where()};`),
    pick(emu.org.policies(server), 'id', 'name', 'priority'),
  );
  assert.deepEqual(
    await json(`SELECT kid, status, alg FROM ${S}.keys ${where()};`),
    pick(emu.org.keys(server), 'kid', 'status', 'alg'),
  );
  assert.deepEqual(
    await json(`SELECT id, name FROM ${S}.associated_servers ${where()} AND trusted = 'true';`),
    pick(emu.org.associatedServers(server, true), 'id', 'name'),
  );
});

test('rules of each policy, read through json_extract of the token lifetimes', async () => {
  for (const p of emu.org.policies(server)) {
    const rows = await json(
      `SELECT name, json_extract(actions, '$.token.accessTokenLifetimeMinutes') AS minutes FROM ${S}.rules ${where()} AND policyId = '${p.id as string}';`,
    );
    const rules = emu.org.policyRules(server, p.id as string);
    assert.deepEqual(
      rows,
      rules.map((r) => ({
        name: r.name,
        minutes: (r.actions as { token: { accessTokenLifetimeMinutes: number } }).token
          .accessTokenLifetimeMinutes,
      })),
    );
  }
});

test('one scope by scopeId, and a token list resumed with after', async () => {
  const scope = emu.org.scopes(server)[3]!;
  assert.deepEqual(
    await json(`SELECT id, name FROM ${S}.scopes ${where()} AND scopeId = '${scope.id as string}';`),
    [{ id: scope.id, name: scope.name }],
  );
  const clientId = emu.org.clients(server)[0]!.clientId;
  const res = await fetch(
    `${emu.url}/api/v1/authorizationServers/${server}/clients/${clientId}/tokens?limit=3`,
    { headers: { authorization: `SSWS ${TOKEN}` } },
  );
  const next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')![1]!;
  const rows = await json(
    `SELECT id FROM ${S}.refresh_tokens ${where()} AND clientId = '${clientId}' AND limit = '3' AND after = '${next}';`,
  );
  assert.deepEqual(
    rows.map((r) => r.id),
    emu.org
      .listTokens(server, clientId)
      .slice(3)
      .map((t) => t.id),
  );
});
