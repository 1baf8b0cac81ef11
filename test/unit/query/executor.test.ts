// SELECT on every resource of okta.authorizationservers, run by the executor through a real Okta
// client against the emulator over loopback HTTP: the rows must be the emulator's own records. Also
// `after = '<cursor or next link>'`, which starts a list where an earlier page left off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OktaClient } from '../../../src/okta';
import { analyzeDocument } from '../../../src/query/analyzer';
import { findResource } from '../../../src/query/catalogue';
import {
  execute,
  ListBrokenOffError,
  QueryExecutionError,
  type QueryResult,
} from '../../../src/query/executor';
import type { SelectPlan } from '../../../src/query/planner';
import type { RunningEmulator } from '../../emulator/index';
import { withEmulator, type Harness } from '../okta/support';

const S = 'okta.authorizationservers';

describe('executor SELECT on every authorizationservers resource', () => {
  let h: Harness;
  let emu: RunningEmulator;
  let client: OktaClient;
  let server: string;
  let clientId: string;
  before(async () => {
    h = await withEmulator({
      seed: 5,
      size: { servers: 4, clientsPerServer: 2, tokensPerClient: 9, scopesPerServer: 3, users: 4 },
    });
    ({ emu, client } = h);
    server = emu.org.servers()[1]!.id;
    clientId = emu.org.clients(server)[0]!.clientId;
  });
  after(() => h.close());

  function plan(sql: string): SelectPlan {
    const doc = analyzeDocument(sql, { connectionGiven: true });
    const errors = doc.diagnostics.filter((d) => d.severity === 'error');
    assert.deepEqual(errors, [], sql);
    const p = doc.statements[0]!.plan!;
    assert.equal(p.kind, 'select');
    return p as SelectPlan;
  }

  function run(sql: string): Promise<QueryResult> {
    return execute(plan(sql), client);
  }

  /** What `SELECT *` should show for a record: each catalogue field, null when the record lacks it. */
  function starRow(resource: string, rec: Record<string, unknown>): Record<string, unknown> {
    const fields = findResource('authorizationservers', resource)!.fields.map((f) => f.name);
    return Object.fromEntries(fields.map((f) => [f, rec[f] ?? null]));
  }

  const where = () => `WHERE subdomain = 'acme' AND authServerId = '${server}'`;

  it('claims: list and get return the emulator’s claims', async () => {
    const r = await run(`SELECT * FROM ${S}.claims ${where()};`);
    const expected = emu.org.claims(server);
    assert.equal(r.method, 'list_oauth2_claims');
    assert.deepEqual(
      r.rows,
      expected.map((c) => starRow('claims', c)),
    );
    const id = expected[1]!.id as string;
    const one = await run(`SELECT name, valueType FROM ${S}.claims ${where()} AND claimId = '${id}';`);
    assert.equal(one.method, 'get_oauth2_claim');
    assert.deepEqual(one.rows, [{ name: expected[1]!.name, valueType: expected[1]!.valueType }]);
  });

  it('policies and their rules: list and get', async () => {
    const r = await run(`SELECT * FROM ${S}.policies ${where()};`);
    const policies = emu.org.policies(server);
    assert.deepEqual(
      r.rows,
      policies.map((p) => starRow('policies', p)),
    );
    const policyId = policies[policies.length - 1]!.id as string;
    const got = await run(`SELECT id, name FROM ${S}.policies ${where()} AND policyId = '${policyId}';`);
    assert.equal(got.method, 'get_authorization_server_policy');
    assert.equal(got.rows[0]!.id, policyId);

    const rules = emu.org.policyRules(server, policyId);
    assert.ok(rules.length >= 2);
    const lr = await run(`SELECT * FROM ${S}.rules ${where()} AND policyId = '${policyId}';`);
    assert.equal(lr.method, 'list_authorization_server_policy_rules');
    assert.deepEqual(
      lr.rows,
      rules.map((x) => starRow('rules', x)),
    );
    const ruleId = rules[1]!.id as string;
    const gr = await run(
      `SELECT name, status FROM ${S}.rules ${where()} AND policyId = '${policyId}' AND ruleId = '${ruleId}';`,
    );
    assert.equal(gr.method, 'get_authorization_server_policy_rule');
    assert.deepEqual(gr.rows, [{ name: rules[1]!.name, status: rules[1]!.status }]);
  });

  it('keys: list (filtered locally on status) and get', async () => {
    const keys = emu.org.keys(server);
    const r = await run(`SELECT kid, status FROM ${S}.keys ${where()} AND status = 'ACTIVE';`);
    assert.equal(r.method, 'list_authorization_server_keys');
    const active = keys.filter((k) => k.status === 'ACTIVE');
    assert.deepEqual(
      r.rows,
      active.map((k) => ({ kid: k.kid, status: 'ACTIVE' })),
    );
    const all = await run(`SELECT * FROM ${S}.keys ${where()};`);
    assert.deepEqual(
      all.rows,
      keys.map((k) => starRow('keys', k)),
    );
    const kid = keys[2]!.kid as string;
    const one = await run(`SELECT kid, status FROM ${S}.keys ${where()} AND keyId = '${kid}';`);
    assert.equal(one.method, 'get_authorization_server_key');
    assert.deepEqual(one.rows, [{ kid, status: keys[2]!.status }]);
  });

  it('associated_servers: trusted by default, untrusted with trusted = false', async () => {
    const r = await run(`SELECT * FROM ${S}.associated_servers ${where()};`);
    assert.equal(r.method, 'list_associated_servers_by_trusted_type');
    assert.deepEqual(
      r.rows,
      emu.org.associatedServers(server, true).map((x) => starRow('associated_servers', x)),
    );
    const u = await run(`SELECT id FROM ${S}.associated_servers ${where()} AND trusted = 'false';`);
    assert.deepEqual(
      u.rows,
      emu.org.associatedServers(server, false).map((x) => ({ id: x.id })),
    );
    assert.equal(r.rows.length + u.rows.length, emu.org.servers().length - 1);
  });

  it('scopes: list and get by scopeId', async () => {
    const scopes = emu.org.scopes(server);
    const r = await run(`SELECT * FROM ${S}.scopes ${where()};`);
    assert.deepEqual(
      r.rows,
      scopes.map((x) => starRow('scopes', x)),
    );
    const s = scopes[scopes.length - 1]!;
    const one = await run(`SELECT id, name FROM ${S}.scopes ${where()} AND scopeId = '${s.id as string}';`);
    assert.equal(one.method, 'get_oauth2_scope');
    assert.deepEqual(one.rows, [{ id: s.id, name: s.name }]);
  });

  it('authorization_servers, clients and refresh_tokens still list and get what the org holds', async () => {
    const servers = await run(`SELECT id FROM ${S}.authorization_servers WHERE subdomain = 'acme';`);
    assert.deepEqual(
      servers.rows.map((x) => x.id),
      emu.org.servers().map((x) => x.id),
    );
    const one = await run(`SELECT id, name FROM ${S}.authorization_servers ${where()};`);
    assert.equal(one.rows[0]!.id, server);
    const clients = await run(`SELECT client_id FROM ${S}.clients ${where()};`);
    assert.deepEqual(
      clients.rows.map((x) => x.client_id),
      emu.org.clients(server).map((x) => x.clientId),
    );
    const tokens = await run(`SELECT id FROM ${S}.refresh_tokens ${where()} AND clientId = '${clientId}';`);
    assert.deepEqual(
      tokens.rows.map((x) => x.id),
      emu.org.listTokens(server, clientId).map((x) => x.id),
    );
  });

  it('LIMIT stops the listing once it is met; with a local filter the list is read in pages of 200', async () => {
    const all = emu.org.listTokens(server, clientId).map((x) => x.id);
    const tokens = `${S}.refresh_tokens ${where()} AND clientId = '${clientId}'`;
    h.emu.resetStats();
    const first = await run(`SELECT id FROM ${tokens} LIMIT 2;`);
    assert.deepEqual(
      first.rows.map((x) => x.id),
      all.slice(0, 2),
    );
    assert.equal(first.pagesFetched, 1, 'one page of two answers LIMIT 2');
    assert.equal(h.emu.stats().total, 1);
    assert.equal(first.truncated, false);
    assert.deepEqual(first.notes, []);
    // A filter may drop rows of any page, so LIMIT is not the page size: one page of 200 holds all 9.
    h.emu.resetStats();
    const filtered = await run(`SELECT id FROM ${tokens} AND id != 'none' LIMIT 2;`);
    assert.deepEqual(
      filtered.rows.map((x) => x.id),
      all.slice(0, 2),
    );
    assert.equal(filtered.pagesFetched, 1);
    assert.equal(h.emu.stats().total, 1);
  });

  it('a fan-out whose later list fails on its first page keeps the rows of the lists that finished', async () => {
    const [first, second] = emu.org.clients(server).map((x) => x.clientId);
    const failing = `/api/v1/authorizationServers/${server}/clients/${second}/tokens`;
    // The second client's list answers late, then only with 500s: the first list has finished by then.
    const slow = emu.faults.add({ kind: 'latency', ms: 300, path: failing, count: 1 });
    const broken = emu.faults.add({ kind: 'status', status: 500, path: failing, count: Infinity });
    try {
      await assert.rejects(
        run(`SELECT /*+ FANOUT */ id FROM ${S}.refresh_tokens ${where()};`),
        (e: unknown) => {
          assert.ok(e instanceof ListBrokenOffError, String(e));
          assert.deepEqual(
            e.partial.rows.map((x) => x.id).sort(),
            emu.org
              .listTokens(server, first!)
              .map((x) => x.id)
              .sort(),
          );
          assert.match(e.message, /500/);
          return true;
        },
      );
    } finally {
      emu.faults.remove(slow);
      emu.faults.remove(broken);
    }
  });

  it('a fan-out where one server’s client list fails keeps the tokens of every other server', async () => {
    const [a, b, c] = emu.org.servers().map((s) => s.id);
    const broken = emu.faults.add({
      kind: 'status',
      status: 500,
      path: `/api/v1/authorizationServers/${b}/clients`,
      count: Infinity,
    });
    try {
      await assert.rejects(
        run(`SELECT /*+ FANOUT */ id FROM ${S}.refresh_tokens WHERE subdomain = 'acme';`),
        (e: unknown) => {
          assert.ok(e instanceof ListBrokenOffError, String(e));
          const expected = emu.org
            .servers()
            .map((s) => s.id)
            .filter((s) => s !== b)
            .flatMap((s) => emu.org.clients(s).flatMap((cl) => emu.org.listTokens(s, cl.clientId)))
            .map((t) => t.id);
          assert.ok(expected.length > 0 && a && c);
          assert.deepEqual(
            e.partial.rows.map((x) => x.id),
            expected,
            'every other server’s tokens, in server and client order',
          );
          assert.match(e.message, new RegExp(`Listing the clients of ${b} failed`));
          assert.ok(e.partial.notes.some((n) => /incomplete/.test(n)));
          return true;
        },
      );
    } finally {
      emu.faults.remove(broken);
    }
  });

  describe('after', () => {
    const tokensSql = (afterValue: string) =>
      `SELECT id FROM ${S}.refresh_tokens ${where()} AND clientId = '${clientId}' AND limit = '2' AND after = '${afterValue}';`;
    const firstPageCursor = async (): Promise<{ cursor: string; nextUrl: string }> => {
      const page = await client
        .listRefreshTokens(server, clientId, { limit: 2, expandScope: false })
        .firstPage();
      const nextUrl = page.nextUrl!;
      return { cursor: new URL(nextUrl).searchParams.get('after')!, nextUrl };
    };

    it('starts at a bare cursor: the first page’s rows are skipped', async () => {
      const all = emu.org.listTokens(server, clientId).map((x) => x.id);
      const { cursor } = await firstPageCursor();
      const r = await run(tokensSql(cursor));
      assert.deepEqual(
        r.rows.map((x) => x.id),
        all.slice(2),
      );
      // 9 tokens at 2 per page, the first page skipped: 4 pages remain.
      assert.equal(r.pagesFetched, 4);
      assert.deepEqual(r.notes, []);
    });

    it('starts at a whole next link Okta sent', async () => {
      const all = emu.org.listTokens(server, clientId).map((x) => x.id);
      const { nextUrl } = await firstPageCursor();
      const r = await run(tokensSql(nextUrl));
      assert.deepEqual(
        r.rows.map((x) => x.id),
        all.slice(2),
      );
    });

    it('refuses a next link for another list, and a URL without a cursor', async () => {
      const other = emu.org.clients(server)[1]!.clientId;
      const page = await client.listRefreshTokens(server, other, { limit: 2 }).firstPage();
      await assert.rejects(
        run(tokensSql(page.nextUrl!)),
        (e: unknown) =>
          e instanceof QueryExecutionError && /next link for .*but this statement lists/.test(e.message),
      );
      await assert.rejects(
        run(tokensSql(`${emu.url}/api/v1/authorizationServers/${server}/clients/${clientId}/tokens`)),
        (e: unknown) => e instanceof QueryExecutionError && /without an after= cursor/.test(e.message),
      );
    });
  });
});
