import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { loadSigningKey } from '../../../src/okta/auth/keys';
import { describeOAuthError } from '../../../src/okta/errors';

describe('service-app private keys', () => {
  it('loads RSA keys as PKCS#8 PEM, PKCS#1 PEM and JWK, signing with RS256', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pkcs8 = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const pkcs1 = privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'k1' };
    assert.equal(loadSigningKey(pkcs8).alg, 'RS256');
    assert.equal(loadSigningKey(pkcs1).alg, 'RS256');
    const fromJwk = loadSigningKey(JSON.stringify(jwk));
    assert.equal(fromJwk.alg, 'RS256');
    assert.equal(fromJwk.kid, 'k1');
  });

  it('loads EC P-256 keys with ES256', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    assert.equal(loadSigningKey(privateKey.export({ type: 'sec1', format: 'pem' }).toString()).alg, 'ES256');
  });

  it('explains what is wrong with a public key, a JWKS, or garbage', () => {
    const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    assert.throws(
      () => loadSigningKey(publicKey.export({ type: 'spki', format: 'pem' }).toString()),
      /public key/,
    );
    assert.throws(
      () => loadSigningKey(JSON.stringify(publicKey.export({ format: 'jwk' }))),
      /no private part/,
    );
    assert.throws(() => loadSigningKey('{"keys":[]}'), /JWK Set/);
    assert.throws(() => loadSigningKey('hello'), /neither a PEM block/);
  });

  it('says an encrypted PEM needs its passphrase, decrypts it with one, and names a wrong one', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    for (const type of ['pkcs8', 'pkcs1'] as const) {
      const enc = privateKey
        .export({ type, format: 'pem', cipher: 'aes-256-cbc', passphrase: 'correct horse' })
        .toString();
      assert.throws(() => loadSigningKey(enc), /encrypted with a passphrase/);
      assert.equal(loadSigningKey(enc, undefined, 'correct horse').alg, 'RS256');
      assert.throws(() => loadSigningKey(enc, undefined, 'wrong'), /passphrase does not decrypt/);
    }
  });

  it('picks the private key out of a JWK Set by key id, or the only one, and lists the ids otherwise', () => {
    const a = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const b = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
    const aJwk = { ...a.export({ format: 'jwk' }), kid: 'rsa-a' };
    const bJwk = { ...b.export({ format: 'jwk' }), kid: 'ec-b' };
    const two = JSON.stringify({ keys: [aJwk, bJwk] });
    assert.equal(loadSigningKey(two, 'ec-b').alg, 'ES256');
    assert.equal(loadSigningKey(two, 'rsa-a').kid, 'rsa-a');
    assert.throws(() => loadSigningKey(two), /2 private keys \(rsa-a, ec-b\)/);
    assert.throws(() => loadSigningKey(two, 'nope'), /no private key with key id "nope"/);
    const { d: _d, ...publicHalf } = bJwk;
    const one = loadSigningKey(JSON.stringify({ keys: [aJwk, publicHalf] }));
    assert.equal(one.kid, 'rsa-a');
    assert.throws(() => loadSigningKey(JSON.stringify({ keys: [publicHalf] })), /only public keys/);
  });

  it("refuses a key id that contradicts the JWK's own, instead of signing with the wrong one", () => {
    const jwk = {
      ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }),
    };
    assert.throws(
      () => loadSigningKey(JSON.stringify({ ...jwk, kid: 'new' }), 'old'),
      /carries key id "new"/,
    );
  });

  it('never quotes a malformed JWK (the private key) in its error', () => {
    const d = 'SuperSecretPrivateExponentValue123';
    // Unquoted values, as when a JWK is copied from a JavaScript object: JSON.parse would quote the input.
    const broken = `{"kty":"RSA","d":${d}}`;
    assert.throws(
      () => loadSigningKey(broken),
      (e: Error) => {
        assert.match(e.message, /not valid JSON/);
        // V8 quotes only a window of the input, so any fragment of the secret counts.
        assert.ok(!e.message.includes(d.slice(0, 8)), `the message quotes the key: ${e.message}`);
        return true;
      },
    );
  });

  it('points at the clock when Okta says the client assertion expired or is from the future', () => {
    for (const description of [
      'The client_assertion token is expired.',
      'The client_assertion token has an issued at time in the future.',
    ]) {
      const m = describeOAuthError({ error: 'invalid_client', description }, 'POST /oauth2/v1/token');
      assert.match(m, /clock/);
      assert.doesNotMatch(m, /public half is registered/);
    }
  });
});
