// Users, apps, grants and the System Log: one consistent org, where a token reached through its
// server, its user or its app is the same object, and every revoke is written to the System Log.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../emulator/index';
import { api, apiJson, EPOCH, links, start, tokensPath, type TokenJson } from './helpers';

interface UserJson {
  id: string;
  status: string;
  profile: { login: string; email: string; firstName: string; lastName: string };
}
interface AppJson {
  id: string;
  label: string;
  credentials: { oauthClient: { client_id: string; token_endpoint_auth_method: string } };
  settings: {
    oauthClient: {
      grant_types: string[];
      redirect_uris: string[];
      application_type: string;
      refresh_token: { rotation_type: string; leeway: number };
    };
  };
}
interface LogJson {
  uuid: string;
  eventType: string;
  published: string;
  actor: { id: string; type: string };
  outcome: { result: string; reason?: string };
  target: Array<{ id: string; type: string; detailEntry?: Record<string, unknown> }>;
  transaction: { id: string; detail: Record<string, unknown> };
  client: { id?: string };
}

const SINCE = 'since=2000-01-01T00:00:00.000Z';

/** Follows a polling read's next links until a page comes back empty; returns the events and the last next link. */
async function pollAll(emu: RunningEmulator, first: string): Promise<{ events: LogJson[]; next: string }> {
  const events: LogJson[] = [];
  let url = first;
  for (;;) {
    const { res, body } = await apiJson<LogJson[]>(emu, url);
    assert.equal(res.status, 200);
    const next = links(res).next;
    assert.ok(next, 'a polling read always has a next link, even on an empty page');
    if (body.length === 0) return { events, next };
    events.push(...body);
    url = next;
  }
}

