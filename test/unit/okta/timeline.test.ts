// Reading System Log events about refresh tokens, on events shaped like Okta's LogEvent (spec) with the
// variants Okta's documentation leaves open: the client in client.id, in the actor (PublicClientApp) or
// in an AppInstance target; the user as actor or target; OAuth2ResourceDetails on a refresh_token target.
// Also the rotation chains and revoke causes a watch derives from token lists plus those events.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseLogEvent, type LogEvent } from '../../../src/okta';
import {
  describeEvent,
  eventsForToken,
  groupByTransaction,
  concerns,
  type TimelineEntry,
} from '../../../src/okta/timeline';
import { predecessorOf, revokeCause, type SeenToken } from '../../../src/okta/watch/chains';

const USER = { id: '00u1abc', type: 'User', alternateId: 'karen@example.com', displayName: 'Karen Smith' };
const ADMIN = { id: '00uADMIN', type: 'User', alternateId: 'admin@example.com', displayName: 'Org Admin' };
const CLIENT = '0oaSPA';
const EXP = '2026-12-31T00:00:00.000Z';

let n = 0;
function event(o: Partial<Record<string, unknown>> & { eventType: string; published: string }): LogEvent {
  n++;
  return parseLogEvent({
    uuid: `uuid-${n}`,
    version: '0',
    severity: 'INFO',
    actor: USER,
    client: {
      id: CLIENT,
      ipAddress: '203.0.113.9',
      userAgent: { rawUserAgent: 'Mozilla/5.0 (X11) Firefox/128.0', os: 'Linux', browser: 'FIREFOX' },
    },
    outcome: { result: 'SUCCESS' },
    target: [
      USER,
      { id: CLIENT, type: 'AppInstance', displayName: 'My SPA' },
      { id: 'aus1', type: 'AuthorizationServer', displayName: 'default' },
    ],
    transaction: { type: 'WEB', id: `tx-${n}`, detail: {} },
    debugContext: { debugData: {} },
    ...o,
  });
}

const refreshTarget = (expires: string, hash = 'h1') => ({
  id: hash,
  type: 'refresh_token',
  detailEntry: { hash, expires, refreshTokenType: 'rotating' },
});

