// Turns generator records into the JSON bodies Okta's Management API returns (shapes from the
// OpenAPI spec's AuthorizationServer, OAuth2Client, OAuth2RefreshToken, OAuth2Scope schemas).
// Links are absolute on the emulator's own origin, as Okta's are on the org's domain.
import type { OrgData, ScopeRec, TokenRec } from './data';

const iso = (ms: number): string => new Date(ms).toISOString();

export class Renderer {
  constructor(
    private readonly org: OrgData,
    private readonly origin: string,
  ) {}

  private serverPath(serverIdx: number): string {
    return `${this.origin}/api/v1/authorizationServers/${encodeURIComponent(this.org.servers[serverIdx].id)}`;
  }

  issuer(serverIdx: number): string {
    return `${this.origin}/oauth2/${this.org.servers[serverIdx].id}`;
  }

  server(serverIdx: number): Record<string, unknown> {
    const s = this.org.servers[serverIdx];
    const base = this.serverPath(serverIdx);
    const signing: Record<string, unknown> = {
      rotationMode: s.rotationMode,
      lastRotated: iso(s.lastRotated),
      use: 'sig',
      kid: s.kid,
    };
    // nextRotation is only present for AUTO rotation (spec: AuthorizationServerCredentialsSigningConfig).
    if (s.rotationMode === 'AUTO') signing.nextRotation = iso(s.lastRotated + 90 * 24 * 3600_000);
    const issuer = this.issuer(serverIdx);
    return {
      id: s.id,
      name: s.name,
      description: s.description,
      audiences: [s.audience],
      issuer,
      issuerMode: 'ORG_URL',
      status: s.status,
      created: iso(s.created),
      lastUpdated: iso(s.lastUpdated),
      credentials: { signing },
      _links: {
        scopes: { href: `${base}/scopes`, hints: { allow: ['GET'] } },
        claims: { href: `${base}/claims`, hints: { allow: ['GET'] } },
        policies: { href: `${base}/policies`, hints: { allow: ['GET'] } },
        self: { href: base, hints: { allow: ['GET', 'DELETE', 'PUT'] } },
        metadata: [
          {
            name: 'oauth-authorization-server',
            href: `${issuer}/.well-known/oauth-authorization-server`,
            hints: { allow: ['GET'] },
          },
          {
            name: 'openid-configuration',
            href: `${issuer}/.well-known/openid-configuration`,
            hints: { allow: ['GET'] },
          },
        ],
        rotateKey: { href: `${base}/credentials/lifecycle/keyRotate`, hints: { allow: ['POST'] } },
        ...(s.status === 'ACTIVE'
          ? { deactivate: { href: `${base}/lifecycle/deactivate`, hints: { allow: ['POST'] } } }
          : { activate: { href: `${base}/lifecycle/activate`, hints: { allow: ['POST'] } } }),
      },
    };
  }

  client(serverIdx: number, appIdx: number): Record<string, unknown> {
    const app = this.org.apps[appIdx];
    const clientHref = `${this.origin}/oauth2/v1/clients/${app.clientId}`;
    // client_uri / logo_uri are null for most apps in real orgs, but the spec types them as plain
    // strings, so they are left out rather than sent as null.
    return {
      client_id: app.clientId,
      client_name: app.name,
      _links: {
        self: { href: clientHref },
        client: { href: clientHref, title: app.name },
        tokens: {
          href: `${this.serverPath(serverIdx)}/clients/${app.clientId}/tokens`,
          hints: { allow: ['GET', 'DELETE'] },
        },
      },
    };
  }

  /**
   * A token's JSON text, cached per token and invalidated when a revoke changes it. Benchmarks page
   * through 10^5 tokens with embedded scopes; rendering each page anew made the emulator, not the
   * client under test, the bottleneck.
   */
  tokenJson(serverIdx: number, appIdx: number, t: TokenRec, expandScope: boolean): string {
    const stamp = `${t.status}|${t.lastUpdated}|${expandScope ? 1 : 0}`;
    const hit = this.jsonCache.get(t);
    if (hit?.stamp === stamp) return hit.text;
    const text = JSON.stringify(this.token(serverIdx, appIdx, t, expandScope));
    this.jsonCache.set(t, { stamp, text });
    return text;
  }

  private readonly jsonCache = new WeakMap<TokenRec, { stamp: string; text: string }>();

  token(serverIdx: number, appIdx: number, t: TokenRec, expandScope: boolean): Record<string, unknown> {
    const server = this.org.servers[serverIdx];
    const app = this.org.apps[appIdx];
    const user = this.org.users[t.userIdx];
    const scopes = this.org.scopes(serverIdx);
    const self = `${this.serverPath(serverIdx)}/clients/${app.clientId}/tokens/${t.id}`;
    const body: Record<string, unknown> = {
      id: t.id,
      status: t.status,
      created: iso(t.created),
      lastUpdated: iso(t.lastUpdated),
      expiresAt: iso(t.expiresAt),
      issuer: this.issuer(serverIdx),
      clientId: app.clientId,
      userId: user.id,
      scopes: t.scopeIdx.map((i) => scopes[i].name),
    };
    if (expandScope) {
      body._embedded = { scopes: t.scopeIdx.map((i) => this.embeddedScope(serverIdx, scopes[i])) };
    }
    body._links = {
      app: { href: `${this.origin}/api/v1/apps/${app.clientId}`, title: app.name },
      self: { href: self },
      revoke: { href: self, hints: { allow: ['DELETE'] } },
      client: { href: `${this.origin}/oauth2/v1/clients/${app.clientId}`, title: app.name },
      user: { href: `${this.origin}/api/v1/users/${user.id}`, title: `${user.firstName} ${user.lastName}` },
      authorizationServer: { href: this.serverPath(serverIdx), title: server.name },
    };
    return body;
  }

  private embeddedScope(serverIdx: number, s: ScopeRec): Record<string, unknown> {
    return {
      id: s.id,
      name: s.name,
      displayName: s.displayName,
      description: s.description,
      _links: { scope: { href: `${this.serverPath(serverIdx)}/scopes/${s.id}`, title: s.name } },
    };
  }

  scope(serverIdx: number, s: ScopeRec): Record<string, unknown> {
    return {
      id: s.id,
      name: s.name,
      displayName: s.displayName,
      description: s.description,
      system: s.system,
      default: s.default,
      optional: s.optional,
      metadataPublish: s.metadataPublish,
      consent: s.consent,
      _links: {
        self: {
          href: `${this.serverPath(serverIdx)}/scopes/${s.id}`,
          hints: { allow: ['GET', 'PUT', 'DELETE'] },
        },
      },
    };
  }
}