describe('a consistent org: users, apps and grants agree with the servers’ tokens', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await start({ size: 'demo', epochMs: EPOCH });
  });
  after(() => emu.close());

  it('every client holding tokens on a server is an OIDC app with the same client id and name', async () => {
    const { body: apps } = await apiJson<AppJson[]>(emu, '/api/v1/apps?limit=200');
    const byId = new Map(apps.map((a) => [a.id, a]));
    for (const s of emu.org.servers()) {
      for (const c of emu.org.clients(s.id)) {
        const app = byId.get(c.clientId);
        assert.ok(app, `an app for client ${c.clientId}`);
        assert.equal(app.label, c.name);
        assert.equal(app.credentials.oauthClient.client_id, c.clientId);
        const oc = app.settings.oauthClient;
        assert.ok(oc.grant_types.includes('refresh_token') && oc.grant_types.includes('authorization_code'));
        assert.ok(oc.redirect_uris.length > 0);
        assert.ok(['ROTATE', 'STATIC'].includes(oc.refresh_token.rotation_type));
        assert.ok(oc.refresh_token.leeway >= 0 && oc.refresh_token.leeway <= 60);
      }
    }
    // A public client with PKCE and rotation, and a confidential one, are both in the demo org.
    assert.ok(
      apps.some(
        (a) =>
          a.credentials.oauthClient.token_endpoint_auth_method === 'none' &&
          a.settings.oauthClient.refresh_token.rotation_type === 'ROTATE',
      ),
    );
    assert.ok(apps.some((a) => a.credentials.oauthClient.token_endpoint_auth_method !== 'none'));
  });

  it('every token’s user is a user of the org, and the user path lists the same token', async () => {
    const userIds = new Set(emu.org.users().map((u) => u.id));
    const clientId = emu.org.clients('default')[0].clientId;
    const tokens = emu.org.listTokens('default', clientId) as unknown as Array<
      TokenJson & { userId: string }
    >;
    for (const t of tokens) assert.ok(userIds.has(t.userId), t.userId);
    const t = tokens[0];
    const viaUser = await apiJson<TokenJson[]>(
      emu,
      `/api/v1/users/${t.userId}/clients/${clientId}/tokens?limit=200`,
    );
    assert.deepEqual(
      viaUser.body.find((x) => x.id === t.id),
      t,
    );
    const clients = await apiJson<Array<{ client_id: string }>>(emu, `/api/v1/users/${t.userId}/clients`);
    assert.ok(clients.body.some((c) => c.client_id === clientId));
  });

  it('a user’s grants name scopes their tokens carry, on the token’s server and app', async () => {
    const withGrants = emu.org.users().find((u) => emu.org.userGrants(u.id).length > 0);
    assert.ok(withGrants);
    const { body } = await apiJson<
      Array<{ clientId: string; issuer: string; scopeId: string; userId: string }>
    >(emu, `/api/v1/users/${withGrants.id}/grants?limit=200`);
    const tokens = emu.org.userTokens(withGrants.id) as unknown as Array<TokenJson & { issuer: string }>;
    for (const g of body) {
      assert.equal(g.userId, withGrants.id);
      const server = emu.org.servers().find((s) => g.issuer.endsWith(`/oauth2/${s.id}`));
      assert.ok(server);
      const scope = emu.org.scopes(server.id).find((s) => s.id === g.scopeId) as { name: string };
      assert.ok(
        tokens.some(
          (t) => t.clientId === g.clientId && t.issuer === g.issuer && t.scopes.includes(scope.name),
        ),
        `a token of ${g.clientId} on ${server.id} carries ${scope.name}`,
      );
    }
  });

  it('users: q starts-with on names and email (not login, no DEPROVISIONED, 10 by default, no next link)', async () => {
    const deprovisioned = emu.org.users().find((u) => u.status === 'DEPROVISIONED');
    assert.ok(deprovisioned);
    const plain = await apiJson<UserJson[]>(emu, '/api/v1/users');
    assert.ok(!plain.body.some((u) => u.id === deprovisioned.id), 'no parameters: DEPROVISIONED left out');
    const first = deprovisioned.name.split(' ')[0];
    const q = await apiJson<UserJson[]>(emu, `/api/v1/users?q=${encodeURIComponent(first.toLowerCase())}`);
    assert.ok(q.body.length > 0 && q.body.length <= 10);
    assert.ok(q.body.every((u) => u.status !== 'DEPROVISIONED'));
    assert.ok(
      q.body.every((u) =>
        [u.profile.firstName, u.profile.lastName, u.profile.email].some((v) =>
          v.toLowerCase().startsWith(first.toLowerCase()),
        ),
      ),
    );
    assert.equal(links(q.res).next, undefined);
    // The letter most users' first name, last name or email start with.
    const listed = emu.org.users().filter((u) => u.status !== 'DEPROVISIONED');
    const starts = (u: { name: string; email: string }, c: string): boolean => {
      const [firstName, ...rest] = u.name.toLowerCase().split(' ');
      return [firstName, rest.join(' '), u.email].some((v) => v.startsWith(c));
    };
    const letter = [...'abcdefghijklmnopqrstuvwxyz'].reduce((best, c) =>
      listed.filter((u) => starts(u, c)).length > listed.filter((u) => starts(u, best)).length ? c : best,
    );
    const expected = listed.filter((u) => starts(u, letter)).length;
    assert.ok(expected > 3, `${expected} users start with ${letter}`);
    assert.equal(
      (await apiJson<UserJson[]>(emu, `/api/v1/users?q=${letter}`)).body.length,
      Math.min(expected, 10),
    );
    const three = await apiJson<UserJson[]>(emu, `/api/v1/users?q=${letter}&limit=3`);
    assert.equal(three.body.length, 3);
    assert.equal(links(three.res).next, undefined, 'q does not page');
    const everyone = await apiJson<UserJson[]>(emu, `/api/v1/users?q=${letter}&limit=200`);
    assert.equal(everyone.body.length, expected, 'limit raises the q cap');
  });

  it('users: filter is eq-only and exact; search takes co on names ignoring case and pages with after', async () => {
    const f = await apiJson<UserJson[]>(
      emu,
      `/api/v1/users?filter=${encodeURIComponent('status eq "LOCKED_OUT"')}`,
    );
    assert.ok(f.body.length > 0 && f.body.every((u) => u.status === 'LOCKED_OUT'));
    const dep = await apiJson<UserJson[]>(
      emu,
      `/api/v1/users?filter=${encodeURIComponent('status eq "DEPROVISIONED"')}`,
    );
    assert.equal(dep.body.length, 1, 'filter includes DEPROVISIONED users');
    const lower = await apiJson<UserJson[]>(
      emu,
      `/api/v1/users?filter=${encodeURIComponent('status eq "locked_out"')}`,
    );
    assert.equal(lower.body.length, 0, 'filter values are case-sensitive');
    const ne = await apiJson<{ errorCode: string }>(
      emu,
      `/api/v1/users?filter=${encodeURIComponent('status ne "ACTIVE"')}`,
    );
    assert.equal(ne.res.status, 400);
    assert.equal(ne.body.errorCode, 'E0000031');
    const search = `/api/v1/users?search=${encodeURIComponent('profile.lastName co "O"')}&limit=2`;
    const page1 = await apiJson<UserJson[]>(emu, search);
    assert.equal(page1.body.length, 2);
    assert.ok(page1.body.every((u) => u.profile.lastName.toLowerCase().includes('o')));
    const next = links(page1.res).next;
    assert.ok(next);
    const page2 = await apiJson<UserJson[]>(emu, next);
    assert.ok(!page2.body.some((u) => page1.body.some((p) => p.id === u.id)));
    const login = emu.org.users()[0].login;
    const byLogin = await apiJson<UserJson>(emu, `/api/v1/users/${encodeURIComponent(login)}`);
    assert.equal(byLogin.body.profile.login, login);
    const me = await apiJson<UserJson>(emu, '/api/v1/users/me');
    assert.equal(me.body.id, emu.org.admin().id);
  });

  it('apps: q matches the label’s start, filter takes one eq, limit defaults to 20', async () => {
    const name = emu.org.clients('default')[0].name;
    const q = await apiJson<AppJson[]>(emu, `/api/v1/apps?q=${encodeURIComponent(name.slice(0, 4))}`);
    assert.ok(q.body.some((a) => a.label === name));
    assert.ok(q.body.every((a) => a.label.toLowerCase().startsWith(name.slice(0, 4).toLowerCase())));
    const userId = (
      emu.org.listTokens('default', emu.org.clients('default')[0].clientId)[0] as { userId: string }
    ).userId;
    const f = await apiJson<AppJson[]>(
      emu,
      `/api/v1/apps?filter=${encodeURIComponent(`user.id eq "${userId}"`)}`,
    );
    assert.ok(f.body.length > 0);
    const two = await api(
      emu,
      `/api/v1/apps?filter=${encodeURIComponent('status eq "ACTIVE" and name eq "x"')}`,
    );
    assert.equal(two.status, 400);
  });

  it('OAuth callers need the scope of the resource family (okta.users.read for users, okta.logs.read for logs)', async () => {
    const token = emu.mintAccessToken({
      clientId: '0oaService',
      scopes: ['okta.authorizationServers.read'],
      expiresAt: Date.now() + 3600_000,
    });
    const headers = { authorization: `Bearer ${token}` };
    assert.equal((await api(emu, '/api/v1/authorizationServers', { headers })).status, 200);
    const users = await api(emu, '/api/v1/users', { headers });
    assert.equal(users.status, 403);
    assert.match(users.headers.get('www-authenticate') ?? '', /scope="okta\.users\.read"/);
    const logs = await api(emu, '/api/v1/logs', { headers });
    assert.match(logs.headers.get('www-authenticate') ?? '', /scope="okta\.logs\.read"/);
  });
});

