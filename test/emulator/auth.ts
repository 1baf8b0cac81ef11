// Authentication and authorization for /api/v1 calls: SSWS API tokens (with an admin role or
// without), OAuth access tokens as Bearer, and DPoP-bound ones as `DPoP` plus a proof. Scope
// failures answer as Okta does for OAuth: 403, empty body, the reason in WWW-Authenticate.
import type { IncomingHttpHeaders } from 'node:http';
import { DpopError, verifyProof } from './dpop';
import { empty, oktaErrorReply, type Reply } from './http';
import type { IssuedToken, OAuthServer } from './oauth';

/** What an SSWS token's admin may do: everything, read only, or nothing (no admin role). */
export type SswsRole = 'full' | 'read-only' | 'none';

/** `key` is the SSWS token's opaque principal key (never its value). */
export type Principal = { kind: 'ssws'; role: SswsRole; key: string } | { kind: 'oauth'; token: IssuedToken };

/**
 * The OAuth scope family a path needs (spec `security` of each operation): `<family>.read` for reads,
 * `<family>.manage` for changes; the System Log is read only.
 */
function scopeFamily(path: string): string {
  if (path.startsWith('/api/v1/users')) return 'okta.users';
  if (/^\/api\/v1\/apps\/[^/]+\/grants/.test(path)) return 'okta.appGrants';
  if (path.startsWith('/api/v1/apps')) return 'okta.apps';
  if (path.startsWith('/api/v1/logs')) return 'okta.logs';
  return 'okta.authorizationServers';
}

export class ApiAuth {
  /** Opaque principal keys for the rate limiter, so token values never leave this class. */
  private readonly sswsKeys = new Map<string, string>();

  constructor(
    private readonly origin: string,
    private readonly ssws: Map<string, SswsRole>,
    private readonly oauth: OAuthServer,
  ) {
    for (const t of ssws.keys()) this.sswsKeys.set(t, `ssws#${this.sswsKeys.size + 1}`);
  }

  /**
   * Which principal a request counts against for per-principal rate limits: the SSWS token, or the
   * service app an access token was issued to (every token of one app shares its ceiling, as in Okta).
   * Only looks the credential up; it is verified later. Unknown credentials have no principal.
   */
  principalKey(headers: IncomingHttpHeaders): string | undefined {
    const m = /^(\S+)\s+(.+)$/.exec((headers.authorization ?? '').trim());
    if (!m) return undefined;
    const scheme = m[1].toLowerCase();
    const credential = m[2].trim();
    if (scheme === 'ssws') return this.sswsKeys.get(credential);
    if (scheme === 'bearer' || scheme === 'dpop') {
      const token = this.oauth.lookup(credential);
      return token ? `app:${token.clientId}` : undefined;
    }
    return undefined;
  }

  private challenge(scheme: 'Bearer' | 'DPoP', params: Record<string, string>): string {
    const all = { authorization_uri: `${this.origin}/oauth2/v1/authorize`, realm: this.origin, ...params };
    return `${scheme} ${Object.entries(all)
      .map(([k, v]) => `${k}="${v.replace(/"/g, "'")}"`)
      .join(', ')}`;
  }

  private invalidToken(
    description: string,
    scheme: 'Bearer' | 'DPoP' = 'Bearer',
    error = 'invalid_token',
  ): Reply {
    return oktaErrorReply(401, 'E0000011', 'Invalid token provided', [], {
      'WWW-Authenticate': this.challenge(scheme, { error, error_description: description }),
    });
  }

  /** Returns who is calling, or the reply that refuses the call. */
  async authenticate(method: string, path: string, headers: IncomingHttpHeaders): Promise<Principal | Reply> {
    const authz = headers.authorization;
    if (!authz) return oktaErrorReply(403, 'E0000005', 'Invalid session');
    const m = /^(\S+)\s+(.+)$/.exec(authz.trim());
    const scheme = m?.[1].toLowerCase();
    const credential = m?.[2].trim() ?? '';
    if (scheme === 'ssws') {
      const role = this.ssws.get(credential);
      return role
        ? { kind: 'ssws', role, key: this.sswsKeys.get(credential) ?? 'ssws' }
        : oktaErrorReply(401, 'E0000011', 'Invalid token provided');
    }
    if (scheme === 'bearer' || scheme === 'dpop') {
      const token = this.oauth.lookup(credential);
      if (!token) return this.invalidToken('The access token is invalid.');
      if (token.expiresAt <= Date.now())
        return this.invalidToken('The token is not valid as it has expired.');
      if (scheme === 'bearer') {
        if (token.jkt) {
          return this.invalidToken(
            'The DPoP-bound access token must be sent with the DPoP authentication scheme, not Bearer (dpop_authentication_scheme_required).',
            'DPoP',
            'invalid_dpop_proof',
          );
        }
        return { kind: 'oauth', token };
      }
      if (!token.jkt)
        return this.invalidToken(
          'The access token is not DPoP-bound; send it as Bearer (access_token_not_dpop_bound).',
        );
      const proof = headers.dpop;
      if (typeof proof !== 'string' || !proof) {
        return this.invalidToken('The DPoP proof JWT header is missing.', 'DPoP', 'invalid_dpop_proof');
      }
      try {
        const verified = await verifyProof(
          proof,
          { htm: method, htu: `${this.origin}${path}`, accessToken: credential },
          this.oauth.proofJtis,
        );
        if (verified.jkt !== token.jkt) {
          return this.invalidToken(
            'The DPoP proof key is not the key the access token is bound to (dpop_proof_jkt_mismatch).',
            'DPoP',
            'invalid_dpop_proof',
          );
        }
      } catch (e) {
        if (e instanceof DpopError)
          return this.invalidToken(`${e.message} (${e.reason})`, 'DPoP', 'invalid_dpop_proof');
        throw e;
      }
      return { kind: 'oauth', token };
    }
    return oktaErrorReply(401, 'E0000011', 'Invalid token provided');
  }

  /** Checks scopes (OAuth) and the admin role; returns the refusal, or undefined when allowed. */
  authorize(principal: Principal, method: string, path: string): Reply | undefined {
    const needsManage = method !== 'GET' && method !== 'HEAD';
    if (principal.kind === 'oauth') {
      const s = principal.token.scopes;
      const family = scopeFamily(path);
      const read = `${family}.read`;
      const manage = `${family}.manage`;
      const ok = needsManage ? s.includes(manage) : s.includes(read) || s.includes(manage);
      if (!ok) {
        return empty(403, {
          'WWW-Authenticate': this.challenge('Bearer', {
            scope: needsManage ? manage : read,
            error: 'insufficient_scope',
            error_description: 'The access token provided does not contain the required scopes.',
            resource: path,
          }),
        });
      }
      if (!principal.token.adminRole) return accessDenied();
      return undefined;
    }
    if (principal.role === 'none' || (principal.role === 'read-only' && needsManage)) return accessDenied();
    return undefined;
  }
}

function accessDenied(): Reply {
  return oktaErrorReply(403, 'E0000006', 'You do not have permission to perform the requested action');
}