describe('System Log events read as token history', () => {
  it("a refresh's grant names the client, user, IP, user agent, transaction and the refresh token's expiry", () => {
    const e = describeEvent(
      event({
        eventType: 'app.oauth2.as.token.grant.refresh_token',
        published: '2026-12-01T10:00:00.000Z',
        transaction: { type: 'WEB', id: 'XtrA', detail: {} },
        debugContext: { debugData: { grantType: 'refresh_token' } },
        target: [USER, { id: CLIENT, type: 'AppInstance', displayName: 'My SPA' }, refreshTarget(EXP)],
      }),
    );
    assert.equal(e.kind, 'refresh');
    assert.equal(e.tokenType, 'refresh_token');
    assert.equal(e.clientId, CLIENT);
    assert.equal(e.userId, USER.id);
    assert.equal(e.userName, 'Karen Smith');
    assert.equal(e.ip, '203.0.113.9');
    assert.equal(e.userAgent, 'Mozilla/5.0 (X11) Firefox/128.0');
    assert.equal(e.transactionId, 'XtrA');
    assert.equal(e.refreshTokenExpires, EXP);
    assert.equal(e.outcome, 'SUCCESS');
  });

  it("a refused refresh is a failed refresh with Okta's reason, also with Okta's snake_case debugData", () => {
    const e = describeEvent(
      event({
        eventType: 'app.oauth2.as.token.grant',
        published: '2026-12-01T10:00:00.000Z',
        severity: 'WARN',
        outcome: { result: 'FAILURE', reason: 'invalid_refresh_token' },
        debugContext: { debugData: { grant_type: 'refresh_token' } },
      }),
    );
    assert.equal(e.kind, 'refresh-failed');
    assert.equal(e.reason, 'invalid_refresh_token');
    assert.equal(e.grantType, 'refresh_token');
  });

  it('a code exchange is a sign-in; reuse detection (custom and org server) is its own kind', () => {
    const signIn = describeEvent(
      event({
        eventType: 'app.oauth2.as.token.grant.access_token',
        published: '2026-12-01T10:00:00.000Z',
        debugContext: { debugData: { grantType: 'authorization_code' } },
      }),
    );
    assert.equal(signIn.kind, 'sign-in');
    for (const eventType of ['app.oauth2.as.token.detect_reuse', 'app.oauth2.token.detect_reuse'])
      assert.equal(
        describeEvent(event({ eventType, published: '2026-12-01T10:00:00Z' })).kind,
        'reuse-detected',
      );
  });

  it('a revoke says who: an admin through the Management API, the app through /v1/revoke, Okta implicitly', () => {
    const admin = describeEvent(
      event({
        eventType: 'app.oauth2.as.token.revoke',
        published: '2026-12-01T10:00:00Z',
        actor: ADMIN,
        transaction: { type: 'WEB', id: 'tx', detail: { requestApiTokenId: '00Tabc' } },
      }),
    );
    assert.equal(admin.kind, 'revoked');
    assert.equal(admin.revokedBy, 'admin');
    // The admin is the actor, the token's user the target: the user is not mistaken for the admin.
    assert.equal(admin.userId, USER.id);
    const adminNoUserTarget = describeEvent(
      event({
        eventType: 'app.oauth2.as.token.revoke',
        published: '2026-12-01T10:00:00Z',
        actor: ADMIN,
        target: [{ id: CLIENT, type: 'AppInstance' }],
        debugContext: {
          debugData: { requestUri: '/api/v1/authorizationServers/aus1/clients/0oaSPA/tokens' },
        },
      }),
    );
    assert.equal(adminNoUserTarget.revokedBy, 'admin');
    assert.equal(adminNoUserTarget.userId, undefined);
    const byApp = describeEvent(
      event({
        eventType: 'app.oauth2.as.token.revoke',
        published: '2026-12-01T10:00:00Z',
        actor: { id: CLIENT, type: 'PublicClientApp', displayName: 'My SPA' },
        debugContext: { debugData: { requestUri: '/oauth2/aus1/v1/revoke' } },
      }),
    );
    assert.equal(byApp.revokedBy, 'client');
    const implicit = describeEvent(
      event({ eventType: 'app.oauth2.token.revoke.implicit.user', published: '2026-12-01T10:00:00Z' }),
    );
    assert.equal(implicit.revokedBy, 'implicit');
  });

  it('finds the client wherever the event puts it: client.id, a PublicClientApp actor, an AppInstance target', () => {
    const inActor = describeEvent(
      event({
        eventType: 'app.oauth2.as.token.grant.access_token',
        published: '2026-12-01T10:00:00Z',
        client: { ipAddress: '198.51.100.1' },
        actor: { id: CLIENT, type: 'PublicClientApp', displayName: 'My SPA' },
        target: [{ id: 'AT.1', type: 'access_token', detailEntry: { subject: USER.id } }],
      }),
    );
    assert.equal(inActor.clientId, CLIENT);
    assert.equal(inActor.clientName, 'My SPA');
    assert.equal(inActor.userId, USER.id, 'the user from OAuth2ResourceDetails.subject');
    const inTarget = describeEvent(
      event({
        eventType: 'app.oauth2.as.token.grant.access_token',
        published: '2026-12-01T10:00:00Z',
        client: {},
      }),
    );
    assert.equal(inTarget.clientId, CLIENT);
  });

  it('a timeline for a client or a user keeps only OAuth events naming them', () => {
    const mine = describeEvent(
      event({ eventType: 'app.oauth2.as.token.grant', published: '2026-12-01T10:00:00Z' }),
    );
    const other = describeEvent(
      event({
        eventType: 'app.oauth2.as.token.grant',
        published: '2026-12-01T10:00:00Z',
        client: { id: '0oaOTHER' },
        target: [],
      }),
    );
    const signOn = describeEvent(
      event({ eventType: 'user.session.start', published: '2026-12-01T10:00:00Z' }),
    );
    assert.ok(concerns(mine, { clientId: CLIENT }));
    assert.ok(concerns(mine, { clientId: CLIENT, userId: USER.id }));
    assert.ok(!concerns(other, { clientId: CLIENT }));
    assert.ok(!concerns(signOn, { clientId: CLIENT }));
    assert.ok(!concerns(mine, { userId: '00uSOMEONE' }));
  });
});

