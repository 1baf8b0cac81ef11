// The key pair of each app that authenticates with private_key_jwt: derived from the seed (the same
// org always registers the same public key), its public half published in the app's
// settings.oauthClient.jwks, its private half handed only to tests (clientKey()) so they can sign
// client assertions as the app would. Assertions are checked here, synchronously, with node:crypto.
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { AppRec, OrgData } from '../data';
import { deriveRsaKey } from './keys';

export function appKeyPair(
  org: OrgData,
  app: AppRec,
): { privateKey: KeyObject; jwk: Record<string, string> } {
  const pair = deriveRsaKey(`${String(org.seed)}\u0000client\u0000${app.clientId}`);
  return {
    privateKey: pair.privateKey,
    jwk: {
      kid: `${app.clientId}-key-1`,
      status: 'ACTIVE',
      kty: 'RSA',
      alg: 'RS256',
      use: 'sig',
      e: pair.e,
      n: pair.n,
    },
  };
}

/** Why an assertion is refused, or undefined when it is good: RS256 by the app's key, iss = sub = client, aud, exp. */
export function assertionProblem(
  org: OrgData,
  app: AppRec,
  assertion: string,
  audience: string,
  nowMs: number,
): string | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3) return 'The client_assertion is not a well-formed JWT.';
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'The client_assertion is not a well-formed JWT.';
  }
  if (header.alg !== 'RS256') return 'The client_assertion must be signed with RS256 by the registered key.';
  const { jwk } = appKeyPair(org, app);
  const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
  const ok = verify(
    'sha256',
    Buffer.from(`${parts[0]}.${parts[1]}`),
    key,
    Buffer.from(parts[2], 'base64url'),
  );
  if (!ok) return 'The client_assertion signature is invalid.';
  if (claims.iss !== app.clientId || claims.sub !== app.clientId)
    return 'The client_assertion iss and sub must be the client_id.';
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(audience)) return `The client_assertion aud must be ${audience}.`;
  const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : NaN;
  if (!(exp > nowMs)) return 'The client_assertion has expired.';
  if (exp > nowMs + 3600_000 + 60_000) return 'The client_assertion expires more than one hour ahead.';
  return undefined;
}
