// Authentication end to end: SSWS roles, the OAuth service-app flow (client_credentials +
// private_key_jwt signed here with jose), scope checks, and DPoP with the nonce round trip.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { RunningEmulator } from '../../emulator/index';
import { api, firstPair, start, tokensPath } from './helpers';

const READ = 'okta.authorizationServers.read';
const MANAGE = 'okta.authorizationServers.manage';

interface Keys {
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function keys(alg: 'RS256' | 'ES256'): Promise<Keys> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid: randomUUID(), alg } };
}

function assertion(
  emu: RunningEmulator,
  clientId: string,
  k: Keys,
  over: Record<string, unknown> = {},
  alg = 'RS256',
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: randomUUID(), ...over })
    .setProtectedHeader({ alg, kid: k.publicJwk.kid })
    .setIssuer(clientId)
    .setSubject(clientId)
    .setAudience((over.aud as string) ?? `${emu.url}/oauth2/v1/token`)
    .setIssuedAt(now)
    .setExpirationTime((over.exp as number) ?? now + 300)
    .sign(k.privateKey);
}

function proof(
  k: Keys,
  htm: string,
  htu: string,
  extra: Record<string, unknown> = {},
  iat = Math.floor(Date.now() / 1000),
): Promise<string> {
  return new SignJWT({ htm, htu, jti: randomUUID(), iat, ...extra })
    .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: k.publicJwk })
    .sign(k.privateKey);
}

async function tokenRequest(
  emu: RunningEmulator,
  params: Record<string, string>,
  dpop?: string,
): Promise<{ res: Response; body: Record<string, string> }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (dpop) headers.dpop = dpop;
  const res = await fetch(`${emu.url}/oauth2/v1/token`, {
    method: 'POST',
    headers,
    body: new URLSearchParams(params).toString(),
  });
  return { res, body: (await res.json()) as Record<string, string> };
}

function form(jwt: string, scope: string): Record<string, string> {
  return {
    grant_type: 'client_credentials',
    scope,
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: jwt,
  };
}

const ath = (t: string): string => createHash('sha256').update(t).digest('base64url');

