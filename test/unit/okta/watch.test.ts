// The watch engine: against the emulator over real HTTP, a token revoked through the Management API
// while a watch runs is reported as revoked by an admin with the System Log event that shows it (client
// and user watches); with a scripted org and a simulated clock, rotations are linked old → new, the
// watch never sends more than its share of the bucket in any window (stretching its interval when the
// share demands it), pause sends nothing until resume, and the export holds what was seen.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import {
  PagedList,
  parseRefreshToken,
  type LogEvent,
  type OAuth2Client,
  type OAuth2RefreshToken,
} from '../../../src/okta';
import { WatchSession, type WatchClient, type WatchEvent } from '../../../src/okta/watch/session';
import { withEmulator, type Harness } from './support';

describe('a watch against the emulator', () => {
  let h: Harness;
  before(async () => {
    h = await withEmulator({ seed: 13, size: 'tiny' });
  });
  after(async () => h.close());

  async function activeToken(): Promise<{ server: string; clientId: string; token: OAuth2RefreshToken }> {
    for (const s of await h.client.listAuthorizationServers().toArray())
      for (const c of await h.client.listClients(s.id).toArray()) {
        const t = (await h.client.listRefreshTokens(s.id, c.client_id).toArray()).find(
          (x) => x.status === 'ACTIVE' && x.userId,
        );
        if (t) return { server: s.id, clientId: c.client_id, token: t };
      }
    throw new Error('no ACTIVE token');
  }

  it('reports a token an admin revokes through the Management API as revoked by an admin, with the log event', async () => {
    const { server, clientId, token } = await activeToken();
    const w = new WatchSession(h.client, { kind: 'client', authServerId: server, clientId });
    await w.pollOnce();
    assert.equal(w.events[0]?.type, 'started');
    const outcome = await h.client.revokeRefreshToken(server, clientId, token.id, { seen: true });
    assert.equal(outcome.status, 'revoked');
    await w.pollOnce();
    const revoked = w.events.find(
      (e): e is Extract<WatchEvent, { type: 'token-revoked' }> => e.type === 'token-revoked',
    );
    assert.ok(revoked, JSON.stringify(w.events));
    assert.equal(revoked.token.id, token.id);
    assert.equal(revoked.cause, 'admin');
    assert.equal(revoked.evidence?.eventType, 'app.oauth2.as.token.revoke');
    const log = w.events.find((e) => e.type === 'log');
    assert.ok(log && log.type === 'log' && log.entry.kind === 'revoked' && log.entry.revokedBy === 'admin');
    // Nothing from before the watch began: the seeded history is older.
    assert.equal(w.events.filter((e) => e.type === 'log').length, 1);
    w.stop();
    assert.equal(w.summary().revoked.admin, 1);
  });

  it("a user watch sees the user's tokens for every client, and a revoke-all through the user path", async () => {
    const { clientId, token } = await activeToken();
    const userId = token.userId!;
    const w = new WatchSession(h.client, { kind: 'user', userId });
    await w.pollOnce();
    const before = w.status().tokens;
    assert.ok(before >= 1);
    const outcome = await h.client.revokeUserRefreshTokens(userId, clientId, { seen: true });
    assert.equal(outcome.status, 'revoked');
    await w.pollOnce();
    const revoked = w.events.filter((e) => e.type === 'token-revoked');
    assert.ok(revoked.length >= 1, JSON.stringify(w.events));
    for (const e of revoked) assert.ok(e.type === 'token-revoked' && e.cause === 'admin');
    w.stop();
  });
});

