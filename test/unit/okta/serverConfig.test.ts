// The client's read methods for what hangs off an authorization server besides tokens (claims,
// policies and rules, signing keys, associated servers, one scope), against the real emulator:
// the records must equal the emulator's own data, `_links` included, and failures must be OktaErrors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OktaError } from '../../../src/okta';
import { withEmulator, type Harness } from './support';

describe('client reads of claims, policies, rules, keys, associated servers and scopes', () => {
  let h: Harness;
  let serverId: string;
  before(async () => {
    h = await withEmulator({
      size: { servers: 5, clientsPerServer: 2, tokensPerClient: 1, scopesPerServer: 3, users: 3 },
    });
    serverId = h.emu.org.servers()[1]!.id;
  });
  after(() => h.close());

  it('lists claims as Okta sends them and gets one by id', async () => {
    const claims = await h.client.listClaims(serverId).toArray();
    assert.deepEqual(claims, h.emu.org.claims(serverId));
    assert.ok(claims.every((c) => typeof (c._links as { self?: unknown }).self === 'object'));
    const one = await h.client.getClaim(serverId, claims[2]!.id as string);
    assert.deepEqual(one, claims[2]);
  });

  it('lists policies, their rules, and gets each one', async () => {
    const policies = await h.client.listPolicies(serverId).toArray();
    assert.deepEqual(policies, h.emu.org.policies(serverId));
    for (const p of policies) {
      const id = p.id as string;
      assert.deepEqual(await h.client.getPolicy(serverId, id), p);
      const rules = await h.client.listPolicyRules(serverId, id).toArray();
      assert.deepEqual(rules, h.emu.org.policyRules(serverId, id));
      assert.ok(rules.length > 0);
      assert.deepEqual(await h.client.getPolicyRule(serverId, id, rules[0]!.id as string), rules[0]);
    }
  });

  it('lists the signing keys with the server’s current kid ACTIVE, and gets one', async () => {
    const keys = await h.client.listKeys(serverId).toArray();
    assert.deepEqual(keys, h.emu.org.keys(serverId));
    const server = await h.client.getAuthorizationServer(serverId);
    const active = keys.find((k) => k.status === 'ACTIVE');
    assert.equal(active?.kid, server.credentials?.signing?.kid);
    assert.deepEqual(await h.client.getKey(serverId, keys[1]!.kid as string), keys[1]);
  });

  it('lists associated servers, trusted by default and untrusted on request', async () => {
    const trusted = await h.client.listAssociatedServers(serverId).toArray();
    assert.deepEqual(trusted, h.emu.org.associatedServers(serverId, true));
    const untrusted = await h.client.listAssociatedServers(serverId, { trusted: false }).toArray();
    assert.deepEqual(untrusted, h.emu.org.associatedServers(serverId, false));
    assert.equal(trusted.length + untrusted.length, 4);
    const explicit = await h.client.listAssociatedServers(serverId, { trusted: true }).toArray();
    assert.deepEqual(explicit, trusted);
  });

  it('pages associated servers through Link headers and starts at a given after cursor', async () => {
    const all = await h.client.listAssociatedServers(serverId, { trusted: false }).toArray();
    const list = h.client.listAssociatedServers(serverId, { trusted: false, limit: 1 });
    const paged = await list.collect();
    // One server per page, and no empty page after the last one.
    assert.equal(paged.pages, all.length);
    assert.deepEqual(paged.items, all);
    const first = await list.firstPage();
    const cursor = new URL(first.nextUrl!).searchParams.get('after')!;
    const rest = await h.client
      .listAssociatedServers(serverId, { trusted: false, limit: 1, after: cursor })
      .toArray();
    assert.deepEqual(rest, all.slice(1));
  });

  it('gets one scope by id', async () => {
    const scopes = await h.client.listScopes(serverId).toArray();
    const s = scopes[scopes.length - 1]!;
    const one = await h.client.getScope(serverId, s.id!);
    assert.deepEqual(one, s);
  });

  it('reports an unknown policy or key as an OktaError 404 that names the call', async () => {
    await assert.rejects(h.client.listPolicyRules(serverId, '00pNOPE').toArray(), (e: unknown) => {
      assert.ok(e instanceof OktaError);
      assert.equal(e.status, 404);
      assert.match(e.message, /policies\/00pNOPE\/rules/);
      return true;
    });
    await assert.rejects(
      h.client.getKey(serverId, 'NOPE'),
      (e: unknown) => e instanceof OktaError && e.status === 404,
    );
  });
});
