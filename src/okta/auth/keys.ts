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

/** True for a PEM that needs a passphrase: PKCS#8 "ENCRYPTED PRIVATE KEY" or a legacy "Proc-Type: 4,ENCRYPTED". */
export function isEncryptedPem(text: string): boolean {
  return /-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(text) || /Proc-Type:\s*4,\s*ENCRYPTED/.test(text);
}

/**
 * From a JWK Set, the private key to sign with: the one named by `keyId`, else the only private key in it.
 * Key ids are public (they sit in every assertion header), so naming them in an error is safe.
 */
function pickFromSet(keys: unknown[], keyId: string | undefined): Record<string, unknown> {
  const jwks = keys.filter((k): k is Record<string, unknown> => typeof k === 'object' && k !== null);
  const priv = jwks.filter((k) => typeof k.d === 'string');
  const kids = priv.map((k) => (typeof k.kid === 'string' ? k.kid : '(no kid)')).join(', ');
  if (priv.length === 0)
    throw configError(
      'The JWK Set holds only public keys. Use the private key whose public half is registered on the service app.',
    );
  if (keyId) {
    const named = priv.find((k) => k.kid === keyId);
    if (!named)
      throw configError(
        `The JWK Set has no private key with key id "${keyId}" (it has: ${kids}). Enter one of those key ids, or leave the key id empty if the set holds a single key.`,
      );
    return named;
  }
  if (priv.length > 1)
    throw configError(
      `The JWK Set holds ${priv.length} private keys (${kids}). Enter the key id of the one registered on the service app.`,
    );
  return priv[0]!;
}

function parseJson(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // JSON.parse's message quotes the input, which here is the private key: never pass it on.
  }
  throw configError(
    'The private key looks like a JWK but is not valid JSON. Paste or pick the whole JWK again, exactly as saved.',
  );
}

export function loadSigningKey(
  input: string | Record<string, unknown>,
  keyId?: string,
  passphrase?: string,
): SigningKey {
  let key: KeyObject;
  let kid = keyId;
  try {
    if (typeof input === 'object' || input.trim().startsWith('{')) {
      let jwk = typeof input === 'object' ? input : parseJson(input);
      if (Array.isArray(jwk.keys)) {
        jwk = pickFromSet(jwk.keys, keyId);
      } else if (keyId && typeof jwk.kid === 'string' && jwk.kid !== keyId) {
        throw configError(
          `The JWK carries key id "${jwk.kid}" but the key id "${keyId}" was entered. Leave the key id empty to use the JWK's own.`,
        );
      }
      if (typeof jwk.d !== 'string') {
        throw configError(
          'The JWK has no private part ("d"). Paste the private key, not the public one registered in Okta.',
        );
      }
      kid ??= typeof jwk.kid === 'string' ? jwk.kid : undefined;
      key = createPrivateKey({ key: jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
    } else if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(input)) {
      if (isEncryptedPem(input) && !passphrase)
        throw configError(
          'The PEM private key is encrypted with a passphrase. Enter its passphrase, or decrypt it first (openssl pkey -in key.pem -out key-plain.pem).',
        );
      try {
        key = createPrivateKey(
          passphrase ? { key: input, format: 'pem', passphrase } : { key: input, format: 'pem' },
        );
      } catch (e) {
        if (passphrase && isEncryptedPem(input))
          throw configError('The passphrase does not decrypt this private key. Check it and try again.', e);
        throw e;
      }
    } else if (/-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)/.test(input)) {
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