/** A scripted org: token lists and log pages that change as the test says, behind the watch's calls. */
class ScriptedOrg implements WatchClient {
  tokens: OAuth2RefreshToken[] = [];
  events: LogEvent[] = [];
  requests: number[] = [];
  private logPos = 0;
  constructor(
    private readonly clock: { now: number },
    private readonly limit = 100,
  ) {}
  private list<T>(page: () => { items: T[]; nextUrl?: string; pollUrl?: string }): PagedList<T> {
    const origin = new URL('https://acme.okta.com');
    const fetch = async () => {
      this.requests.push(this.clock.now);
      return page();
    };
    return new PagedList<T>(origin, { first: fetch, at: fetch });
  }
  listTokensAt(): PagedList<OAuth2RefreshToken> {
    return this.list(() => ({ items: this.tokens.map((t) => ({ ...t })) }));
  }
  listUserClients(): PagedList<OAuth2Client> {
    return this.list(() => ({ items: [] }));
  }
  listLogEvents(): PagedList<LogEvent> {
    return this.list(() => {
      const items = this.events.slice(this.logPos);
      this.logPos = this.events.length;
      return items.length
        ? { items, nextUrl: 'https://acme.okta.com/api/v1/logs?after=x' }
        : { items, pollUrl: 'https://acme.okta.com/api/v1/logs?after=x' };
    });
  }
  rateLimits() {
    return { authorizationservers: { limit: this.limit }, logs: { limit: this.limit } };
  }
}

function rt(id: string, created: string, o: Record<string, unknown> = {}): OAuth2RefreshToken {
  return parseRefreshToken({
    id,
    status: 'ACTIVE',
    created,
    lastUpdated: created,
    expiresAt: '2026-12-31T00:00:00.000Z',
    clientId: '0oaSPA',
    userId: '00uK',
    scopes: ['offline_access'],
    _links: {},
    ...o,
  });
}

function simulated(start = Date.parse('2026-12-01T10:00:00.000Z')) {
  const clock = { now: start };
  return {
    clock,
    now: () => clock.now,
    // Time passes at once, but each wait yields to the event loop as a real one would.
    sleep: async (ms: number) => {
      clock.now += ms;
      await new Promise((r) => setImmediate(r));
    },
  };
}

