// The Management API routes the emulator serves: one table (ROUTES) names every path and its
// operations; the authorization-server family (servers, clients, refresh tokens, scopes, claims,
// policies and rules, keys, associated servers) is answered here, users, apps, grants and the System
// Log in orgRoutes.ts. A revoke by any path changes the one token object every path shows, and writes
// a System Log event.
import type { OrgData, TokenRef, TokenRec } from './data';
import type { Grants } from './grants';
import { empty, json, oktaErrorReply, rawJson, type Reply } from './http';
import { linkHeaders, paginate, PagingError, parseLimit, type LimitRule } from './paging';
import type { Renderer } from './render';
import type { ServerConfig } from './serverConfig';
import type { LogActorRef, SystemLog } from './systemLog';
import { OrgRoutes } from './orgRoutes';

/** Every path the emulator answers under /api/v1, with the operation of each HTTP method. */
export const ROUTES = [
  { path: '/api/v1/authorizationServers', ops: { GET: 'listAuthorizationServers' } },
  { path: '/api/v1/authorizationServers/{authServerId}', ops: { GET: 'getAuthorizationServer' } },
  { path: '/api/v1/authorizationServers/{authServerId}/clients', ops: { GET: 'listClients' } },
  {
    path: '/api/v1/authorizationServers/{authServerId}/clients/{clientId}/tokens',
    ops: { GET: 'listRefreshTokens', DELETE: 'revokeRefreshTokens' },
  },
  {
    path: '/api/v1/authorizationServers/{authServerId}/clients/{clientId}/tokens/{tokenId}',
    ops: { GET: 'getRefreshToken', DELETE: 'revokeRefreshToken' },
  },
  { path: '/api/v1/authorizationServers/{authServerId}/scopes', ops: { GET: 'listScopes' } },
  { path: '/api/v1/authorizationServers/{authServerId}/scopes/{scopeId}', ops: { GET: 'getScope' } },
  { path: '/api/v1/authorizationServers/{authServerId}/claims', ops: { GET: 'listClaims' } },
  { path: '/api/v1/authorizationServers/{authServerId}/claims/{claimId}', ops: { GET: 'getClaim' } },
  { path: '/api/v1/authorizationServers/{authServerId}/policies', ops: { GET: 'listPolicies' } },
  { path: '/api/v1/authorizationServers/{authServerId}/policies/{policyId}', ops: { GET: 'getPolicy' } },
  {
    path: '/api/v1/authorizationServers/{authServerId}/policies/{policyId}/rules',
    ops: { GET: 'listPolicyRules' },
  },
  {
    path: '/api/v1/authorizationServers/{authServerId}/policies/{policyId}/rules/{ruleId}',
    ops: { GET: 'getPolicyRule' },
  },
  { path: '/api/v1/authorizationServers/{authServerId}/credentials/keys', ops: { GET: 'listKeys' } },
  { path: '/api/v1/authorizationServers/{authServerId}/credentials/keys/{keyId}', ops: { GET: 'getKey' } },
  {
    path: '/api/v1/authorizationServers/{authServerId}/associatedServers',
    ops: { GET: 'listAssociatedServers' },
  },
  { path: '/api/v1/users', ops: { GET: 'listUsers' } },
  { path: '/api/v1/users/{id}', ops: { GET: 'getUser' } },
  { path: '/api/v1/users/{userId}/clients', ops: { GET: 'listUserClients' } },
  {
    path: '/api/v1/users/{userId}/clients/{clientId}/tokens',
    ops: { GET: 'listRefreshTokensForUserAndClient', DELETE: 'revokeTokensForUserAndClient' },
  },
  {
    path: '/api/v1/users/{userId}/clients/{clientId}/tokens/{tokenId}',
    ops: { GET: 'getRefreshTokenForUserAndClient', DELETE: 'revokeTokenForUserAndClient' },
  },
  { path: '/api/v1/users/{userId}/clients/{clientId}/grants', ops: { GET: 'listGrantsForUserAndClient' } },
  { path: '/api/v1/users/{userId}/grants', ops: { GET: 'listUserGrants' } },
  { path: '/api/v1/users/{userId}/grants/{grantId}', ops: { GET: 'getUserGrant' } },
  { path: '/api/v1/apps', ops: { GET: 'listApplications' } },
  { path: '/api/v1/apps/{appId}', ops: { GET: 'getApplication' } },
  {
    path: '/api/v1/apps/{appId}/tokens',
    ops: { GET: 'listOAuth2TokensForApplication', DELETE: 'revokeOAuth2TokensForApplication' },
  },
  {
    path: '/api/v1/apps/{appId}/tokens/{tokenId}',
    ops: { GET: 'getOAuth2TokenForApplication', DELETE: 'revokeOAuth2TokenForApplication' },
  },
  { path: '/api/v1/apps/{appId}/grants', ops: { GET: 'listScopeConsentGrants' } },
  { path: '/api/v1/apps/{appId}/grants/{grantId}', ops: { GET: 'getScopeConsentGrant' } },
  { path: '/api/v1/logs', ops: { GET: 'listLogEvents' } },
] as const satisfies ReadonlyArray<{ path: string; ops: Partial<Record<'GET' | 'DELETE', string>> }>;