describe('a token is one object on every path, and revokes are logged', () => {
  let emu: RunningEmulator;
  let clientId: string;
  before(async () => {
    emu = await start({ size: 'demo', epochMs: EPOCH });
    clientId = emu.org.clients('default')[0].clientId;
  });
  after(() => emu.close());

  function activeToken(serverId = 'default'): TokenJson & { userId: string } {
    const t = (
      emu.org.listTokens(serverId, clientId) as unknown as Array<TokenJson & { userId: string }>
    ).find((x) => x.status === 'ACTIVE');
    assert.ok(t);
    return t;
  }

  it('revoked through the user path, the token shows REVOKED through its server and its app, and in the System Log', async () => {
    const { next: start } = await pollAll(emu, `/api/v1/logs?${SINCE}&limit=1000`);
    const t = activeToken();
    const res = await api(emu, `/api/v1/users/${t.userId}/clients/${clientId}/tokens/${t.id}`, {
      method: 'DELETE',
    });
    assert.equal(res.status, 204);
    const requestId = res.headers.get('x-okta-request-id');
    const viaServer = await apiJson<TokenJson>(emu, `${tokensPath('default', clientId)}/${t.id}`);
    assert.equal(viaServer.body.status, 'REVOKED');
    const viaApp = await apiJson<TokenJson>(emu, `/api/v1/apps/${clientId}/tokens/${t.id}`);
    assert.equal(viaApp.body.status, 'REVOKED');
    assert.equal(viaApp.body.lastUpdated, viaServer.body.lastUpdated);
    const again = await api(emu, `${tokensPath('default', clientId)}/${t.id}`, { method: 'DELETE' });
    assert.equal(again.status, 404, 'already revoked, whichever path revoked it');

    // The same next link the earlier read ended with finds the new event.
    const { events } = await pollAll(emu, start);
    assert.equal(events.length, 1);
    const e = events[0];
    assert.equal(e.eventType, 'app.oauth2.as.token.revoke');
    assert.equal(e.outcome.result, 'SUCCESS');
    assert.equal(e.transaction.id, requestId);
    assert.equal(e.actor.id, emu.org.admin().id);
    assert.ok(e.transaction.detail.requestApiTokenId);
    assert.deepEqual(
      e.target.map((x) => x.type),
      ['User', 'AppInstance', 'AuthorizationServer', 'refresh_token'],
    );
    assert.equal(e.target[0].id, t.userId);
    assert.equal(e.target[1].id, clientId);
    assert.equal(e.target[2].id, 'default');
    // Only the request's URI (debugData) holds the token's id; no target names it (Okta documents hashes only).
    assert.ok(!JSON.stringify(e.target).includes(t.id), 'no target names the refresh token’s id');
  });

  it('revoked through the app path, the user and server paths show it REVOKED', async () => {
    const t = activeToken();
    assert.equal(
      (await api(emu, `/api/v1/apps/${clientId}/tokens/${t.id}`, { method: 'DELETE' })).status,
      204,
    );
    const viaUser = await apiJson<TokenJson>(
      emu,
      `/api/v1/users/${t.userId}/clients/${clientId}/tokens/${t.id}`,
    );
    assert.equal(viaUser.body.status, 'REVOKED');
    const list = await apiJson<TokenJson[]>(emu, `${tokensPath('default', clientId)}?limit=200`);
    assert.equal(list.body.find((x) => x.id === t.id)?.status, 'REVOKED');
  });

  it('revoking all of a user’s tokens for a client revokes them on every server, leaves others alone, and logs one event with the count', async () => {
    const t = activeToken();
    const mine = emu.org.userTokens(t.userId, clientId) as unknown as TokenJson[];
    const active = mine.filter((x) => x.status === 'ACTIVE').length;
    const others = (emu.org.appTokens(clientId) as unknown as Array<TokenJson & { userId: string }>).filter(
      (x) => x.userId !== t.userId,
    );
    const { next: start } = await pollAll(emu, `/api/v1/logs?${SINCE}&limit=1000`);
    const res = await api(emu, `/api/v1/users/${t.userId}/clients/${clientId}/tokens`, { method: 'DELETE' });
    assert.equal(res.status, 204);
    assert.ok(
      (emu.org.userTokens(t.userId, clientId) as unknown as TokenJson[]).every((x) => x.status === 'REVOKED'),
    );
    const othersAfter = (
      emu.org.appTokens(clientId) as unknown as Array<TokenJson & { userId: string }>
    ).filter((x) => x.userId !== t.userId);
    assert.deepEqual(othersAfter, others);
    const { events } = await pollAll(emu, start);
    assert.equal(events.length, 1);
    assert.equal(
      events[0].target.find((x) => x.detailEntry && 'TokenCount' in x.detailEntry)?.detailEntry?.TokenCount,
      active,
    );
  });
});

