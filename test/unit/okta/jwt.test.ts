// Decoding and verifying JWTs minted by the emulator's authorization servers, over real HTTP: the
// verdict a developer gets for a valid, tampered, expired, wrongly addressed or rotated-key token,
// and that a token from any other issuer is decoded without a single request.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { constants, generateKeyPairSync, sign } from 'node:crypto';
import fc from 'fast-check';
import { checkSignature, decodeJwt, jwtAt, oktaIdAt, JwtVerifier } from '../../../src/okta/jwt';
import { withEmulator, type Harness } from './support';

function verifierFor(h: Harness, audiences = true): JwtVerifier {
  return new JwtVerifier({
    orgUrl: h.emu.url,
    fetchJson: h.client.publicJson,
    audiencesOf: audiences
      ? async (serverId) => (await h.client.getAuthorizationServer(serverId)).audiences
      : undefined,
  });
}

/** The same token with one claim changed and the original signature kept. */
function tamper(token: string, change: Record<string, unknown>): string {
  const [h, p, s] = token.split('.');
  const claims = { ...(JSON.parse(Buffer.from(p, 'base64url').toString()) as object), ...change };
  return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
}

const keyFetches = (h: Harness): number => h.emu.stats().byRoute['GET keys'] ?? 0;

describe('JWT decode', () => {
  it('reads header and claims, and says why garbage is not a token instead of throwing', () => {
    const d = decodeJwt('eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ4In0.c2ln');
    assert.ok(d.ok);
    assert.equal(d.jwt.kid, 'k1');
    assert.equal(d.jwt.claims.sub, 'x');
    const cases: Array<[string, RegExp]> = [
      ['', /empty/],
      ['abc', /three parts/],
      ['a.b.c.d.e', /encrypted/],
      ['eyJ!!.eyJ.x', /header .* not base64url/],
      ['eyJhbGc.eyJzdWIiOiJ4In0.c2ln', /header .* not JSON/],
      [`${Buffer.from('[1]').toString('base64url')}.eyJzdWIiOiJ4In0.c2ln`, /not an object/],
      ['eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.!!', /signature/],
    ];
    for (const [text, reason] of cases) {
      const r = decodeJwt(text);
      assert.equal(r.ok, false, text);
      if (!r.ok) assert.match(r.reason, reason, text);
    }
    fc.assert(
      fc.property(fc.string(), (s) => {
        const r = decodeJwt(s);
        return r.ok || r.reason.length > 0;
      }),
    );
  });

  it('finds the token and the Okta id under the cursor on a long line', () => {
    const token = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln';
    const line = `${'x'.repeat(3000)} ACCESS_TOKEN=${token} user=00u1abcdefghijklm0h7 ${'y'.repeat(900)}`;
    const at = line.indexOf(token) + 10;
    assert.equal(jwtAt(line, at)?.text, token);
    assert.equal(jwtAt(line, 5), undefined);
    const id = oktaIdAt(line, line.indexOf('00u1') + 3);
    assert.deepEqual([id?.text, id?.value], ['00u1abcdefghijklm0h7', 'user']);
    assert.equal(oktaIdAt('x00u1abcdefghijklm0h7', 4), undefined, 'not inside a longer word');
  });
});

describe('JWT signature algorithms', () => {
  it('checks ES256 and PS256 as well as RS256, and refuses alg none', () => {
    const input = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0';
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecSig = sign('sha256', Buffer.from(input), { key: ec.privateKey, dsaEncoding: 'ieee-p1363' });
    const ecJwk = ec.publicKey.export({ format: 'jwk' });
    assert.deepEqual(checkSignature('ES256', ecJwk, input, ecSig), { ok: true });
    assert.deepEqual(checkSignature('ES256', ecJwk, `${input}x`, ecSig), {
      ok: false,
      problem: 'bad-signature',
    });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const psSig = sign('sha256', Buffer.from(input), {
      key: rsa.privateKey,
      padding: constants.RSA_PKCS1_PSS_PADDING,
      saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
    });
    const rsaJwk = rsa.publicKey.export({ format: 'jwk' });
    assert.deepEqual(checkSignature('PS256', rsaJwk, input, psSig), { ok: true });
    assert.equal(checkSignature('ES256', rsaJwk, input, psSig).ok, false, 'an RSA key never checks ES256');
    const none = checkSignature('none', rsaJwk, input, Buffer.alloc(0));
    assert.ok(!none.ok && none.problem === 'unsupported-alg' && /unsigned/.test(none.reason));
  });
});