// Distributes over the table's rows, so every operation of every method is a RouteName.
type OpsOf<R> = R extends { ops: infer O } ? O[keyof O] : never;
export type RouteName = OpsOf<(typeof ROUTES)[number]> & string;

export interface RouteMatch {
  /** Operation name by HTTP method. */
  ops: Partial<Record<string, RouteName>>;
  /** The path's {parameters}, decoded, in order. */
  params: string[];
}

const COMPILED = ROUTES.map((r) => ({ segs: r.path.split('/').slice(1), ops: r.ops as RouteMatch['ops'] }));

/** Matches a /api/v1 path to its operations; undefined for paths the emulator does not serve. */
export function matchRoute(path: string): RouteMatch | undefined {
  const seg = path
    .split('/')
    .slice(1)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  if (seg[seg.length - 1] === '' && seg.length > 3) seg.pop(); // a trailing slash
  if (seg.some((s) => s === '')) return undefined;
  for (const r of COMPILED) {
    if (r.segs.length !== seg.length) continue;
    const params: string[] = [];
    let ok = true;
    for (let i = 0; i < seg.length && ok; i++) {
      if (r.segs[i].startsWith('{')) params.push(seg[i]);
      else ok = r.segs[i] === seg[i];
    }
    if (ok) return { ops: r.ops, params };
  }
  return undefined;
}

/** Who is calling and which request this is: the System Log's actor and transaction. */
export interface RequestContext {
  requestId: string;
  actor: LogActorRef;
  /** The API token's id (never its value) for SSWS calls. */
  apiTokenId?: string;
  ip: string;
  userAgent: string;
}

const SERVER_LIMIT: LimitRule = { defaultLimit: 200, max: 200, clamp: true };
// The spec says "maximum 200" with default -1; Okta's older docs say default 20. The emulator uses 20,
// so a client that forgets to send limit=200 pages more than it needs to (and a test can notice).
export const TOKEN_LIMIT: LimitRule = { defaultLimit: 20, max: 200, clamp: true };
const SCOPE_LIMIT: LimitRule = { defaultLimit: 200, max: 200, clamp: true };
const ASSOCIATED_LIMIT: LimitRule = { defaultLimit: 200, max: 200, clamp: true };

export function notFound(id: string, type: string): Reply {
  return oktaErrorReply(404, 'E0000007', `Not found: Resource not found: ${id} (${type})`);
}

export function validation(message: string): Reply {
  return oktaErrorReply(400, 'E0000001', 'Api validation failed: query parameters', [message]);
}

export class Routes {
  /** Token-list page bodies per `serverIdx:appIdx`, dropped when a revoke changes that client's tokens. */
  private readonly pageCache = new Map<string, Map<string, { text: string; link: string[] }>>();
  private readonly others: OrgRoutes;

  constructor(
    private readonly org: OrgData,
    private readonly render: Renderer,
    private readonly origin: string,
    private readonly config: ServerConfig,
    readonly log: SystemLog,
    grants: Grants,
    /** The emulator's clock (it may run faster than the wall clock); revokes are stamped with it. */
    private readonly now: () => number = Date.now,
  ) {
    this.others = new OrgRoutes(org, render, origin, log, grants, this);
  }

  handle(op: RouteName, params: string[], path: string, query: URLSearchParams, ctx: RequestContext): Reply {
    try {
      return this.others.owns(op)
        ? this.others.dispatch(op, params, path, query, ctx)
        : this.dispatch(op, params, path, query, ctx);
    } catch (e) {
      if (e instanceof PagingError) return validation(e.message);
      throw e;
    }
  }