describe('the System Log', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await start({ size: 'tiny', epochMs: EPOCH });
  });
  after(() => emu.close());

  it('polling: every page has a next link, and reading ends at the first empty page', async () => {
    const { events, next } = await pollAll(emu, `/api/v1/logs?${SINCE}&limit=7`);
    assert.equal(events.length, emu.org.logEvents().length);
    assert.ok(!next.includes('since='), 'the next link leaves since out');
    const uuids = new Set(events.map((e) => e.uuid));
    assert.equal(uuids.size, events.length, 'no event read twice');
  });

  it('a bounded read (since and until) ends with no next link, in published order either way', async () => {
    const until = new Date(EPOCH).toISOString();
    const asc = await pollAllBounded(`/api/v1/logs?${SINCE}&until=${until}&limit=9`);
    assert.ok(asc.length > 0);
    const times = asc.map((e) => Date.parse(e.published));
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
    const desc = await pollAllBounded(`/api/v1/logs?${SINCE}&until=${until}&limit=9&sortOrder=DESCENDING`);
    const descTimes = desc.map((e) => Date.parse(e.published));
    assert.deepEqual(
      descTimes,
      [...times].sort((a, b) => b - a),
    );
    assert.deepEqual(new Set(desc.map((e) => e.uuid)), new Set(asc.map((e) => e.uuid)));
  });

  async function pollAllBounded(first: string): Promise<LogJson[]> {
    const out: LogJson[] = [];
    let url: string | undefined = first;
    while (url) {
      const page: { res: Response; body: LogJson[] } = await apiJson<LogJson[]>(emu, url);
      assert.equal(page.res.status, 200);
      out.push(...page.body);
      url = links(page.res).next;
    }
    return out;
  }

  it('filter, q and the default seven-day window select events', async () => {
    const failed = await apiJson<LogJson[]>(
      emu,
      `/api/v1/logs?${SINCE}&limit=1000&filter=${encodeURIComponent('eventType eq "app.oauth2.as.token.grant" and outcome.reason eq "invalid_refresh_token"')}`,
    );
    assert.ok(failed.body.length > 0);
    assert.ok(
      failed.body.every((e) => e.eventType === 'app.oauth2.as.token.grant' && e.outcome.result === 'FAILURE'),
    );
    const user = (failed.body[0].target.find((x) => x.type === 'User') as { id: string }).id;
    const byTarget = await apiJson<LogJson[]>(
      emu,
      `/api/v1/logs?${SINCE}&limit=1000&filter=${encodeURIComponent(`target.id eq "${user}"`)}`,
    );
    assert.ok(byTarget.body.length >= failed.body.filter((e) => e.target.some((x) => x.id === user)).length);
    assert.ok(byTarget.body.every((e) => e.target.some((x) => x.id === user)));
    const q = await apiJson<LogJson[]>(emu, `/api/v1/logs?${SINCE}&limit=1000&q=${user}%20revoke`);
    assert.ok(q.body.every((e) => e.target.some((x) => x.id === user) && e.eventType.includes('revoke')));
    // The history ends at the org's epoch (January 2026 here); a read with no since looks back 7 days from now.
    const recent = await apiJson<LogJson[]>(emu, '/api/v1/logs');
    assert.ok(recent.body.every((e) => Date.parse(e.published) >= Date.now() - 7 * 24 * 3600_000));
  });

  it('follows the emulator clock: an event written after the clock moved on is the newest one', async () => {
    emu.clock.advance(8 * 24 * 3600_000);
    const clientId = emu.org.clients('default')[0].clientId;
    const res = await api(emu, tokensPath('default', clientId), { method: 'DELETE' });
    assert.equal(res.status, 204);
    const { body } = await apiJson<LogJson[]>(emu, '/api/v1/logs?sortOrder=DESCENDING&limit=1');
    assert.equal(body.length, 1);
    assert.equal(body[0].transaction.id, res.headers.get('x-okta-request-id'));
    assert.ok(Date.parse(body[0].published) > Date.now() + 7 * 24 * 3600_000, 'published in emulator time');
  });

  it('refuses a bad filter, a bad sortOrder, and a limit that is not a number', async () => {
    for (const bad of [
      'filter=published%20gt%20%222026-01-01T00%3A00%3A00Z%22',
      'filter=eventType%20eq',
      'sortOrder=UP',
      'limit=ten',
    ]) {
      const res = await api(emu, `/api/v1/logs?${bad}`);
      assert.equal(res.status, 400, bad);
    }
  });
});
