// The Management API routes the emulator serves (custom authorization servers, their clients,
// refresh tokens, scopes, claims, policies and rules, keys, associated servers): matching, paging,
// filtering, and the state change of a revoke.
import type { OrgData, TokenRec } from './data';
import { empty, json, oktaErrorReply, rawJson, type Reply } from './http';
import { linkHeaders, paginate, PagingError, parseLimit, type LimitRule } from './paging';
import type { Renderer } from './render';
import type { ServerConfig } from './serverConfig';

export type RouteName =
  | 'listAuthorizationServers'
  | 'getAuthorizationServer'
  | 'listClients'
  | 'listRefreshTokens'
  | 'revokeRefreshTokens'
  | 'getRefreshToken'
  | 'revokeRefreshToken'
  | 'listScopes'
  | 'getScope'
  | 'listClaims'
  | 'getClaim'
  | 'listPolicies'
  | 'getPolicy'
  | 'listPolicyRules'
  | 'getPolicyRule'
  | 'listKeys'
  | 'getKey'
  | 'listAssociatedServers';

export interface RouteMatch {
  /** Operation name for GET (or the only method), by method. */
  ops: Partial<Record<string, RouteName>>;
  params: string[];
}

const BASE = '/api/v1/authorizationServers';

/** Matches a /api/v1 path to an operation; undefined for paths the emulator does not serve. */
export function matchRoute(path: string): RouteMatch | undefined {
  if (!path.startsWith(BASE)) return undefined;
  const rest = path.slice(BASE.length);
  if (rest === '' || rest === '/') return { ops: { GET: 'listAuthorizationServers' }, params: [] };
  const seg = rest
    .slice(1)
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });
  if (seg.some((s) => s === '')) return undefined;
  const [as, kind, id, sub, tokenId] = seg;
  if (seg.length === 1) return { ops: { GET: 'getAuthorizationServer' }, params: [as] };
  if (kind === 'clients') {
    if (seg.length === 2) return { ops: { GET: 'listClients' }, params: [as] };
    if (sub !== 'tokens') return undefined;
    if (seg.length === 4)
      return { ops: { GET: 'listRefreshTokens', DELETE: 'revokeRefreshTokens' }, params: [as, id] };
    if (seg.length === 5)
      return { ops: { GET: 'getRefreshToken', DELETE: 'revokeRefreshToken' }, params: [as, id, tokenId] };
  }
  if (kind === 'scopes') {
    if (seg.length === 2) return { ops: { GET: 'listScopes' }, params: [as] };
    if (seg.length === 3) return { ops: { GET: 'getScope' }, params: [as, id] };
  }
  if (kind === 'claims') {
    if (seg.length === 2) return { ops: { GET: 'listClaims' }, params: [as] };
    if (seg.length === 3) return { ops: { GET: 'getClaim' }, params: [as, id] };
  }
  if (kind === 'policies') {
    if (seg.length === 2) return { ops: { GET: 'listPolicies' }, params: [as] };
    if (seg.length === 3) return { ops: { GET: 'getPolicy' }, params: [as, id] };
    if (sub !== 'rules') return undefined;
    if (seg.length === 4) return { ops: { GET: 'listPolicyRules' }, params: [as, id] };
    if (seg.length === 5) return { ops: { GET: 'getPolicyRule' }, params: [as, id, tokenId] };
  }
  if (kind === 'credentials' && id === 'keys') {
    if (seg.length === 3) return { ops: { GET: 'listKeys' }, params: [as] };
    if (seg.length === 4) return { ops: { GET: 'getKey' }, params: [as, sub] };
  }
  if (kind === 'associatedServers' && seg.length === 2)
    return { ops: { GET: 'listAssociatedServers' }, params: [as] };
  return undefined;
}

const SERVER_LIMIT: LimitRule = { defaultLimit: 200, max: 200, clamp: true };
// The spec says "maximum 200" with default -1; Okta's older docs say default 20. The emulator uses 20,
// so a client that forgets to send limit=200 pages more than it needs to (and a test can notice).
const TOKEN_LIMIT: LimitRule = { defaultLimit: 20, max: 200, clamp: true };
const SCOPE_LIMIT: LimitRule = { defaultLimit: 200, max: 200, clamp: true };
const ASSOCIATED_LIMIT: LimitRule = { defaultLimit: 200, max: 200, clamp: true };

function notFound(id: string, type: string): Reply {
  return oktaErrorReply(404, 'E0000007', `Not found: Resource not found: ${id} (${type})`);
}

function validation(message: string): Reply {
  return oktaErrorReply(400, 'E0000001', 'Api validation failed: query parameters', [message]);
}

export class Routes {
  /** Token-list page bodies per `serverIdx:appIdx`, dropped when a revoke changes that client's tokens. */
  private readonly pageCache = new Map<string, Map<string, { text: string; link: string[] }>>();

  constructor(
    private readonly org: OrgData,
    private readonly render: Renderer,
    private readonly origin: string,
    private readonly config: ServerConfig,
  ) {}

  handle(op: RouteName, params: string[], path: string, query: URLSearchParams): Reply {
    try {
      return this.dispatch(op, params, path, query);
    } catch (e) {
      if (e instanceof PagingError) return validation(e.message);
      throw e;
    }
  }

  /** Okta's `q` on authorization servers: matches the name or the audience, ignoring case. */
  private serverMatches(raw: string | null): (serverIdx: number) => boolean {
    const q = (raw ?? '').toLowerCase();
    return (i) => {
      const s = this.org.servers[i];
      return !q || s.name.toLowerCase().includes(q) || s.audience.toLowerCase().includes(q);
    };
  }

  private list<T>(
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

  private dispatch(op: RouteName, params: string[], path: string, query: URLSearchParams): Reply {
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
      case 'revokeRefreshTokens': {
        this.pageCache.delete(`${serverIdx}:${appIdx}`);
        const now = Date.now();
        for (const t of tokens) revoke(t, now);
        return empty(204);
      }
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
        this.pageCache.delete(`${serverIdx}:${appIdx}`);
        revoke(t, Date.now());
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

function revoke(t: TokenRec, now: number): void {
  if (t.status === 'REVOKED') return;
  t.status = 'REVOKED';
  // Strictly later than before, even if the clock has not moved a full millisecond.
  t.lastUpdated = Math.max(now, t.lastUpdated + 1);
}
