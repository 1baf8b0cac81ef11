// The OAuth 2.0 / OIDC face of the org's authorization servers: per server (each custom one, and the
// org server) its key ring, its JWKS (`/oauth2/{id}/v1/keys`, org: `/oauth2/v1/keys`), its discovery
// documents (`/oauth2/{id}/.well-known/openid-configuration` and `…/oauth-authorization-server`, org:
// `/.well-known/…`), key rotation, and JWT minting for tests. Document contents follow Okta's OAuth
// spec examples (docs: "Discovery"): endpoints under the issuer, `registration_endpoint` on the org,
// custom scopes only when `metadataPublish` is ALL_CLIENTS, custom claims never.
import type { OrgData } from '../data';
import { json, oktaErrorReply, type Reply } from '../http';
import { ASSERTION_ALGS } from '../oauth';
import { Rng } from '../rng';
import { KeyRing } from './keys';
import { signRs256, tokenClaims, type MintJwtOptions } from './jwt';

const AUTH_METHODS = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
  'none',
];
const SIGNING_ALGS = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'];
/** Okta's example header on /v1/keys; the content may lag behind a rotation. */
const KEYS_CACHE_CONTROL = 'max-age=3832304, must-revalidate';

/** Which server a /oauth2/… path names: a custom server's id, `null` for the org server. */
export function oauthPath(
  path: string,
): { serverId: string | null; what: 'keys' | 'openid' | 'oauth' } | undefined {
  // The org server: /oauth2/v1/keys and /.well-known/* at the org's root.
  if (path === '/oauth2/v1/keys') return { serverId: null, what: 'keys' };
  const org = /^\/\.well-known\/(openid-configuration|oauth-authorization-server)$/.exec(path);
  if (org) return { serverId: null, what: org[1] === 'openid-configuration' ? 'openid' : 'oauth' };
  const m =
    /^\/oauth2\/([^/]+)(?:\/v1\/keys|\/\.well-known\/(openid-configuration|oauth-authorization-server))$/.exec(
      path,
    );
  if (!m || m[1] === 'v1') return undefined;
  let serverId: string;
  try {
    serverId = decodeURIComponent(m[1]);
  } catch {
    serverId = m[1];
  }
  return {
    serverId,
    what: m[2] === undefined ? 'keys' : m[2] === 'openid-configuration' ? 'openid' : 'oauth',
  };
}

export class AuthServers {
  private readonly rings = new Map<number, KeyRing>();
  private orgRing?: KeyRing;

  constructor(
    private readonly org: OrgData,
    private readonly origin: string,
    /** The Management API's view of a server's kids before any rotation (ACTIVE, NEXT, EXPIRED). */
    private readonly initialKids: (serverIdx: number) => { next: string; expired: string; rng: Rng },
  ) {}

  /** A custom server's key ring (by index), created on first use. */
  ring(serverIdx: number): KeyRing {
    let ring = this.rings.get(serverIdx);
    if (!ring) {
      const server = this.org.servers[serverIdx];
      const k = this.initialKids(serverIdx);
      ring = new KeyRing(
        `${String(this.org.seed)}\u0000server\u0000${server.id}`,
        [k.expired, server.kid, k.next],
        k.rng,
      );
      this.rings.set(serverIdx, ring);
    }
    return ring;
  }

  private ringOf(serverIdx: number | null): KeyRing {
    if (serverIdx !== null) return this.ring(serverIdx);
    if (!this.orgRing) {
      const rng = new Rng(this.org.seed, 'org-keys');
      const kids = [rng.oktaId('kid').slice(3), rng.oktaId('kid').slice(3), rng.oktaId('kid').slice(3)];
      this.orgRing = new KeyRing(`${String(this.org.seed)}\u0000org`, [kids[0], kids[1], kids[2]], rng);
    }
    return this.orgRing;
  }

  /** Resolves a server id (undefined/null: the org server); throws for an unknown id. */
  private resolve(serverId: string | null | undefined): number | null {
    if (serverId === undefined || serverId === null) return null;
    const i = this.org.serverIdxOf(serverId);
    if (i === undefined) throw new Error(`No authorization server ${serverId} in this org.`);
    return i;
  }

  issuer(serverIdx: number | null): string {
    return serverIdx === null ? this.origin : `${this.origin}/oauth2/${this.org.servers[serverIdx].id}`;
  }

  /** keyRotate on a custom server (or the org server): returns the new ACTIVE kid. */
  rotate(serverId: string | null | undefined, now = Date.now()): string {
    const i = this.resolve(serverId);
    const kid = this.ringOf(i).rotate();
    if (i !== null) {
      const s = this.org.servers[i];
      s.kid = kid;
      s.lastRotated = Math.floor(now / 1000) * 1000;
    }
    return kid;
  }

  activeKid(serverId: string | null | undefined): string {
    return this.ringOf(this.resolve(serverId)).activeKid;
  }