describe('auth', () => {
  let emu: RunningEmulator;
  let appKeys: Keys;
  let dpopAppKeys: Keys;
  let dpopKeys: Keys;
  let otherDpopKeys: Keys;
  let tokens: string;
  before(async () => {
    [appKeys, dpopAppKeys, dpopKeys, otherDpopKeys] = await Promise.all([
      keys('RS256'),
      keys('RS256'),
      keys('ES256'),
      keys('ES256'),
    ]);
    emu = await start({
      ssws: { readOnly: ['ro-token'], noRole: ['no-role-token'] },
      serviceApps: [
        { clientId: '0oaSERVICEAPP00001', jwks: { keys: [appKeys.publicJwk] }, scopes: [READ, MANAGE] },
        { clientId: '0oaREADONLYAPP0001', jwks: [appKeys.publicJwk], scopes: [READ] },
        {
          clientId: '0oaDPOPAPP00000001',
          jwks: dpopAppKeys.publicJwk,
          scopes: [READ, MANAGE],
          requireDpop: true,
        },
        { clientId: '0oaNOROLEAPP00001', jwks: [appKeys.publicJwk], scopes: [READ], adminRole: false },
      ],
    });
    const { serverId, clientId } = firstPair(emu);
    tokens = tokensPath(serverId, clientId);
  });
  after(() => emu.close());

  it('SSWS: read-only admins can read but not revoke; admins without a role get 403 E0000006', async () => {
    assert.equal((await api(emu, tokens, { token: 'ro-token' })).status, 200);
    const del = await api(emu, tokens, { token: 'ro-token', method: 'DELETE' });
    assert.equal(del.status, 403);
    assert.equal(((await del.json()) as { errorCode: string }).errorCode, 'E0000006');
    const none = await api(emu, tokens, { token: 'no-role-token' });
    assert.equal(none.status, 403);
    assert.equal(((await none.json()) as { errorCode: string }).errorCode, 'E0000006');
  });

  it('private_key_jwt: issues a Bearer token for granted scopes, which reads the API', async () => {
    const { res, body } = await tokenRequest(
      emu,
      form(await assertion(emu, '0oaSERVICEAPP00001', appKeys), READ),
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600 as unknown as string);
    assert.equal(body.scope, READ);
    assert.ok(body.access_token.length > 20);
    const list = await api(emu, tokens, { headers: { authorization: `Bearer ${body.access_token}` } });
    assert.equal(list.status, 200);
  });

  it('scope checks: a read-only token cannot DELETE → 403, empty body, WWW-Authenticate insufficient_scope', async () => {
    const { body } = await tokenRequest(emu, form(await assertion(emu, '0oaREADONLYAPP0001', appKeys), READ));
    const res = await api(emu, tokens, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    assert.equal(res.status, 403);
    assert.equal(await res.text(), '');
    const h = res.headers.get('www-authenticate') ?? '';
    assert.match(
      h,
      /^Bearer authorization_uri="[^"]+\/oauth2\/v1\/authorize", realm="http:\/\/127\.0\.0\.1:\d+"/,
    );
    assert.match(h, new RegExp(`scope="${MANAGE.replace(/\./g, '\\.')}"`));
    assert.match(
      h,
      /error="insufficient_scope", error_description="The access token provided does not contain the required scopes\."/,
    );
    assert.match(h, new RegExp(`resource="${tokens}"`));
  });

  it('an app without an admin role gets 403 E0000006 even with the right scope', async () => {
    const { body } = await tokenRequest(emu, form(await assertion(emu, '0oaNOROLEAPP00001', appKeys), READ));
    const res = await api(emu, tokens, { headers: { authorization: `Bearer ${body.access_token}` } });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { errorCode: string }).errorCode, 'E0000006');
  });

  it('rejects bad assertions: wrong audience, foreign key, expired, too long-lived, replayed jti, ungranted scope', async () => {
    const other = await keys('RS256');
    const cases: Array<[string, Promise<string>, RegExp, number]> = [
      [
        'audience',
        assertion(emu, '0oaSERVICEAPP00001', appKeys, { aud: `${emu.url}/oauth2/default/v1/token` }),
        /invalid_audience/,
        401,
      ],
      ['signature', assertion(emu, '0oaSERVICEAPP00001', other), /invalid_signature/, 401],
      [
        'expired',
        assertion(emu, '0oaSERVICEAPP00001', appKeys, { exp: Math.floor(Date.now() / 1000) - 120 }),
        /expired_token/,
        401,
      ],
      [
        'too far',
        assertion(emu, '0oaSERVICEAPP00001', appKeys, { exp: Math.floor(Date.now() / 1000) + 7200 }),
        /exp_too_far/,
        401,
      ],
      ['unknown client', assertion(emu, '0oaNOBODY', appKeys), /registered client/, 401],
    ];
    for (const [what, jwt, reason, status] of cases) {
      const { res, body } = await tokenRequest(emu, form(await jwt, READ));
      assert.equal(res.status, status, what);
      assert.equal(body.error, 'invalid_client', what);
      assert.match(body.error_description, reason, what);
    }
    const once = await assertion(emu, '0oaSERVICEAPP00001', appKeys);
    assert.equal((await tokenRequest(emu, form(once, READ))).res.status, 200);
    const replay = await tokenRequest(emu, form(once, READ));
    assert.equal(replay.res.status, 401);
    assert.match(replay.body.error_description, /already used/);
    const scope = await tokenRequest(
      emu,
      form(await assertion(emu, '0oaREADONLYAPP0001', appKeys), `${READ} ${MANAGE}`),
    );
    assert.equal(scope.res.status, 400);
    assert.equal(scope.body.error, 'invalid_scope');
    assert.match(scope.body.error_description, /okta\.authorizationServers\.manage/);
    const secret = await tokenRequest(emu, {
      grant_type: 'client_credentials',
      client_id: '0oaSERVICEAPP00001',
      client_secret: 'x',
      scope: READ,
    });
    assert.equal(secret.res.status, 401);
    assert.equal(secret.body.error, 'invalid_client');
  });

  it('Bearer tokens that are unknown or expired → 401 with WWW-Authenticate error="invalid_token"', async () => {
    const unknown = await api(emu, tokens, { headers: { authorization: 'Bearer not-a-token' } });
    assert.equal(unknown.status, 401);
    assert.match(unknown.headers.get('www-authenticate') ?? '', /^Bearer .*error="invalid_token"/);
    const expired = emu.mintAccessToken({
      clientId: '0oaSERVICEAPP00001',
      scopes: [READ],
      expiresAt: Date.now() - 1000,
    });
    const res = await api(emu, tokens, { headers: { authorization: `Bearer ${expired}` } });
    assert.equal(res.status, 401);
    assert.match(
      res.headers.get('www-authenticate') ?? '',
      /error="invalid_token", error_description="The token is not valid as it has expired\."/,
    );
  });

  it('DPoP: proof required, then use_dpop_nonce with a dpop-nonce header, then a DPoP-bound token', async () => {
    const tokenUrl = `${emu.url}/oauth2/v1/token`;
    const jwt = await assertion(emu, '0oaDPOPAPP00000001', dpopAppKeys);
    const none = await tokenRequest(emu, form(jwt, `${READ} ${MANAGE}`));
    assert.equal(none.res.status, 400);
    assert.equal(none.body.error, 'invalid_request');
    assert.match(none.body.error_description, /dpop_proof_required/);

    const first = await tokenRequest(
      emu,
      form(jwt, `${READ} ${MANAGE}`),
      await proof(dpopKeys, 'POST', tokenUrl),
    );
    assert.equal(first.res.status, 400);
    assert.equal(first.body.error, 'use_dpop_nonce');
    const nonce = first.res.headers.get('dpop-nonce');
    assert.ok(nonce);

    const wrongHtu = await tokenRequest(
      emu,
      form(jwt, READ),
      await proof(dpopKeys, 'POST', `${emu.url}/oauth2/default/v1/token`, { nonce }),
    );
    assert.equal(wrongHtu.body.error, 'invalid_dpop_proof');

    // The same client assertion may be resent after the nonce round trip.
    const second = await tokenRequest(
      emu,
      form(jwt, `${READ} ${MANAGE}`),
      await proof(dpopKeys, 'POST', tokenUrl, { nonce }),
    );
    assert.equal(second.res.status, 200, JSON.stringify(second.body));
    assert.equal(second.body.token_type, 'DPoP');
    const access = second.body.access_token;

    const url = `${emu.url}${tokens}`;
    const ok = await fetch(`${url}?limit=3`, {
      headers: {
        authorization: `DPoP ${access}`,
        dpop: await proof(dpopKeys, 'GET', url, { ath: ath(access) }),
      },
    });
    assert.equal(ok.status, 200, await ok.clone().text());

    const asBearer = await fetch(url, { headers: { authorization: `Bearer ${access}` } });
    assert.equal(asBearer.status, 401);
    assert.match(
      asBearer.headers.get('www-authenticate') ?? '',
      /error="invalid_dpop_proof".*dpop_authentication_scheme_required/,
    );

    const bad: Array<[string, Promise<string>]> = [
      ['wrong ath', proof(dpopKeys, 'GET', url, { ath: ath('something else') })],
      ['wrong htm', proof(dpopKeys, 'DELETE', url, { ath: ath(access) })],
      ['htu with query', proof(dpopKeys, 'GET', `${url}?limit=3`, { ath: ath(access) })],
      ['other key', proof(otherDpopKeys, 'GET', url, { ath: ath(access) })],
      ['too old', proof(dpopKeys, 'GET', url, { ath: ath(access) }, Math.floor(Date.now() / 1000) - 600)],
    ];
    for (const [what, p] of bad) {
      const res = await fetch(url, { headers: { authorization: `DPoP ${access}`, dpop: await p } });
      assert.equal(res.status, 401, what);
      assert.match(res.headers.get('www-authenticate') ?? '', /error="invalid_dpop_proof"/, what);
    }
    const reused = await proof(dpopKeys, 'GET', url, { ath: ath(access) });
    assert.equal(
      (await fetch(url, { headers: { authorization: `DPoP ${access}`, dpop: reused } })).status,
      200,
    );
    const replay = await fetch(url, { headers: { authorization: `DPoP ${access}`, dpop: reused } });
    assert.equal(replay.status, 401);
    assert.match(replay.headers.get('www-authenticate') ?? '', /already_used/);

    const del = await fetch(url, {
      method: 'DELETE',
      headers: {
        authorization: `DPoP ${access}`,
        dpop: await proof(dpopKeys, 'DELETE', url, { ath: ath(access) }),
      },
    });
    assert.equal(del.status, 204);
  });
});
