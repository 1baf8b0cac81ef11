// The client on users, apps and the System Log against the emulator over real HTTP: a refresh token is
// one object through its server, its user and its app, a revoke through the user path has the same
// outcomes as through the server path, users page with limit and after, and a polling System Log read
// ends at the first page with no events and keeps where to poll next.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  appClientId,
  parseApplication,
  parseLogEvent,
  parseUser,
  userDisplayName,
  type OAuth2RefreshToken,
} from '../../../src/okta';
import { withEmulator, type Harness } from './support';

let h: Harness;
before(async () => {
  h = await withEmulator({ seed: 41, size: 'tiny' });
});
after(async () => h.close());

/** An ACTIVE token with a user, and where it lives. */
async function someToken(): Promise<{ server: string; clientId: string; token: OAuth2RefreshToken }> {
  for (const s of await h.client.listAuthorizationServers().toArray())
    for (const c of await h.client.listClients(s.id).toArray()) {
      const t = (await h.client.listRefreshTokens(s.id, c.client_id).toArray()).find(
        (x) => x.status === 'ACTIVE' && x.userId,
      );
      if (t) return { server: s.id, clientId: c.client_id, token: t };
    }
  throw new Error('no ACTIVE token with a user');
}

async function appIdOf(clientId: string): Promise<string> {
  const app = (await h.client.listApplications().toArray()).find((a) => appClientId(a) === clientId);
  assert.ok(app, `an app whose OAuth client is ${clientId}`);
  return app.id;
}

describe('one refresh token, three paths', () => {
  it('the user path lists the server path’s token of that user, equal field for field', async () => {
    const { server, clientId, token } = await someToken();
    const viaUser = await h.client.listUserRefreshTokens(token.userId!, clientId).toArray();
    assert.deepEqual(
      viaUser.find((t) => t.id === token.id),
      token,
    );
    assert.ok(viaUser.every((t) => t.userId === token.userId));
    assert.deepEqual(await h.client.getUserRefreshToken(token.userId!, clientId, token.id), token);
    assert.deepEqual(await h.client.getRefreshToken(server, clientId, token.id), token);
    const clients = await h.client.listUserClients(token.userId!).toArray();
    assert.ok(clients.some((c) => c.client_id === clientId));
  });

  it('the app path lists it too', async () => {
    const { clientId, token } = await someToken();
    const appId = await appIdOf(clientId);
    const viaApp = await h.client.listAppRefreshTokens(appId).toArray();
    assert.deepEqual(
      viaApp.find((t) => t.id === token.id),
      token,
    );
    assert.deepEqual(await h.client.getAppRefreshToken(appId, token.id), token);
  });

  it('revoked through the user path: revoked, then REVOKED through the server and app paths; again: already-gone', async () => {
    const { server, clientId, token } = await someToken();
    const userId = token.userId!;
    assert.deepEqual(await h.client.revokeUserRefreshToken(userId, clientId, token.id), {
      status: 'revoked',
    });
    assert.equal((await h.client.getRefreshToken(server, clientId, token.id)).status, 'REVOKED');
    assert.equal((await h.client.getAppRefreshToken(await appIdOf(clientId), token.id)).status, 'REVOKED');
    // Okta answers 404 to revoking a revoked token: seen before, it is already gone; unseen, a lookup tells.
    assert.equal(
      (await h.client.revokeUserRefreshToken(userId, clientId, token.id, { seen: true })).status,
      'already-gone',
    );
    assert.equal((await h.client.revokeUserRefreshToken(userId, clientId, token.id)).status, 'already-gone');
  });

  it('a wrong user id is not-found, naming the user path’s ids; an empty one is refused before sending', async () => {
    const { server, clientId, token } = await someToken();
    const o = await h.client.revokeUserRefreshToken('00uNoSuchUser1', clientId, token.id);
    assert.equal(o.status, 'not-found');
    assert.match(o.status === 'not-found' ? o.message : '', /Check the user, client and token ids\./);
    const empty = await h.client.revokeUserRefreshTokens('', clientId);
    assert.equal(empty.status, 'failed');
    assert.equal((await h.client.getRefreshToken(server, clientId, token.id)).status, 'ACTIVE');
  });

  it('revoke-all through the app path revokes the app’s tokens on every server', async () => {
    const { clientId } = await someToken();
    const appId = await appIdOf(clientId);
    assert.deepEqual(await h.client.revokeAppRefreshTokens(appId), { status: 'revoked' });
    const left = (await h.client.listAppRefreshTokens(appId).toArray()).filter((t) => t.status !== 'REVOKED');
    assert.deepEqual(left, []);
  });
});