  /** A signed JWT from a server, with Okta's claims (see jwt.ts); options override any of them. */
  mint(o: MintJwtOptions = {}): string {
    const i = this.resolve(o.serverId);
    const clients = i === null ? this.org.apps.map((_, a) => a) : this.org.clientsOf(i);
    const clientId = o.clientId ?? this.org.apps[clients[0] ?? 0]?.clientId ?? '0oa00000000000000000';
    let user: { id: string; login: string } | undefined;
    if (o.userId !== null) {
      const rec = o.userId === undefined ? this.org.users[0] : this.org.users.find((u) => u.id === o.userId);
      const login = rec && ((rec as { login?: string }).login ?? rec.email);
      user =
        rec && login
          ? { id: rec.id, login }
          : { id: o.userId ?? '00u00000000000000000', login: 'someone@example.com' };
    }
    const scopes =
      o.scopes ??
      (i === null
        ? ['openid', 'profile']
        : [
            'openid',
            'offline_access',
            ...this.org
              .scopes(i)
              .filter((s) => !s.system)
              .slice(0, 1)
              .map((s) => s.name),
          ]);
    const claims = tokenClaims(o, {
      issuer: this.issuer(i),
      // The org server's access tokens are for Okta's APIs: their audience is the org.
      audience: i === null ? this.origin : this.org.servers[i].audience,
      clientId,
      user,
      scopes,
    });
    const { kid, key } = this.ringOf(i).signingKey(o.signWith ?? 'ACTIVE');
    return signRs256(claims, kid, key);
  }

  /** Keys as the Management API lists them (credentials/keys), with `_links`. */
  managementKeys(serverIdx: number, base: string): Array<Record<string, unknown>> {
    return this.ring(serverIdx)
      .listed()
      .map(({ status, jwk }) => ({
        status,
        ...jwk,
        _links: { self: { href: `${base}/credentials/keys/${jwk.kid}`, hints: { allow: ['GET'] } } },
      }));
  }

  /** GET /oauth2/{id}/v1/keys, /oauth2/{id}/.well-known/*, /oauth2/v1/keys, /.well-known/*. */
  reply(serverId: string | null, what: 'keys' | 'openid' | 'oauth', query: URLSearchParams): Reply {
    let i: number | null;
    try {
      i = this.resolve(serverId);
    } catch {
      return oktaErrorReply(
        404,
        'E0000007',
        `Not found: Resource not found: ${serverId ?? ''} (AuthorizationServer)`,
      );
    }
    if (what === 'keys') {
      return json(
        200,
        {
          keys: this.ringOf(i)
            .listed()
            .map((k) => k.jwk),
        },
        { 'Cache-Control': KEYS_CACHE_CONTROL },
      );
    }
    void query; // ?client_id= only changes the issuer for a client's issuer_mode; the emulator has one mode.
    return json(200, this.discovery(i, what === 'openid'));
  }

  private discovery(i: number | null, oidc: boolean): Record<string, unknown> {
    const issuer = this.issuer(i);
    // The org server's issuer is the org itself; its endpoints live under /oauth2/v1.
    const base = i === null ? `${this.origin}/oauth2` : issuer;
    const scopes =
      i === null
        ? ['openid', 'profile', 'email', 'address', 'phone', 'offline_access']
        : this.org
            .scopes(i)
            .filter((s) => s.system || s.metadataPublish === 'ALL_CLIENTS')
            .map((s) => s.name);
    const doc: Record<string, unknown> = {
      issuer,
      authorization_endpoint: `${base}/v1/authorize`,
      token_endpoint: `${base}/v1/token`,
      ...(oidc ? { userinfo_endpoint: `${base}/v1/userinfo` } : {}),
      registration_endpoint: `${this.origin}/oauth2/v1/clients`,
      jwks_uri: `${base}/v1/keys`,
      response_types_supported: [
        'code',
        'id_token',
        'code id_token',
        'code token',
        'id_token token',
        'code id_token token',
      ],
      response_modes_supported: ['query', 'fragment', 'form_post', 'okta_post_message'],
      grant_types_supported: [
        'authorization_code',
        'implicit',
        'refresh_token',
        'password',
        ...(oidc ? [] : ['client_credentials']),
        'urn:ietf:params:oauth:grant-type:device_code',
      ],
      subject_types_supported: ['public'],
      ...(oidc ? { id_token_signing_alg_values_supported: ['RS256'] } : {}),
      scopes_supported: scopes,
      token_endpoint_auth_methods_supported: AUTH_METHODS,
      claims_supported: oidc
        ? [
            'iss',
            'ver',
            'sub',
            'aud',
            'iat',
            'exp',
            'jti',
            'auth_time',
            'amr',
            'idp',
            'nonce',
            'name',
            'email',
            'email_verified',
            'preferred_username',
          ]
        : ['ver', 'jti', 'iss', 'aud', 'iat', 'exp', 'cid', 'uid', 'scp', 'sub'],
      code_challenge_methods_supported: ['S256'],
      introspection_endpoint: `${base}/v1/introspect`,
      introspection_endpoint_auth_methods_supported: AUTH_METHODS,
      revocation_endpoint: `${base}/v1/revoke`,
      revocation_endpoint_auth_methods_supported: AUTH_METHODS,
      end_session_endpoint: `${base}/v1/logout`,
      request_parameter_supported: true,
      request_object_signing_alg_values_supported: SIGNING_ALGS,
      device_authorization_endpoint: `${base}/v1/device/authorize`,
      pushed_authorization_request_endpoint: `${base}/v1/par`,
      dpop_signing_alg_values_supported: ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'],
    };
    if (i === null) {
      // What the emulator's org token endpoint implements: client_credentials with private_key_jwt.
      doc.grant_types_supported = ['client_credentials'];
      doc.token_endpoint_auth_methods_supported = ['private_key_jwt'];
      doc.token_endpoint_auth_signing_alg_values_supported = ASSERTION_ALGS;
    }
    return doc;
  }
}
