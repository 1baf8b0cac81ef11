// DPoP proof verification (RFC 9449) as Okta applies it: on the token endpoint (with a server
// nonce) and on resource calls (with `ath` and the key the access token is bound to).
import { calculateJwkThumbprint, decodeProtectedHeader, EmbeddedJWK, jwtVerify, type JWK } from 'jose';
import { createHash } from 'node:crypto';

export const DPOP_ALGS = [
  'RS256',
  'RS384',
  'RS512',
  'ES256',
  'ES384',
  'ES512',
  'PS256',
  'PS384',
  'PS512',
  'EdDSA',
];

/** Proofs older than this are rejected (Okta: `invalid_dpop_proof_jwt_too_old`, 5 minutes). */
const MAX_AGE_SECONDS = 300;
/** Allowed clock skew for proofs from the future. */
const FUTURE_SKEW_SECONDS = 60;

export class DpopError extends Error {
  constructor(
    /** Okta's sub-reason, e.g. dpop_proof_invalid_ath. */
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

/** Remembers ids (jti) for a while to reject replays. */
export class ReplayCache {
  private readonly seen = new Map<string, number>();

  constructor(private readonly ttlMs: number) {}

  /** true if the id is new (and remembers it); false if it was used before within the TTL. */
  remember(id: string, now = Date.now()): boolean {
    if (this.seen.size > 10_000) for (const [k, exp] of this.seen) if (exp < now) this.seen.delete(k);
    const exp = this.seen.get(id);
    if (exp !== undefined && exp >= now) return false;
    this.seen.set(id, now + this.ttlMs);
    return true;
  }
}

export function accessTokenHash(token: string): string {
  return createHash('sha256').update(token, 'ascii').digest('base64url');
}

export interface ProofExpectations {
  htm: string;
  /** Absolute URL without query or fragment. */
  htu: string;
  /** When set, the proof must carry ath = base64url(sha256(accessToken)). */
  accessToken?: string;
}

export interface VerifiedProof {
  jkt: string;
  nonce?: string;
}

/** Verifies the proof's form, signature and claims; throws DpopError with Okta-like reasons. */
export async function verifyProof(
  proof: string,
  expect: ProofExpectations,
  jtis: ReplayCache,
): Promise<VerifiedProof> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(proof);
  } catch {
    throw new DpopError('dpop_proof_invalid', 'The DPoP proof is not a JWT.');
  }
  if (header.typ !== 'dpop+jwt')
    throw new DpopError('dpop_proof_invalid_typ', "The DPoP proof's typ header must be dpop+jwt.");
  if (!header.alg || !DPOP_ALGS.includes(header.alg)) {
    throw new DpopError(
      'dpop_proof_invalid_alg',
      `The DPoP proof is signed with an unsupported algorithm (${header.alg ?? 'none'}).`,
    );
  }
  const jwk = header.jwk as JWK | undefined;
  if (!jwk) throw new DpopError('dpop_proof_missing_jwk', 'The DPoP proof header has no jwk.');
  if ('d' in jwk) throw new DpopError('dpop_proof_invalid_jwk', 'The DPoP proof jwk contains a private key.');
  let payload: Awaited<ReturnType<typeof jwtVerify>>['payload'];
  try {
    ({ payload } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', algorithms: DPOP_ALGS }));
  } catch (e) {
    throw new DpopError(
      'dpop_proof_invalid_signature',
      `The DPoP proof signature does not verify (${(e as Error).message}).`,
    );
  }
  if (payload.htm !== expect.htm) {
    throw new DpopError(
      'dpop_proof_invalid_htm',
      `The DPoP proof htm "${String(payload.htm)}" does not match the request method ${expect.htm}.`,
    );
  }
  if (payload.htu !== expect.htu) {
    throw new DpopError(
      'dpop_proof_invalid_htu',
      `The DPoP proof htu "${String(payload.htu)}" does not match the request URL ${expect.htu}.`,
    );
  }
  const now = Math.floor(Date.now() / 1000);
  if (typeof payload.iat !== 'number')
    throw new DpopError('dpop_proof_missing_iat', 'The DPoP proof has no iat.');
  if (payload.iat < now - MAX_AGE_SECONDS) {
    throw new DpopError('invalid_dpop_proof_jwt_too_old', 'The DPoP proof is older than 5 minutes.');
  }
  if (payload.iat > now + FUTURE_SKEW_SECONDS)
    throw new DpopError('dpop_proof_iat_in_future', 'The DPoP proof iat is in the future.');
  if (typeof payload.jti !== 'string' || payload.jti === '')
    throw new DpopError('dpop_proof_missing_jti', 'The DPoP proof has no jti.');
  if (expect.accessToken !== undefined && payload.ath !== accessTokenHash(expect.accessToken)) {
    throw new DpopError('dpop_proof_invalid_ath', 'The DPoP proof ath does not match the access token.');
  }
  // Replay is checked last so that a rejected proof does not burn its jti.
  if (!jtis.remember(payload.jti))
    throw new DpopError('dpop_proof_already_used', 'The DPoP proof jti was already used.');
  return {
    jkt: await calculateJwkThumbprint(jwk, 'sha256'),
    nonce: typeof payload.nonce === 'string' ? payload.nonce : undefined,
  };
}
