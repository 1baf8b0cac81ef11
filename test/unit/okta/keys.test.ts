import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import { loadSigningKey } from '../../../src/okta/auth/keys';

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
});
