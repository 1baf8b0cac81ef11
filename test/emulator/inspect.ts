// Read access to the emulator's org state for tests: the same JSON the API would return, without
// HTTP, auth or rate limits, plus token counts by status.
import type { OrgData } from './data';
import type { Renderer } from './render';
import type { ServerConfig } from './serverConfig';

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

  users(): Array<{ id: string; name: string; email: string }> {
    return this.org.users.map((u) => ({ id: u.id, name: `${u.firstName} ${u.lastName}`, email: u.email }));
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