  /**
   * Revokes tokens (the ones not revoked yet) as one Management API request and logs it: one
   * `app.oauth2.as.token.revoke` event naming the user (when one), the app and the servers; a single
   * token's event carries its hash and expiry, a revoke-all the number of tokens it revoked. Returns how
   * many it revoked. Okta does not document which event this call writes (README, "System Log").
   */
  revoke(refs: readonly TokenRef[], ctx: RequestContext, requestUri: string, single: boolean): number {
    const live = refs.filter((r) => r.token.status !== 'REVOKED');
    if (live.length === 0) return 0;
    const now = this.now();
    for (const r of live) {
      this.pageCache.delete(`${r.serverIdx}:${r.appIdx}`);
      revokeRec(r.token, now);
    }
    const users = new Set(live.map((r) => r.token.userIdx));
    const apps = new Set(live.map((r) => r.appIdx));
    const first = live[0];
    this.log.record({
      eventType: 'app.oauth2.as.token.revoke',
      severity: 'INFO',
      result: 'SUCCESS',
      actor: ctx.actor,
      userIdx: users.size === 1 ? first.token.userIdx : undefined,
      appIdx: apps.size === 1 ? first.appIdx : undefined,
      serverIdxs: [...new Set(live.map((r) => r.serverIdx))].sort((a, b) => a - b),
      token: single ? this.log.tokenInfo(first.serverIdx, first.appIdx, first.token) : undefined,
      tokenCount: single ? undefined : live.length,
      transactionId: ctx.requestId,
      requestUri,
      apiTokenId: ctx.apiTokenId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      published: now,
    });
    return live.length;
  }

  /** Drops cached token pages of a client on a server after its tokens changed outside a revoke here. */
  tokensChanged(serverIdx: number, appIdx: number): void {
    this.pageCache.delete(`${serverIdx}:${appIdx}`);
  }

  /** Okta's `q` on authorization servers: matches the name or the audience, ignoring case. */
  private serverMatches(raw: string | null): (serverIdx: number) => boolean {
    const q = (raw ?? '').toLowerCase();
    return (i) => {
      const s = this.org.servers[i];
      return !q || s.name.toLowerCase().includes(q) || s.audience.toLowerCase().includes(q);
    };
  }

  /** The shared list answer: `limit` + `after` paging with Link headers. */
  list<T>(
    items: readonly T[],
    path: string,
    query: URLSearchParams,
    rule: LimitRule,
    idOf: (t: T) => string,
    body: (t: T) => unknown,
  ): Reply {
    const limit = parseLimit(query.get('limit'), rule);
    // The cursor key comes from the seed: cursors are stable per org but unforgeable without it.
    const page = paginate(`cursor:${String(this.org.seed)}`, items, query.get('after'), limit, idOf);
    return json(200, page.items.map(body), { Link: linkHeaders(this.origin, path, query, page.nextAfter) });
  }

