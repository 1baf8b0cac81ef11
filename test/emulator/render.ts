// Turns generator records into the JSON bodies Okta's Management API returns (shapes from the
// OpenAPI spec's AuthorizationServer, OAuth2Client, OAuth2RefreshToken, OAuth2Scope, User,
// OpenIdConnectApplication and OAuth2ScopeConsentGrant schemas).
// Links are absolute on the emulator's own origin, as Okta's are on the org's domain.
import type { OrgData, ScopeRec, TokenRec } from './data';
import { appKeyPair } from './authServer/clientKeys';
import type { GrantRec } from './grants';
import { Rng } from './rng';

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

  /** A client as listed under a user (`/users/{userId}/clients`): its links lead to that user's grants and tokens. */
  userClient(userIdx: number, appIdx: number): Record<string, unknown> {
    const app = this.org.apps[appIdx];
    const base = `${this.origin}/api/v1/users/${this.org.users[userIdx].id}/clients/${app.clientId}`;
    return {
      client_id: app.clientId,
      client_name: app.name,
      _links: {
        self: { href: `${this.origin}/oauth2/v1/clients/${app.clientId}` },
        grants: { href: `${base}/grants`, hints: { allow: ['GET', 'DELETE'] } },
        tokens: { href: `${base}/tokens`, hints: { allow: ['GET', 'DELETE'] } },
      },
    };
  }

  /**
   * A user; `full` adds the lifecycle links a single GET returns (in a list Okta sends only `self`).
   * Credentials show the provider only: Okta never returns a password.
   */
  user(userIdx: number, full = false): Record<string, unknown> {
    const u = this.org.users[userIdx];
    const self = `${this.origin}/api/v1/users/${u.id}`;
    const links: Record<string, unknown> = { self: { href: self } };
    if (full) {
      const op = (name: string): { href: string; method: string } => ({
        href: `${self}/lifecycle/${name}`,
        method: 'POST',
      });
      if (u.status === 'STAGED' || u.status === 'PROVISIONED') links.activate = op('activate');
      if (u.status === 'DEPROVISIONED') links.reactivate = op('reactivate');
      if (u.status === 'SUSPENDED') links.unsuspend = op('unsuspend');
      if (u.status === 'LOCKED_OUT') links.unlock = op('unlock');
      if (u.status === 'ACTIVE') links.suspend = op('suspend');
      if (u.status !== 'DEPROVISIONED') {
        links.deactivate = op('deactivate');
        links.resetPassword = op('reset_password');
        links.expirePassword = op('expire_password');
      }
      links.schema = { href: `${this.origin}/api/v1/meta/schemas/user/default` };
      links.type = { href: `${this.origin}/api/v1/meta/types/user/${this.userType}` };
    }
    const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
    return {
      id: u.id,
      status: u.status,
      created: iso(u.created),
      activated: iso(u.activated),
      statusChanged: iso(u.statusChanged),
      lastLogin: iso(u.lastLogin),
      lastUpdated: iso(u.lastUpdated),
      passwordChanged: iso(u.passwordChanged),
      type: { id: this.userType },
      profile: {
        firstName: u.firstName,
        lastName: u.lastName,
        mobilePhone: null,
        secondEmail: null,
        login: u.login,
        email: u.email,
      },
      credentials: { provider: { type: 'OKTA', name: 'OKTA' } },
      _links: links,
    };
  }

  private get userType(): string {
    // The org's one user type (Okta's default type), the same for every user.
    return new Rng(this.org.seed, 'user-type').oktaId('oty');
  }

  /**
   * An OIDC app (OpenIdConnectApplication). Its id is its client_id, Okta's default when none is given.
   * No client_secret: Okta shows it only in the answer to a create or update.
   */
  app(appIdx: number): Record<string, unknown> {
    const a = this.org.apps[appIdx];
    const self = `${this.origin}/api/v1/apps/${a.clientId}`;
    return {
      id: a.clientId,
      name: 'oidc_client',
      label: a.name,
      status: 'ACTIVE',
      created: new Date(a.created).toISOString(),
      lastUpdated: new Date(a.lastUpdated).toISOString(),
      signOnMode: 'OPENID_CONNECT',
      features: [],
      accessibility: { selfService: false },
      visibility: { autoLaunch: false, autoSubmitToolbar: false, hide: { iOS: true, web: true } },
      credentials: {
        userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' },
        oauthClient: {
          autoKeyRotation: true,
          client_id: a.clientId,
          token_endpoint_auth_method: a.authMethod,
          pkce_required: a.authMethod === 'none',
        },
      },
      settings: {
        implicitAssignment: false,
        oauthClient: {
          // A service app (client_credentials only) has no redirect URIs and no refresh tokens.
          ...(a.redirectUris.length
            ? { redirect_uris: a.redirectUris, post_logout_redirect_uris: a.postLogoutRedirectUris }
            : {}),
          response_types: a.applicationType === 'service' ? ['token'] : ['code'],
          grant_types: a.grantTypes,
          application_type: a.applicationType,
          consent_method: a.consentMethod,
          issuer_mode: 'DYNAMIC',
          wildcard_redirect: 'DISABLED',
          dpop_bound_access_tokens: false,
          // The registered public key of a private_key_jwt client (derived from the seed).
          ...(a.authMethod === 'private_key_jwt' ? { jwks: { keys: [appKeyPair(this.org, a).jwk] } } : {}),
          ...(a.grantTypes.includes('refresh_token')
            ? { refresh_token: { rotation_type: a.rotationType, leeway: a.leeway } }
            : {}),
        },
      },
      _links: {
        self: { href: self },
        appLinks: [
          {
            name: 'oidc_client_link',
            href: `${this.origin}/home/oidc_client/${a.clientId}/aln5z7uhkbM6y7bMy0g7`,
            type: 'text/html',
          },
        ],
        groups: { href: `${self}/groups` },
        users: { href: `${self}/users` },
        deactivate: { href: `${self}/lifecycle/deactivate` },
      },
    };
  }

  /** A scope consent grant; a user's under `/users/{userId}/grants`, an admin's under `/apps/{appId}/grants`. */
  grant(g: GrantRec, expandScope: boolean): Record<string, unknown> {
    const app = this.org.apps[g.appIdx];
    const appLink = { href: `${this.origin}/api/v1/apps/${app.clientId}`, title: app.name };
    const clientLink = { href: `${this.origin}/oauth2/v1/clients/${app.clientId}`, title: app.name };
    if (g.source === 'ADMIN') {
      const scope = g.oktaScope ?? '';
      return {
        id: g.id,
        status: g.status,
        created: new Date(g.created).toISOString(),
        lastUpdated: new Date(g.lastUpdated).toISOString(),
        clientId: app.clientId,
        issuer: this.origin,
        scopeId: scope,
        source: g.source,
        createdBy: { id: this.org.users[this.org.adminIdx].id, type: 'User' },
        ...(expandScope ? { _embedded: { scope: { id: scope } } } : {}),
        _links: {
          self: { href: `${appLink.href}/grants/${g.id}`, hints: { allow: ['GET', 'DELETE'] } },
          app: appLink,
          client: clientLink,
          scope: { href: `${this.origin}/oauth2/v1/scopes/${scope}`, title: scope },
        },
      };
    }
    const s = g.serverIdx ?? 0;
    const user = this.org.users[g.userIdx ?? 0];
    const scope = this.org.scopes(s)[g.scopeIdx ?? 0];
    return {
      id: g.id,
      status: g.status,
      created: new Date(g.created).toISOString(),
      lastUpdated: new Date(g.lastUpdated).toISOString(),
      clientId: app.clientId,
      userId: user.id,
      issuer: this.issuer(s),
      scopeId: scope.id,
      source: g.source,
      createdBy: { id: user.id, type: 'User' },
      ...(expandScope ? { _embedded: { scope: { id: scope.id } } } : {}),
      _links: {
        self: {
          href: `${this.origin}/api/v1/users/${user.id}/grants/${g.id}`,
          hints: { allow: ['GET', 'DELETE'] },
        },
        app: appLink,
        client: clientLink,
        scope: { href: `${this.serverPath(s)}/scopes/${scope.id}`, title: scope.name },
        user: { href: `${this.origin}/api/v1/users/${user.id}`, title: `${user.firstName} ${user.lastName}` },
        authorizationServer: { href: this.serverPath(s), title: this.org.servers[s].name },
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
    const stamp = `${t.status}|${t.lastUpdated}|${t.expiresAt}|${expandScope ? 1 : 0}`;
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
