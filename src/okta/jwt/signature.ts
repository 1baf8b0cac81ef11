// Checking a JWS signature against one public JWK with node:crypto: RS256/384/512, PS256/384/512 and
// ES256/384/512 (Okta signs with RS256; the others cost nothing extra). Key objects are built once per
// JWK, so a hover over a token whose keys are cached does no work beyond the verify itself.
import { createPublicKey, verify, constants, type KeyObject } from 'node:crypto';

export interface PublicJwk {
  kty?: string;
  kid?: string;
  alg?: string;
  use?: string;
  [k: string]: unknown;
}

const HASH: Record<string, string> = { '256': 'sha256', '384': 'sha384', '512': 'sha512' };
const EC_CURVE: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };

export const SUPPORTED_ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
];

const keyObjects = new WeakMap<PublicJwk, KeyObject | Error>();

function keyObject(jwk: PublicJwk): KeyObject | Error {
  let k = keyObjects.get(jwk);
  if (!k) {
    try {
      // Only the public members: a JWKS that carried private ones must not turn into a private key.
      const { kty, n, e, crv, x, y } = jwk;
      k = createPublicKey({
        key: { kty, n, e, crv, x, y } as import('node:crypto').JsonWebKey,
        format: 'jwk',
      });
    } catch (e) {
      k = e instanceof Error ? e : new Error(String(e));
    }
    keyObjects.set(jwk, k);
  }
  return k;
}

export type SignatureCheck =
  | { ok: true }
  | { ok: false; problem: 'bad-signature' }
  | { ok: false; problem: 'unsupported-alg' | 'key-mismatch'; reason: string };

/** Why a token's `alg` cannot be checked here, or undefined when it can. */
export function algProblem(alg: string | undefined): string | undefined {
  if (alg && SUPPORTED_ALGS.includes(alg)) return undefined;
  return alg === 'none'
    ? 'the token is unsigned (alg "none"), so nothing vouches for it'
    : `its algorithm ${alg ? `"${alg}"` : '(none given)'} is not one this check supports (${SUPPORTED_ALGS.join(', ')})`;
}

/** Verifies `signature` over `signingInput` with `jwk` for `alg`. Never throws. */
export function checkSignature(
  alg: string | undefined,
  jwk: PublicJwk,
  signingInput: string,
  signature: Buffer,
): SignatureCheck {
  const unsupported = algProblem(alg);
  if (unsupported || !alg) return { ok: false, problem: 'unsupported-alg', reason: unsupported ?? '' };
  const family = alg.slice(0, 2);
  const wantKty = family === 'ES' ? 'EC' : 'RSA';
  if (jwk.kty !== wantKty)
    return {
      ok: false,
      problem: 'key-mismatch',
      reason: `the key ${jwk.kid ?? ''} is ${String(jwk.kty)}, but ${alg} needs ${wantKty}`,
    };
  if (typeof jwk.alg === 'string' && jwk.alg !== alg)
    return {
      ok: false,
      problem: 'key-mismatch',
      reason: `the key ${jwk.kid ?? ''} is for ${jwk.alg}, but the token says ${alg}`,
    };
  if (family === 'ES' && jwk.crv !== EC_CURVE[alg])
    return {
      ok: false,
      problem: 'key-mismatch',
      reason: `${alg} needs curve ${EC_CURVE[alg]}, the key is ${String(jwk.crv)}`,
    };
  const key = keyObject(jwk);
  if (key instanceof Error)
    return {
      ok: false,
      problem: 'key-mismatch',
      reason: `the published key ${jwk.kid ?? ''} is not a usable public key`,
    };
  const hash = HASH[alg.slice(2)];
  try {
    const ok = verify(
      hash,
      Buffer.from(signingInput),
      family === 'ES'
        ? { key, dsaEncoding: 'ieee-p1363' }
        : family === 'PS'
          ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
          : key,
      signature,
    );
    return ok ? { ok: true } : { ok: false, problem: 'bad-signature' };
  } catch {
    // A signature of the wrong length and the like: it does not verify.
    return { ok: false, problem: 'bad-signature' };
  }
}