describe("a token's events", () => {
  const token = {
    userId: USER.id,
    clientId: CLIENT,
    created: '2026-12-01T10:00:00.000Z',
    lastUpdated: '2026-12-01T11:00:00.000Z',
    expiresAt: EXP,
    status: 'REVOKED',
  };
  const at = (published: string, o: Record<string, unknown> = {}) =>
    describeEvent(event({ eventType: 'app.oauth2.as.token.grant.access_token', published, ...o }));

  it("match by the refresh token's expiry when the event names one, else by time within its life", () => {
    const sameChain = at('2026-12-01T09:00:00Z', { target: [USER, refreshTarget(EXP)] });
    const otherChain = at('2026-12-01T10:30:00Z', { target: [USER, refreshTarget('2027-01-01T00:00:00Z')] });
    const during = at('2026-12-01T10:30:00Z');
    const before = at('2026-12-01T09:00:00Z');
    const afterRevoke = at('2026-12-01T12:00:00Z');
    const failedLater = describeEvent(
      event({
        eventType: 'app.oauth2.as.token.grant',
        published: '2026-12-01T12:00:00Z',
        outcome: { result: 'FAILURE', reason: 'invalid_refresh_token' },
        debugContext: { debugData: { grantType: 'refresh_token' } },
      }),
    );
    const got = eventsForToken([otherChain, during, before, afterRevoke, sameChain, failedLater], token);
    assert.deepEqual(
      got.map((g) => [g.entry.uuid, g.basis]),
      [
        [sameChain.uuid, 'expiry'],
        [during.uuid, 'time'],
        [failedLater.uuid, 'time'],
      ],
    );
  });

  it('groups one token request’s events (refresh + access + id token) by transaction, in time order', () => {
    const tx = { type: 'WEB', id: 'XtrSame', detail: {} };
    const a = at('2026-12-01T10:00:01Z', { transaction: tx });
    const b = at('2026-12-01T10:00:01Z', {
      transaction: tx,
      eventType: 'app.oauth2.as.token.grant.refresh_token',
    });
    const c = at('2026-12-01T10:00:00Z');
    const groups = groupByTransaction([a, b, c]);
    assert.deepEqual(
      groups.map((g) => g.map((e) => e.uuid)),
      [[c.uuid], [a.uuid, b.uuid].sort()],
    );
  });
});

describe('rotation chains and why a token was revoked', () => {
  const tok = (id: string, created: string, o: Partial<SeenToken> = {}): SeenToken => ({
    id,
    userId: USER.id,
    clientId: CLIENT,
    created,
    lastUpdated: created,
    expiresAt: EXP,
    status: 'ACTIVE',
    scopes: ['offline_access'],
    ...o,
  });
  const t1 = tok('oar1', '2026-12-01T10:00:00.000Z', {
    status: 'REVOKED',
    lastUpdated: '2026-12-01T10:05:00.000Z',
  });
  const t2 = tok('oar2', '2026-12-01T10:05:00.000Z');
  const stranger = tok('oar9', '2026-12-01T10:04:00.000Z', { expiresAt: '2027-01-01T00:00:00.000Z' });
  const revokedAt = Date.parse('2026-12-01T10:05:00.000Z');

  it('a new token with the same user, client and original expiry was rotated from the newest older one', () => {
    assert.equal(predecessorOf(t2, [t1, t2, stranger])?.id, 'oar1');
    assert.equal(predecessorOf(stranger, [t1, t2, stranger]), undefined);
  });

  it('revoked by rotation when its successor was created by then', () => {
    assert.deepEqual(revokeCause(t1, revokedAt, [t1, t2], []), { cause: 'rotation', rotatedTo: 'oar2' });
  });

  it('revoked by reuse detection when a detect_reuse event for its user and client is that close', () => {
    const reuse: TimelineEntry = describeEvent(
      event({
        eventType: 'app.oauth2.as.token.detect_reuse',
        published: '2026-12-01T10:05:01.000Z',
        severity: 'WARN',
        outcome: { result: 'FAILURE' },
      }),
    );
    const latest = tok('oar2', '2026-12-01T10:05:00.000Z', {
      status: 'REVOKED',
      lastUpdated: '2026-12-01T10:05:01.000Z',
    });
    const found = revokeCause(latest, Date.parse('2026-12-01T10:05:01.000Z'), [t1, latest], [reuse]);
    assert.equal(found?.cause, 'reuse');
    assert.equal(found?.evidence?.uuid, reuse.uuid);
  });

  it("revoked by an admin when the Management API's revoke event is that close, even with a successor", () => {
    const revoke = describeEvent(
      event({
        eventType: 'app.oauth2.as.token.revoke',
        published: '2026-12-01T10:05:00.000Z',
        actor: ADMIN,
        transaction: { type: 'WEB', id: 'tx', detail: { requestApiTokenId: '00T' } },
      }),
    );
    assert.equal(revokeCause(t1, revokedAt, [t1, t2], [revoke])?.cause, 'admin');
  });

  it('an event for another user, or far from the revocation, explains nothing; with no successor it is unknown', () => {
    const far = describeEvent(
      event({ eventType: 'app.oauth2.as.token.detect_reuse', published: '2026-12-01T09:00:00.000Z' }),
    );
    const otherUser = describeEvent(
      event({
        eventType: 'app.oauth2.as.token.detect_reuse',
        published: '2026-12-01T10:05:00.000Z',
        target: [{ ...USER, id: '00uOTHER' }],
        actor: { ...USER, id: '00uOTHER' },
      }),
    );
    assert.equal(revokeCause(t1, revokedAt, [t1], [far, otherUser]), undefined, 'not decided yet');
    assert.deepEqual(revokeCause(t1, revokedAt, [t1], [far, otherUser], true), { cause: 'unknown' });
  });
});