describe('JWT verification against the issuer’s keys', () => {
  it('says valid for a token the server signed, checking the audience against the server’s', async () => {
    const h = await withEmulator();
    try {
      const serverId = h.emu.org.servers()[1].id;
      const token = h.emu.authServers.mintJwt({ serverId });
      const v = await verifierFor(h).verify(token);
      assert.equal(v.kind, 'valid', v.message);
      assert.equal(v.valid, true);
      assert.deepEqual(v.issuer, { kind: 'custom', url: `${h.emu.url}/oauth2/${serverId}`, serverId });
      assert.ok(v.expectedAudiences?.length);
      // Discovery and keys once; nothing written anywhere holds the token.
      assert.equal(h.emu.stats().byRoute['GET metadata'], 1);
      assert.equal(keyFetches(h), 1);
      const [, payload, sig] = token.split('.');
      assert.ok(!h.logs.some((l) => l.includes(payload) || l.includes(sig)));
      assert.ok(!JSON.stringify(v).includes(sig));
    } finally {
      await h.close();
    }
  });

  it('says bad signature for a token whose claims were altered', async () => {
    const h = await withEmulator();
    try {
      const token = h.emu.authServers.mintJwt({ serverId: 'default' });
      const v = await verifierFor(h).verify(tamper(token, { sub: 'admin@example.com' }));
      assert.equal(v.kind, 'bad-signature');
      assert.match(v.message, /Bad signature/);
    } finally {
      await h.close();
    }
  });

  it('says expired for a well-signed token past exp, and not yet valid before nbf', async () => {
    const h = await withEmulator();
    try {
      const now = Math.floor(Date.now() / 1000);
      const verifier = verifierFor(h);
      const expired = h.emu.authServers.mintJwt({
        serverId: 'default',
        issuedAt: now - 7200,
        lifetimeSeconds: 3600,
      });
      const v = await verifier.verify(expired);
      assert.equal(v.kind, 'expired');
      assert.match(v.message, /expired 60 min ago/);
      const early = h.emu.authServers.mintJwt({ serverId: 'default', notBefore: now + 3600 });
      assert.equal((await verifier.verify(early)).kind, 'not-yet-valid');
    } finally {
      await h.close();
    }
  });

  it("says the audience is not the server's for a token minted for another API", async () => {
    const h = await withEmulator();
    try {
      const token = h.emu.authServers.mintJwt({ serverId: 'default', audience: 'api://someone-else' });
      const v = await verifierFor(h).verify(token);
      assert.equal(v.kind, 'wrong-audience');
      assert.deepEqual(v.expectedAudiences, ['api://default']);
      // Without a way to learn the audiences, a good token is valid and says aud was not checked.
      const unchecked = await verifierFor(h, false).verify(token);
      assert.equal(unchecked.kind, 'valid');
      assert.equal(unchecked.expectedAudiences, undefined);
    } finally {
      await h.close();
    }
  });

  it('fetches the keys again once after a rotation, and names a key rotated out as unknown', async () => {
    const h = await withEmulator();
    try {
      const verifier = verifierFor(h, false);
      const before = h.emu.authServers.mintJwt({ serverId: 'default' });
      assert.equal((await verifier.verify(before)).kind, 'valid');
      assert.equal(keyFetches(h), 1);
      // Cached: verifying again needs no request.
      const again = await verifier.verify(before);
      assert.equal(again.usedNetwork, false);
      assert.equal(keyFetches(h), 1);

      // Two rotations: the key now signing was not in the cached key set.
      h.emu.authServers.rotateKeys('default');
      h.emu.authServers.rotateKeys('default');
      const after = h.emu.authServers.mintJwt({ serverId: 'default' });
      const v = await verifier.verify(after);
      assert.equal(v.kind, 'valid', v.message);
      assert.equal(keyFetches(h), 2, 'the key set was fetched again exactly once');

      // The key that signed `before` has left the key set.
      const old = await verifier.verify(before);
      assert.equal(old.kind, 'unknown-key');
      assert.match(old.message, /kid \S+ is not among the keys/);
      assert.equal(keyFetches(h), 3, 'one more fetch to be sure');
      // Asked again straight away (a hover held over it): no request.
      assert.equal((await verifier.verify(before)).usedNetwork, false);
      assert.equal(keyFetches(h), 3);
    } finally {
      await h.close();
    }
  });

  it('decodes a token from a foreign issuer without making any request', async () => {
    const h = await withEmulator();
    try {
      const token = h.emu.authServers.mintJwt({
        serverId: 'default',
        claims: { iss: 'https://login.example.net/oauth2/default' },
      });
      h.emu.resetStats();
      const v = await verifierFor(h).verify(token);
      assert.equal(v.kind, 'foreign-issuer');
      assert.equal(v.usedNetwork, false);
      assert.match(v.message, /Decoded only/);
      assert.equal(h.emu.stats().total, 0, 'no request reached the org');
    } finally {
      await h.close();
    }
  });

  it('explains that an org-server access token cannot be validated locally, and verifies an org ID token', async () => {
    const h = await withEmulator();
    try {
      h.emu.resetStats();
      const verifier = verifierFor(h);
      const access = await verifier.verify(h.emu.authServers.mintJwt({}));
      assert.equal(access.kind, 'org-access-token');
      assert.match(access.message, /only Okta can check them/);
      assert.equal(h.emu.stats().total, 0);
      const id = await verifier.verify(h.emu.authServers.mintJwt({ kind: 'id' }));
      assert.equal(id.kind, 'valid', id.message);
      assert.deepEqual(id.issuer, { kind: 'org', url: h.emu.url });
    } finally {
      await h.close();
    }
  });

  it('reports keys that cannot be fetched as a verdict, not an exception', async () => {
    const h = await withEmulator();
    try {
      h.emu.faults.add({ kind: 'status', status: 503, path: '/oauth2/default/v1/keys', count: Infinity });
      const verifier = verifierFor(h);
      const token = h.emu.authServers.mintJwt({ serverId: 'default' });
      const v = await verifier.verify(token);
      assert.equal(v.kind, 'keys-unavailable');
      assert.match(v.message, /could not be fetched \(GET \/oauth2\/default\/v1\/keys answered 503/);
      // Asked again at once (a hover held over it): the failure is remembered, not fetched again.
      const requests = h.emu.stats().total;
      const again = await verifier.verify(token);
      assert.equal(again.kind, 'keys-unavailable');
      assert.equal(again.usedNetwork, false);
      assert.equal(h.emu.stats().total, requests);
      // An unknown server of this org: Okta's 404 named.
      const ghost = h.emu.authServers.mintJwt({
        serverId: 'default',
        claims: { iss: `${h.emu.url}/oauth2/ausGHOST` },
      });
      const g = await verifierFor(h).verify(ghost);
      assert.equal(g.kind, 'keys-unavailable');
      assert.match(g.message, /404/);
    } finally {
      await h.close();
    }
  });
});