describe('a watch with a simulated clock', () => {
  it('links a rotated token to the one it replaced, and calls the old one revoked by rotation', async () => {
    const sim = simulated();
    const org = new ScriptedOrg(sim.clock);
    org.tokens = [rt('oar1', '2026-12-01T09:00:00.000Z')];
    const w = new WatchSession(org, { kind: 'client', authServerId: 'default', clientId: '0oaSPA' }, sim);
    await w.pollOnce();
    sim.clock.now += 5000;
    org.tokens = [
      rt('oar1', '2026-12-01T09:00:00.000Z', { status: 'REVOKED', lastUpdated: '2026-12-01T10:00:04.000Z' }),
      rt('oar2', '2026-12-01T10:00:04.000Z'),
    ];
    await w.pollOnce();
    const kinds = w.events.map((e) =>
      e.type === 'token-new'
        ? `new ${e.token.id} from ${e.rotatedFrom}`
        : e.type === 'token-revoked'
          ? `revoked ${e.token.id} by ${e.cause} → ${e.rotatedTo}`
          : e.type,
    );
    assert.deepEqual(kinds, ['started', 'new oar2 from oar1', 'revoked oar1 by rotation → oar2']);
    assert.equal(w.summary().rotations, 1);
  });

  it('never sends more than its share of the bucket in any window, and says the interval it really runs at', async () => {
    const sim = simulated();
    const org = new ScriptedOrg(sim.clock, 100);
    const w = new WatchSession(
      org,
      { kind: 'client', authServerId: 'default', clientId: '0oaSPA' },
      {
        ...sim,
        intervalMs: 250,
        share: 0.1,
      },
    );
    const end = sim.clock.now + 5 * 60_000;
    const poll = w.pollOnce.bind(w);
    w.pollOnce = async () => {
      if (sim.clock.now >= end) w.stop();
      return poll();
    };
    await w.run();
    assert.ok(org.requests.length > 20, `it kept polling (${org.requests.length} requests)`);
    for (const t of org.requests) {
      const inWindow = org.requests.filter((x) => x > t - 60_000 && x <= t).length;
      assert.ok(inWindow <= 10, `${inWindow} requests in the minute ending at ${t - org.requests[0]!} ms`);
    }
    const s = w.status();
    assert.equal(s.allowance, 10);
    assert.equal(s.intervalMs, 250);
    assert.equal(s.effectiveIntervalMs, 12_000, '2 requests a poll at 10 a minute: every 12 s');
  });

  it('sends nothing while paused; resume polls again', async () => {
    const sim = simulated();
    const org = new ScriptedOrg(sim.clock);
    const w = new WatchSession(
      org,
      { kind: 'client', authServerId: 'default', clientId: '0oaSPA' },
      {
        ...sim,
        intervalMs: 1000,
      },
    );
    await w.pollOnce();
    w.pause();
    const sent = org.requests.length;
    const running = w.run();
    // Paused: the loop waits without a request however long it is left.
    await new Promise((r) => setImmediate(r));
    sim.clock.now += 60_000;
    await new Promise((r) => setImmediate(r));
    assert.equal(org.requests.length, sent);
    assert.equal(w.status().state, 'paused');
    const resumed = new Promise<void>((resolve) =>
      w.onEvent((e) => {
        if (e.type === 'resumed') resolve();
      }),
    );
    w.resume();
    await resumed;
    while (org.requests.length === sent) await new Promise((r) => setImmediate(r));
    w.stop();
    await running;
    assert.ok(org.requests.length > sent);
    assert.deepEqual(
      w.events.map((e) => e.type).filter((t) => t !== 'log'),
      ['started', 'paused', 'resumed', 'stopped'],
    );
  });

  it('exports what it saw as JSON, marks included, with no token value', async () => {
    const sim = simulated();
    const org = new ScriptedOrg(sim.clock);
    org.tokens = [rt('oar1', '2026-12-01T09:00:00.000Z')];
    const w = new WatchSession(org, { kind: 'client', authServerId: 'default', clientId: '0oaSPA' }, sim);
    await w.pollOnce();
    w.mark('start of test');
    const x = JSON.parse(JSON.stringify(w.export()));
    assert.equal(x.format, 'okta-token-explorer.watch/1');
    assert.deepEqual(x.target, { kind: 'client', authServerId: 'default', clientId: '0oaSPA' });
    assert.deepEqual(
      x.events.map((e: WatchEvent) => e.type),
      ['started', 'mark'],
    );
    assert.equal(x.events[1].label, 'start of test');
    assert.equal(x.summary.marks, 1);
    assert.deepEqual(
      x.tokens.map((t: { id: string }) => t.id),
      ['oar1'],
    );
  });
});

/** A public client app of the emulator's demo org, as its Apps API body has it. */
interface SpaJson {
  id: string;
  credentials: { oauthClient: { token_endpoint_auth_method: string } };
  settings: {
    oauthClient: { redirect_uris: string[]; refresh_token?: { rotation_type: string; leeway: number } };
  };
}