  private dispatch(
    op: RouteName,
    params: string[],
    path: string,
    query: URLSearchParams,
    ctx: RequestContext,
  ): Reply {
    if (op === 'listAuthorizationServers') {
      const idx = this.org.servers.map((_, i) => i).filter(this.serverMatches(query.get('q')));
      return this.list(
        idx,
        path,
        query,
        SERVER_LIMIT,
        (i) => this.org.servers[i].id,
        (i) => this.render.server(i),
      );
    }
    const serverIdx = this.org.serverIdxOf(params[0]);
    if (serverIdx === undefined) return notFound(params[0], 'AuthorizationServer');
    switch (op) {
      case 'getAuthorizationServer':
        return json(200, this.render.server(serverIdx));
      case 'listClients':
        // No paging parameters on this endpoint (spec); every client is in one response.
        return json(
          200,
          this.org.clientsOf(serverIdx).map((a) => this.render.client(serverIdx, a)),
        );
      case 'listScopes': {
        const q = (query.get('q') ?? '').toLowerCase();
        const scopes = this.org.scopes(serverIdx).filter((s) => !q || s.name.toLowerCase().includes(q));
        return this.list(
          scopes,
          path,
          query,
          SCOPE_LIMIT,
          (s) => s.id,
          (s) => this.render.scope(serverIdx, s),
        );
      }
      case 'getScope': {
        const scope = this.org.scopes(serverIdx).find((s) => s.id === params[1]);
        return scope ? json(200, this.render.scope(serverIdx, scope)) : notFound(params[1], 'OAuth2Scope');
      }
      // Claims, policies, rules and keys take no paging parameters (spec): one response holds them all.
      case 'listClaims':
        return json(200, this.config.claims(serverIdx));
      case 'getClaim':
        return byId(this.config.claims(serverIdx), 'id', params[1], 'OAuth2Claim');
      case 'listPolicies':
        return json(
          200,
          this.config.policies(serverIdx).map((p) => p.policy),
        );
      case 'getPolicy':
        return byId(
          this.config.policies(serverIdx).map((p) => p.policy),
          'id',
          params[1],
          'AuthorizationServerPolicy',
        );
      case 'listPolicyRules':
      case 'getPolicyRule': {
        const p = this.config.policies(serverIdx).find((x) => x.policy.id === params[1]);
        if (!p) return notFound(params[1], 'AuthorizationServerPolicy');
        return op === 'listPolicyRules'
          ? json(200, p.rules)
          : byId(p.rules, 'id', params[2], 'AuthorizationServerPolicyRule');
      }
      case 'listKeys':
        return json(200, this.config.keys(serverIdx));
      case 'getKey':
        return byId(this.config.keys(serverIdx), 'kid', params[1], 'AuthorizationServerJsonWebKey');
      case 'listAssociatedServers': {
        const trusted = query.get('trusted');
        if (trusted !== null && trusted !== 'true' && trusted !== 'false')
          return validation(`trusted: '${trusted}' is not a boolean (true or false)`);
        const idx = this.config
          .associated(serverIdx, trusted !== 'false')
          .filter(this.serverMatches(query.get('q')));
        return this.list(
          idx,
          path,
          query,
          ASSOCIATED_LIMIT,
          (i) => this.org.servers[i].id,
          (i) => this.config.associatedBody(i),
        );
      }
      default:
        break;
    }
    const appIdx = this.org.appIdxOn(serverIdx, params[1]);
    if (appIdx === undefined) return notFound(params[1], 'App');
    const tokens = this.org.tokens(serverIdx, appIdx);
    const expand = query.get('expand') === 'scope';
    switch (op) {
      case 'listRefreshTokens': {
        // Pages are cached per client until one of its tokens changes: benchmarks page through 10^5
        // tokens, and the emulator's own work must not be what they measure.
        const pair = `${serverIdx}:${appIdx}`;
        const key = `${query.get('after') ?? ''}|${query.get('limit') ?? ''}|${expand}|${path}`;
        let pages = this.pageCache.get(pair);
        const hit = pages?.get(key);
        if (hit) return rawJson(200, hit.text, { Link: hit.link });
        const limit = parseLimit(query.get('limit'), TOKEN_LIMIT);
        const page = paginate(
          `cursor:${String(this.org.seed)}`,
          tokens,
          query.get('after'),
          limit,
          (t) => t.id,
        );
        const text = `[${page.items.map((t) => this.render.tokenJson(serverIdx, appIdx, t, expand)).join(',')}]`;
        const link = linkHeaders(this.origin, path, query, page.nextAfter);
        if (!pages) this.pageCache.set(pair, (pages = new Map()));
        pages.set(key, { text, link });
        return rawJson(200, text, { Link: link });
      }
      case 'revokeRefreshTokens':
        this.revoke(
          tokens.map((token) => ({ serverIdx, appIdx, token })),
          ctx,
          path,
          false,
        );
        return empty(204);
      case 'getRefreshToken': {
        const t = tokens.find((x) => x.id === params[2]);
        return t
          ? json(200, this.render.token(serverIdx, appIdx, t, expand))
          : notFound(params[2], 'OAuth2RefreshToken');
      }
      case 'revokeRefreshToken': {
        const t = tokens.find((x) => x.id === params[2]);
        // An already revoked token is gone as far as revocation goes: 404, like an unknown id.
        if (!t || t.status === 'REVOKED') return notFound(params[2], 'OAuth2RefreshToken');
        this.revoke([{ serverIdx, appIdx, token: t }], ctx, path, true);
        return empty(204);
      }
      default:
        return notFound(path, 'Path');
    }
  }
}

function byId(items: Array<Record<string, unknown>>, key: string, id: string, type: string): Reply {
  const hit = items.find((x) => x[key] === id);
  return hit ? json(200, hit) : notFound(id, type);
}

function revokeRec(t: TokenRec, now: number): void {
  if (t.status === 'REVOKED') return;
  t.status = 'REVOKED';
  // Strictly later than before, even if the clock has not moved a full millisecond.
  t.lastUpdated = Math.max(now, t.lastUpdated + 1);
}