describe('users and apps', () => {
  it('users page with limit and after, and every page is a User with a name', async () => {
    const all = await h.client.listUsers().toArray();
    assert.ok(all.length > 2);
    const first = await h.client.listUsers({ limit: 2 }).firstPage();
    assert.equal(first.items.length, 2);
    const cursor = new URL(first.nextUrl!).searchParams.get('after')!;
    const rest = await h.client.listUsers({ limit: 200, after: cursor }).toArray();
    assert.deepEqual(
      [...first.items, ...rest].map((u) => u.id),
      all.map((u) => u.id),
    );
    for (const u of all) assert.notEqual(userDisplayName(u), u.id, 'a user is named, not only by id');
  });

  it('q, filter and search find a user; getUser returns the same user', async () => {
    const u = (await h.client.listUsers().toArray())[0]!;
    const login = u.profile.login!;
    assert.ok((await h.client.listUsers({ q: u.profile.firstName! }).toArray()).some((x) => x.id === u.id));
    assert.deepEqual(
      (await h.client.listUsers({ filter: `profile.login eq "${login}"` }).toArray()).map((x) => x.id),
      [u.id],
    );
    assert.deepEqual(
      (await h.client.listUsers({ search: `profile.login eq "${login}"` }).toArray()).map((x) => x.id),
      [u.id],
    );
    assert.equal((await h.client.getUser(u.id)).profile.login, login);
  });

  it('an OIDC app carries its OAuth client settings', async () => {
    const apps = await h.client.listApplications().toArray();
    const oidc = apps.find((a) => a.signOnMode === 'OPENID_CONNECT')!;
    assert.ok(oidc.settings?.oauthClient?.grant_types?.length);
    assert.equal(typeof appClientId(oidc), 'string');
    assert.deepEqual(await h.client.getApplication(oidc.id), oidc);
  });
});

describe('System Log', () => {
  it('a polling read ends at the first page with no events and hands out where to poll next; a revoke shows up there', async () => {
    const since = new Date(Date.now() - 1000).toISOString();
    const list = h.client.listLogEvents({ since });
    const pages = [];
    for await (const page of list.pages({ maxPages: 50 })) pages.push(page);
    const last = pages[pages.length - 1]!;
    assert.equal(last.items.length, 0, 'the read ended at an empty page');
    assert.equal(last.nextUrl, undefined);
    assert.ok(last.pollUrl, 'the empty page’s next link is kept as pollUrl');
    const { clientId, token } = await someToken();
    await h.client.revokeUserRefreshToken(token.userId!, clientId, token.id);
    const later = await list.pageAt(last.pollUrl);
    assert.ok(later.items.some((e) => e.eventType === 'app.oauth2.as.token.revoke'));
  });

  it('a bounded read (since and until) ends where Okta sends no next link', async () => {
    const until = new Date().toISOString();
    const since = new Date(Date.now() - 7 * 24 * 3600_000).toISOString();
    const events = await h.client.listLogEvents({ since, until, limit: 5 }).collect({ maxPages: 1000 });
    assert.equal(events.truncated, false);
    assert.ok(events.items.every((e) => typeof e.uuid === 'string' && Array.isArray(e.target)));
  });
});

describe('tolerant models', () => {
  it('keep every property sent, drop typed ones of the wrong type, require only the id', () => {
    const u = parseUser({
      id: '00u1',
      status: 7,
      profile: { login: 'a@b.c', firstName: null, nickName: 'Al' },
      x: 1,
    });
    assert.equal(u.status, undefined);
    assert.equal(u.profile.nickName, 'Al');
    assert.equal(u.x, 1);
    assert.equal(userDisplayName(u), 'a@b.c');
    assert.deepEqual(parseUser({ id: '00u2', profile: 'nope' }).profile, {});
    assert.throws(() => parseUser({ profile: {} }), /no "id"/);
    const a = parseApplication({
      id: '0oa1',
      credentials: { oauthClient: { client_id: 'abc' } },
      settings: 3,
    });
    assert.equal(appClientId(a), 'abc');
    assert.equal(a.settings, undefined);
    assert.equal(appClientId(parseApplication({ id: '0oa2' })), '0oa2');
    assert.deepEqual(parseLogEvent({ uuid: 'e1', target: 'x' }).target, []);
    assert.throws(() => parseLogEvent({ eventType: 'x' }), /no "uuid"/);
  });
});