describe('a watch while an app signs in, rotates and reuses a refresh token (emulator as authorization server)', () => {
  let h: Harness;
  let spa: SpaJson;
  let login: string;
  before(async () => {
    h = await withEmulator({ seed: 7, size: 'demo' });
    const a = (h.emu.org.apps() as unknown as SpaJson[]).find(
      (x) =>
        x.credentials.oauthClient.token_endpoint_auth_method === 'none' &&
        x.settings.oauthClient.refresh_token?.rotation_type === 'ROTATE' &&
        (x.settings.oauthClient.refresh_token?.leeway ?? 0) > 0,
    );
    assert.ok(a, 'the demo org has a rotating public client');
    spa = a;
    const u = h.emu.org.users().find((x) => x.status === 'ACTIVE');
    assert.ok(u);
    login = u.login;
  });
  after(async () => h.close());

  const issuer = () => `${h.emu.url}/oauth2/default`;

  async function token(
    params: Record<string, string>,
  ): Promise<{ status: number; body: Record<string, string> }> {
    const form = new URLSearchParams({ ...params, client_id: spa.id });
    const res = await fetch(`${issuer()}/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  }

  /** Authorization code + PKCE, the user signed in by login_hint; returns the refresh token. */
  async function signIn(): Promise<string> {
    const verifier = randomBytes(32).toString('base64url');
    const redirectUri = spa.settings.oauthClient.redirect_uris[0]!;
    const q = new URLSearchParams({
      client_id: spa.id,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid offline_access',
      state: 'state1',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      login_hint: login,
    });
    const res = await fetch(`${issuer()}/v1/authorize?${q}`, { redirect: 'manual' });
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code');
    assert.ok(code, 'a code');
    const t = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
    assert.equal(t.status, 200, JSON.stringify(t.body));
    return t.body.refresh_token!;
  }

  it('shows the sign-in, the rotation old → new, then the reuse: the chain revoked by reuse detection and the failed refresh with its reason', async () => {
    const w = new WatchSession(h.client, { kind: 'client', authServerId: 'default', clientId: spa.id });
    await w.pollOnce();
    const rt1 = await signIn();
    await w.pollOnce();
    const signedIn = w.events.find((e) => e.type === 'token-new');
    assert.ok(
      signedIn && signedIn.type === 'token-new' && !signedIn.rotatedFrom,
      'a new token, not a rotation',
    );
    const first = signedIn.token.id;
    // The code exchange granted three tokens in one request: one line, naming them.
    const grants = w.events.filter((e) => e.type === 'log' && e.entry.kind === 'sign-in');
    assert.equal(grants.length, 1, JSON.stringify(grants));
    assert.ok(grants[0]!.type === 'log');
    assert.deepEqual([...(grants[0]!.tokenTypes ?? [])].sort(), [
      'access_token',
      'id_token',
      'refresh_token',
    ]);

    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: rt1 });
    assert.equal(refreshed.status, 200);
    await w.pollOnce();
    const rotated = w.events.find((e) => e.type === 'token-new' && e.rotatedFrom === first);
    assert.ok(rotated && rotated.type === 'token-new', JSON.stringify(w.events.map((e) => e.type)));
    const second = rotated.token.id;
    const old = w.events.find((e) => e.type === 'token-revoked' && e.token.id === first);
    assert.ok(old && old.type === 'token-revoked');
    assert.equal(old.cause, 'rotation');
    assert.equal(old.rotatedTo, second);

    // The app (a second tab) uses the first token again after the leeway.
    h.emu.clock.advance((spa.settings.oauthClient.refresh_token!.leeway + 1) * 1000);
    const reuse = await token({ grant_type: 'refresh_token', refresh_token: rt1 });
    assert.equal(reuse.status, 400);
    assert.equal(reuse.body.error, 'invalid_grant');
    await w.pollOnce();
    const killed = w.events.find((e) => e.type === 'token-revoked' && e.token.id === second);
    assert.ok(killed && killed.type === 'token-revoked', JSON.stringify(w.events, null, 1));
    assert.equal(killed.cause, 'reuse');
    assert.equal(killed.evidence?.eventType, 'app.oauth2.as.token.detect_reuse');
    const logKinds = w.events.flatMap((e) => (e.type === 'log' ? [e.entry.kind] : []));
    assert.ok(logKinds.includes('reuse-detected'));
    const failed = w.events.find((e) => e.type === 'log' && e.entry.kind === 'refresh-failed');
    assert.ok(failed && failed.type === 'log');
    assert.equal(failed.entry.reason, 'invalid_refresh_token');
    assert.match(failed.explanation ?? '', /rotated out/);
    assert.deepEqual(
      w.chains().map((c) => c.map((t) => t.id)),
      [[first, second]],
    );
    const s = w.summary();
    assert.deepEqual(
      [s.rotations, s.revoked.rotation, s.revoked.reuse, s.reuseDetections, s.failedRefreshes],
      [1, 1, 1, 1, 1],
    );
    w.stop();
  });
});
