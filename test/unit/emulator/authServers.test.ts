// The emulator's OAuth face of each authorization server: JWKS and discovery documents (custom servers
// and the org server), JWTs it mints verifying against the published keys, and key rotation — checked
// with jose, an independent JOSE implementation, over real HTTP.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { apiJson, start } from './helpers';

async function getJson<T>(url: string): Promise<{ status: number; body: T; res: Response }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T, res };
}

describe('authorization servers: keys, discovery and minted JWTs', () => {
  it("publishes each server's discovery documents and JWKS, and its minted access token verifies against them", async () => {
    const emu = await start({ controlApi: true });
    try {
      const serverId = emu.org.servers()[1].id;
      const issuer = `${emu.url}/oauth2/${serverId}`;
      const oidc = await getJson<Record<string, unknown>>(`${issuer}/.well-known/openid-configuration`);
      assert.equal(oidc.status, 200);
      assert.equal(oidc.body.issuer, issuer);
      assert.equal(oidc.body.jwks_uri, `${issuer}/v1/keys`);
      assert.deepEqual(oidc.body.id_token_signing_alg_values_supported, ['RS256']);
      const oauth = await getJson<Record<string, unknown>>(
        `${issuer}/.well-known/oauth-authorization-server`,
      );
      assert.equal(oauth.body.issuer, issuer);
      assert.ok((oauth.body.grant_types_supported as string[]).includes('client_credentials'));
      assert.ok(!(oidc.body.grant_types_supported as string[]).includes('client_credentials'));

      const jwks = await getJson<JSONWebKeySet>(`${issuer}/v1/keys`);
      assert.equal(jwks.status, 200);
      assert.equal(jwks.body.keys.length, 3);
      assert.ok(jwks.body.keys.every((k) => k.kty === 'RSA' && k.alg === 'RS256' && k.use === 'sig'));
      // The Management API lists the same keys, the ACTIVE one being the server's credentials.signing.kid.
      const server = emu.org.getServer(serverId) as { credentials: { signing: { kid: string } } };
      const mgmt = emu.org.keys(serverId) as Array<{ kid: string; n: string; status: string }>;
      assert.deepEqual(mgmt.map((k) => k.n).sort(), jwks.body.keys.map((k) => k.n).sort());
      assert.equal(mgmt.find((k) => k.status === 'ACTIVE')?.kid, server.credentials.signing.kid);

      const token = emu.authServers.mintJwt({ serverId });
      assert.equal(decodeProtectedHeader(token).kid, server.credentials.signing.kid);
      const { payload } = await jwtVerify(token, createLocalJWKSet(jwks.body), {
        issuer,
        audience: (emu.org.getServer(serverId) as { audiences: string[] }).audiences[0],
      });
      assert.equal(payload.cid, emu.org.clients(serverId)[0].clientId);
      assert.equal(payload.uid, emu.org.users()[0].id);
      assert.ok(Array.isArray(payload.scp));
      assert.match(String(payload.jti), /^AT\./);

      // From another process: the control API mints the same kind of token.
      const viaControl = await fetch(`${emu.url}/__emulator/jwt`, {
        method: 'POST',
        body: JSON.stringify({ serverId, kind: 'id' }),
      });
      const { token: idToken } = (await viaControl.json()) as { token: string };
      const id = await jwtVerify(idToken, createLocalJWKSet(jwks.body), { issuer });
      assert.equal(id.payload.sub, emu.org.users()[0].id);
    } finally {
      await emu.close();
    }
  });

  it('serves the org server at the org URL: discovery with /oauth2/v1 endpoints and keys its ID tokens verify with', async () => {
    const emu = await start();
    try {
      const doc = await getJson<Record<string, unknown>>(`${emu.url}/.well-known/openid-configuration`);
      assert.equal(doc.body.issuer, emu.url);
      assert.equal(doc.body.jwks_uri, `${emu.url}/oauth2/v1/keys`);
      assert.equal(doc.body.token_endpoint, `${emu.url}/oauth2/v1/token`);
      const jwks = await getJson<JSONWebKeySet>(`${emu.url}/oauth2/v1/keys`);
      const idToken = emu.authServers.mintJwt({ kind: 'id' });
      await jwtVerify(idToken, createLocalJWKSet(jwks.body), { issuer: emu.url });
      // keys of a custom server are not the org's
      const custom = await getJson<JSONWebKeySet>(`${emu.url}/oauth2/default/v1/keys`);
      assert.ok(custom.body.keys.every((k) => !jwks.body.keys.some((o) => o.kid === k.kid)));
    } finally {
      await emu.close();
    }
  });

  it('answers an unknown server id with 404 E0000007', async () => {
    const emu = await start();
    try {
      for (const path of ['/oauth2/ausNOPE/v1/keys', '/oauth2/ausNOPE/.well-known/openid-configuration']) {
        const r = await getJson<{ errorCode: string }>(`${emu.url}${path}`);
        assert.equal(r.status, 404);
        assert.equal(r.body.errorCode, 'E0000007');
      }
    } finally {
      await emu.close();
    }
  });

  it('rotates keys: NEXT becomes ACTIVE and signs new tokens, the old EXPIRED key leaves the JWKS', async () => {
    const emu = await start({ controlApi: true });
    try {
      const keysUrl = `${emu.url}/oauth2/default/v1/keys`;
      const before = (await getJson<JSONWebKeySet>(keysUrl)).body;
      const oldActive = emu.authServers.activeKid('default');
      const mgmtBefore = emu.org.keys('default') as Array<{ kid: string; status: string }>;
      const next = mgmtBefore.find((k) => k.status === 'NEXT')!.kid;
      const expired = mgmtBefore.find((k) => k.status === 'EXPIRED')!.kid;

      const rotated = await fetch(`${emu.url}/__emulator/keys/rotate`, {
        method: 'POST',
        body: JSON.stringify({ serverId: 'default' }),
      });
      assert.equal(((await rotated.json()) as { kid: string }).kid, next);
      const after = (await getJson<JSONWebKeySet>(keysUrl)).body;
      const statuses = Object.fromEntries(
        (emu.org.keys('default') as Array<{ kid: string; status: string }>).map((k) => [k.kid, k.status]),
      );
      assert.equal(statuses[next], 'ACTIVE');
      assert.equal(statuses[oldActive], 'EXPIRED');
      assert.equal(statuses[expired], undefined);
      assert.ok(!after.keys.some((k) => k.kid === expired));
      assert.equal(
        (emu.org.getServer('default') as { credentials: { signing: { kid: string } } }).credentials.signing
          .kid,
        next,
      );
      const token = emu.authServers.mintJwt({ serverId: 'default' });
      assert.equal(decodeProtectedHeader(token).kid, next);
      await jwtVerify(token, createLocalJWKSet(after), { issuer: `${emu.url}/oauth2/default` });
      assert.notDeepEqual(before, after);
      // The Management API agrees.
      const listed = await apiJson<Array<{ kid: string }>>(
        emu,
        '/api/v1/authorizationServers/default/credentials/keys',
      );
      assert.deepEqual(listed.body.map((k) => k.kid).sort(), after.keys.map((k) => k.kid!).sort());
    } finally {
      await emu.close();
    }
  });

  it('derives the same keys from the same seed', async () => {
    const a = await start();
    const b = await start();
    try {
      const ka = await (await fetch(`${a.url}/oauth2/default/v1/keys`)).text();
      const kb = await (await fetch(`${b.url}/oauth2/default/v1/keys`)).text();
      assert.equal(ka, kb);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
