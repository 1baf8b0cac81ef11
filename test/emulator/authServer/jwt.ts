// JWTs as Okta's authorization servers issue them, for tests: RS256 compact tokens signed with the
// server's ACTIVE key (header `kid`), with the claims Okta documents for access tokens from a custom
// server (ver, jti AT.…, iss, aud = the server's audience, iat, exp, cid, uid, scp, sub = the user's
// login) and for ID tokens (ver, jti ID.…, sub = user id, iss, aud = client_id, iat, exp, amr, idp,
// auth_time). The emulator has no /authorize flow, so tests mint tokens through this instead.
import { randomBytes, sign, type KeyObject } from 'node:crypto';

export type JwtClaims = Record<string, unknown>;

/** Signs `claims` as a compact RS256 JWS with `kid` in the header. */
export function signRs256(claims: JwtClaims, kid: string, key: KeyObject, header: JwtClaims = {}): string {
  const enc = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${enc({ kid, alg: 'RS256', ...header })}.${enc(claims)}`;
  const sig = sign('sha256', Buffer.from(input), key).toString('base64url');
  return `${input}.${sig}`;
}

export interface MintJwtOptions {
  /** A custom server's id; undefined for the org authorization server. */
  serverId?: string;
  /** 'access' (default) or 'id'. */
  kind?: 'access' | 'id';
  /** Default: the server's first client (the org server: the org's first app). */
  clientId?: string;
  /** A user id (00u…); default the org's first user; null for a token without a user (client_credentials). */
  userId?: string | null;
  scopes?: string[];
  /** Seconds from `issuedAt` to `exp` (default 3600; Okta's access-token default is 1 h). */
  lifetimeSeconds?: number;
  /** iat in epoch seconds (default now). A past iat with a short lifetime gives an expired token. */
  issuedAt?: number;
  /** nbf in epoch seconds (Okta sends none; for a token not yet valid). */
  notBefore?: number;
  /** Overrides aud. */
  audience?: string | string[];
  /** Which key signs: the ACTIVE one (default), NEXT, EXPIRED, or one rotated out of the JWKS ('dropped'). */
  signWith?: 'ACTIVE' | 'NEXT' | 'EXPIRED' | 'dropped';
  /** Claims added or replaced after the defaults. */
  claims?: JwtClaims;
}

/** The claims of a minted token, before signing; `issuer`, `audience`, ids are resolved by the caller. */
export function tokenClaims(
  o: MintJwtOptions,
  resolved: {
    issuer: string;
    audience: string;
    clientId: string;
    user?: { id: string; login: string };
    scopes: string[];
  },
): JwtClaims {
  const iat = o.issuedAt ?? Math.floor(Date.now() / 1000);
  const exp = iat + (o.lifetimeSeconds ?? 3600);
  const jti = (prefix: string): string => `${prefix}.${randomBytes(24).toString('base64url')}`;
  const { issuer, clientId, user } = resolved;
  const base: JwtClaims =
    o.kind === 'id'
      ? {
          ver: 1,
          sub: user?.id ?? clientId,
          iss: issuer,
          aud: o.audience ?? clientId,
          iat,
          exp,
          jti: jti('ID'),
          amr: ['pwd'],
          idp: '00o1idp0000000000000',
          auth_time: iat - 60,
          ...(user ? { preferred_username: user.login } : {}),
        }
      : {
          ver: 1,
          jti: jti('AT'),
          iss: issuer,
          aud: o.audience ?? resolved.audience,
          iat,
          exp,
          cid: clientId,
          ...(user ? { uid: user.id } : {}),
          scp: resolved.scopes,
          ...(user ? { auth_time: iat - 60 } : {}),
          // Okta: the user's login for a user's token, the client id for client_credentials.
          sub: user?.login ?? clientId,
        };
  if (o.notBefore !== undefined) base.nbf = o.notBefore;
  return { ...base, ...o.claims };
}
