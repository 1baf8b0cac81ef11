// Read access to the emulator's org state for tests: the same JSON the API would return, without
// HTTP, auth or rate limits, plus token counts by status.
import type { OrgData, TokenRef } from './data';
import type { Grants } from './grants';
import type { Renderer } from './render';
import type { ServerConfig } from './serverConfig';
import type { SystemLog } from './systemLog';

export interface TokenCounts {
  total: number;
  /** status ACTIVE and not past expiresAt. */
  active: number;
  revoked: number;
  /** status ACTIVE but expiresAt in the past. */
  expired: number;
}

export class OrgInspector {
  constructor(
    private readonly org: OrgData,
    private readonly render: Renderer,
    private readonly config: ServerConfig,
    private readonly log: SystemLog,
    private readonly grantStore: Grants,
  ) {}

  servers(): Array<{ id: string; name: string; status: string }> {
    return this.org.servers.map((s) => ({ id: s.id, name: s.name, status: s.status }));
  }

  getServer(serverId: string): Record<string, unknown> | undefined {
    const i = this.org.serverIdxOf(serverId);
    return i === undefined ? undefined : this.render.server(i);
  }

  clients(serverId: string): Array<{ clientId: string; name: string }> {
    const i = this.org.serverIdxOf(serverId);
    if (i === undefined) return [];
    return this.org
      .clientsOf(i)
      .map((a) => ({ clientId: this.org.apps[a].clientId, name: this.org.apps[a].name }));
  }

  /** Every user, token holders first; then a STAGED, a PROVISIONED and a DEPROVISIONED one, and the admin. */
  users(): Array<{ id: string; name: string; email: string; login: string; status: string }> {
    return this.org.users.map((u) => ({
      id: u.id,
      name: `${u.firstName} ${u.lastName}`,
      email: u.email,
      login: u.login,
      status: u.status,
    }));
  }

  /** A user as GET /api/v1/users/{id} returns it. */
  getUser(userId: string): Record<string, unknown> | undefined {
    const i = this.org.userIdxOf(userId);
    return i === undefined ? undefined : this.render.user(i, true);
  }

  /** The org's administrator: the user behind the API tokens (`/users/me`, System Log actor of their calls). */
  admin(): { id: string; login: string } {
    const u = this.org.users[this.org.adminIdx];
    return { id: u.id, login: u.login };
  }

  /** Every OIDC app as GET /api/v1/apps returns it (the app's id is its client_id). */
  apps(): Array<Record<string, unknown>> {
    return this.org.apps.map((_, i) => this.render.app(i));
  }

  /** A user's tokens on every server and app, as the user path lists them. */
  userTokens(userId: string, clientId?: string): Array<Record<string, unknown>> {
    const u = this.org.userIdxOf(userId);
    if (u === undefined) return [];
    return this.org
      .tokensOfUser(u)
      .filter((r) => clientId === undefined || this.org.apps[r.appIdx].clientId === clientId)
      .map((r) => this.tokenBody(r));
  }

  /** An app's tokens on every server, as the app path lists them. */
  appTokens(appId: string): Array<Record<string, unknown>> {
    const a = this.org.appIdxOf(appId);
    return a === undefined ? [] : this.org.tokensOfApp(a).map((r) => this.tokenBody(r));
  }

  private tokenBody(r: TokenRef): Record<string, unknown> {
    return this.render.token(r.serverIdx, r.appIdx, r.token, false);
  }

  /** A user's END_USER consent grants (`/users/{userId}/grants`). */
  userGrants(userId: string): Array<Record<string, unknown>> {
    const u = this.org.userIdxOf(userId);
    return u === undefined ? [] : this.grantStore.ofUser(u).map((g) => this.render.grant(g, false));
  }

  /** An app's ADMIN grants of Okta API scopes (`/apps/{appId}/grants`). */
  appGrants(appId: string): Array<Record<string, unknown>> {
    const a = this.org.appIdxOf(appId);
    return a === undefined ? [] : this.grantStore.ofApp(a).map((g) => this.render.grant(g, false));
  }

  /** Every System Log event (LogEvent bodies) in the order Okta stored them: the seeded history, then live ones. */
  logEvents(): Array<Record<string, unknown>> {
    return this.log.events();
  }

  scopes(serverId: string): Array<Record<string, unknown>> {
    const i = this.org.serverIdxOf(serverId);
    return i === undefined ? [] : this.org.scopes(i).map((s) => this.render.scope(i, s));
  }

  claims(serverId: string): Array<Record<string, unknown>> {
    const i = this.org.serverIdxOf(serverId);
    return i === undefined ? [] : this.config.claims(i);
  }

  policies(serverId: string): Array<Record<string, unknown>> {
    const i = this.org.serverIdxOf(serverId);
    return i === undefined ? [] : this.config.policies(i).map((p) => p.policy);
  }

  policyRules(serverId: string, policyId: string): Array<Record<string, unknown>> {
    const i = this.org.serverIdxOf(serverId);
    if (i === undefined) return [];
    return this.config.policies(i).find((p) => p.policy.id === policyId)?.rules ?? [];
  }

  keys(serverId: string): Array<Record<string, unknown>> {
    const i = this.org.serverIdxOf(serverId);
    return i === undefined ? [] : this.config.keys(i);
  }

  /** Servers associated with serverId (trusted, the default) or the others (trusted = false). */
  associatedServers(serverId: string, trusted = true): Array<Record<string, unknown>> {
    const i = this.org.serverIdxOf(serverId);
    if (i === undefined) return [];
    return this.config.associated(i, trusted).map((j) => this.config.associatedBody(j));
  }

  private pair(serverId: string, clientId: string): { s: number; a: number } | undefined {
    const s = this.org.serverIdxOf(serverId);
    if (s === undefined) return undefined;
    const a = this.org.appIdxOn(s, clientId);
    return a === undefined ? undefined : { s, a };
  }

  listTokens(serverId: string, clientId: string, expandScope = false): Array<Record<string, unknown>> {
    const p = this.pair(serverId, clientId);
    return p ? this.org.tokens(p.s, p.a).map((t) => this.render.token(p.s, p.a, t, expandScope)) : [];
  }

  getToken(
    serverId: string,
    clientId: string,
    tokenId: string,
    expandScope = false,
  ): Record<string, unknown> | undefined {
    const p = this.pair(serverId, clientId);
    const t = p && this.org.tokens(p.s, p.a).find((x) => x.id === tokenId);
    return p && t ? this.render.token(p.s, p.a, t, expandScope) : undefined;
  }

  /** Counts for one client, one server, or (no arguments) the whole org — which generates every token. */
  counts(serverId?: string, clientId?: string, now = Date.now()): TokenCounts {
    const c: TokenCounts = { total: 0, active: 0, revoked: 0, expired: 0 };
    for (const { serverIdx, appIdx } of this.org.pairs()) {
      if (serverId !== undefined && this.org.servers[serverIdx].id !== serverId) continue;
      if (clientId !== undefined && this.org.apps[appIdx].clientId !== clientId) continue;
      for (const t of this.org.tokens(serverIdx, appIdx)) {
        c.total++;
        if (t.status === 'REVOKED') c.revoked++;
        else if (t.expiresAt <= now) c.expired++;
        else c.active++;
      }
    }
    return c;
  }
}
