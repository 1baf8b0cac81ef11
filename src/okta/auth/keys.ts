// Loads a service app's private key from what a user pastes or points at (PEM in PKCS#8, PKCS#1 or SEC1
// form, or a private JWK) and picks the signing algorithm Okta accepts for it (RS256 or ES256/384/512).

import { createPrivateKey, type KeyObject } from 'node:crypto';
import { OktaError } from '../errors';

export interface SigningKey {
  key: KeyObject;
  alg: 'RS256' | 'ES256' | 'ES384' | 'ES512';
  kid?: string;
}

const CURVE_ALG: Record<string, SigningKey['alg']> = {
  prime256v1: 'ES256',
  'P-256': 'ES256',
  secp384r1: 'ES384',
  'P-384': 'ES384',
  secp521r1: 'ES512',
  'P-521': 'ES512',
};

function configError(message: string, cause?: unknown): OktaError {
  return new OktaError({ kind: 'auth-config', message, cause });
}

export function loadSigningKey(input: string | Record<string, unknown>, keyId?: string): SigningKey {
  let key: KeyObject;
  let kid = keyId;
  try {
    if (typeof input === 'object' || input.trim().startsWith('{')) {
      const jwk = (typeof input === 'object' ? input : JSON.parse(input)) as Record<string, unknown>;
      if (Array.isArray(jwk.keys))
        throw configError('The key is a JWK Set; paste the single private JWK of the service app instead.');
      if (typeof jwk.d !== 'string') {
        throw configError(
          'The JWK has no private part ("d"). Paste the private key, not the public one registered in Okta.',
        );
      }
      kid ??= typeof jwk.kid === 'string' ? jwk.kid : undefined;
      key = createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    } else if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(input)) {
      key = createPrivateKey({ key: input, format: 'pem' });
    } else if (/-----BEGIN (PUBLIC KEY|CERTIFICATE)/.test(input)) {
      throw configError(
        'This is a public key or certificate. Use the private key whose public half is registered on the service app.',
      );
    } else {
      throw configError(
        'The private key is neither a PEM block ("-----BEGIN PRIVATE KEY-----") nor a JWK. Paste or pick the key file again.',
      );
    }
  } catch (e) {
    if (e instanceof OktaError) throw e;
    throw configError(
      `The private key could not be read (${(e as Error).message}). Check that the whole PEM or JWK was pasted.`,
      e,
    );
  }
  if (key.asymmetricKeyType === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits && bits < 2048) throw configError(`The RSA key has ${bits} bits; Okta requires at least 2048.`);
    return { key, alg: 'RS256', kid };
  }
  if (key.asymmetricKeyType === 'ec') {
    const alg = CURVE_ALG[key.asymmetricKeyDetails?.namedCurve ?? ''];
    if (!alg)
      throw configError(
        `The EC key's curve ${key.asymmetricKeyDetails?.namedCurve} is not one Okta accepts (P-256, P-384, P-521).`,
      );
    return { key, alg, kid };
  }
  throw configError(
    `Keys of type ${key.asymmetricKeyType} are not accepted by Okta; use an RSA (2048+) or EC P-256 key.`,
  );
}
