// The org-level routes beside the authorization servers: users (q / filter / search), the clients and
// refresh tokens of a user, users' and apps' consent grants, OIDC apps and their tokens, and the System
// Log. Tokens reached here are the same objects the server path lists, and revokes go through
// Routes.revoke, so every path shows a revoke at once and the System Log records it.
import type { OrgData, TokenRef } from './data';
import type { Grants, GrantRec } from './grants';
import { empty, json, oktaErrorReply, type Reply } from './http';
import { linkHeaders, parseLimit, type LimitRule } from './paging';
import type { Renderer } from './render';
import { notFound, TOKEN_LIMIT, type RequestContext, type RouteName, type Routes } from './routes';
import { compileFilter, FilterError, type FilterOp, type FilterRules } from './scimFilter';
import type { SystemLog } from './systemLog';

const OWN = new Set<RouteName>([
  'listUsers',
  'getUser',
  'listUserClients',
  'listRefreshTokensForUserAndClient',
  'revokeTokensForUserAndClient',
  'getRefreshTokenForUserAndClient',
  'revokeTokenForUserAndClient',
  'listGrantsForUserAndClient',
  'listUserGrants',
  'getUserGrant',
  'listApplications',
  'getApplication',
  'listOAuth2TokensForApplication',
  'revokeOAuth2TokensForApplication',
  'getOAuth2TokenForApplication',
  'revokeOAuth2TokenForApplication',
  'listScopeConsentGrants',
  'getScopeConsentGrant',
  'listLogEvents',
]);

/** Users: default and maximum 200 (L-USR), 10 by default with `q`. */
const USER_LIMIT: LimitRule = { defaultLimit: 200, max: 200, clamp: true };
const USER_Q_LIMIT: LimitRule = { defaultLimit: 10, max: 200, clamp: true };
/** Apps: the spec says default -1, Okta's older reference 20; 20 makes a client that forgets `limit` page. */
const APP_LIMIT: LimitRule = { defaultLimit: 20, max: 200, clamp: true };
const GRANT_LIMIT: LimitRule = { defaultLimit: 20, max: 200, clamp: true };

const USER_DATES = ['created', 'activated', 'statusChanged', 'lastUpdated', 'lastLogin', 'passwordChanged'];
const NAME_FIELDS = ['profile.firstName', 'profile.lastName', 'profile.email', 'profile.login'];

/** `filter` on users: a few attributes, `eq` only (and gt/ge/lt/le on lastUpdated), `and`/`or`, exact case. */
const USER_FILTER: FilterRules = {
  allows: (attr, op) =>
    ['status', 'lastUpdated', 'id', ...NAME_FIELDS].includes(attr) &&
    (op === 'eq' || (attr === 'lastUpdated' && ['gt', 'ge', 'lt', 'le'].includes(op))),
  logic: ['and', 'or'],
  caseInsensitive: false,
};

/** `search` on users: profile and top-level attributes; eq, sw, dates compared, `co` only on names; no `ne`. */
const USER_SEARCH: FilterRules = {
  allows: (attr: string, op: FilterOp) => {
    const known = attr.startsWith('profile.') || ['id', 'status', 'type.id', ...USER_DATES].includes(attr);
    if (!known || op === 'ne' || op === 'ew') return false;
    return op !== 'co' || NAME_FIELDS.includes(attr);
  },
  logic: ['and', 'or', 'not'],
  caseInsensitive: true,
};

/** `filter` on apps: one `eq` expression on id, status, name or user.id. */
const APP_FILTER: FilterRules = {
  allows: (attr, op) => op === 'eq' && ['id', 'status', 'name', 'user.id'].includes(attr),
  logic: [],
  caseInsensitive: false,
};

function invalidSearch(message: string): Reply {
  return oktaErrorReply(400, 'E0000031', 'Invalid search criteria.', [message]);
}

export class OrgRoutes {
  constructor(
    private readonly org: OrgData,
    private readonly render: Renderer,
    private readonly origin: string,
    private readonly log: SystemLog,
    private readonly grants: Grants,
    private readonly routes: Routes,
  ) {}

  owns(op: RouteName): boolean {
    return OWN.has(op);
  }

  dispatch(
    op: RouteName,
    params: string[],
    path: string,
    query: URLSearchParams,
    ctx: RequestContext,
  ): Reply {
    try {
      switch (op) {
        case 'listUsers':
          return this.listUsers(path, query);
        case 'getUser': {
          const u = params[0] === 'me' ? this.me(ctx) : this.org.userIdxOf(params[0]);
          return u === undefined ? notFound(params[0], 'User') : json(200, this.render.user(u, true));
        }
        case 'listLogEvents':
          return this.log.query(path, query);
        case 'listApplications':
          return this.listApps(path, query);
        default:
          break;
      }
      if (path.startsWith('/api/v1/users/')) return this.userScoped(op, params, path, query, ctx);
      return this.appScoped(op, params, path, query, ctx);
    } catch (e) {
      if (e instanceof FilterError) return invalidSearch(e.message);
      throw e;
    }
  }

  /** `me`: the admin behind an API token; an OAuth service app has no user. */
  private me(ctx: RequestContext): number | undefined {
    return ctx.actor.kind === 'user' ? ctx.actor.userIdx : undefined;
  }

  private listUsers(path: string, query: URLSearchParams): Reply {
    const all = this.org.users.map((_, i) => i);
    const search = query.get('search');
    const filter = query.get('filter');
    const q = query.get('q');
    const body = (i: number): Record<string, unknown> => this.render.user(i);
    if (search) {
      const pred = compileFilter(search, USER_SEARCH);
      const hits = all.filter((i) => pred(body(i)));
      const sortBy = query.get('sortBy');
      if (sortBy) {
        const desc = (query.get('sortOrder') ?? 'asc').toLowerCase() === 'desc';
        const key = (i: number): string => {
          let v: unknown = body(i);
          for (const p of sortBy.split('.')) v = (v as Record<string, unknown> | null)?.[p];
          return v === null || v === undefined ? '' : String(v).toLowerCase();
        };
        hits.sort((a, b) => {
          const c = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
          return (desc ? -c : c) || (this.org.users[a].id < this.org.users[b].id ? -1 : 1);
        });
      }
      return this.routes.list(hits, path, query, USER_LIMIT, (i) => this.org.users[i].id, body);
    }
    if (filter) {
      const pred = compileFilter(filter, USER_FILTER);
      const hits = all.filter((i) => pred(body(i)));
      return this.routes.list(hits, path, query, USER_LIMIT, (i) => this.org.users[i].id, body);
    }
    const listed = all.filter((i) => this.org.users[i].status !== 'DEPROVISIONED');
    if (q) {
      // Starts-with on first name, last name or email (not login), no paging: `limit` caps the answer.
      const text = q.toLowerCase();
      const hits = listed.filter((i) => {
        const u = this.org.users[i];
        return [u.firstName, u.lastName, u.email].some((v) => v.toLowerCase().startsWith(text));
      });
      const limit = parseLimit(query.get('limit'), USER_Q_LIMIT);
      return json(200, hits.slice(0, limit).map(body), { Link: linkHeaders(this.origin, path, query) });
    }
    return this.routes.list(listed, path, query, USER_LIMIT, (i) => this.org.users[i].id, body);
  }

  private listApps(path: string, query: URLSearchParams): Reply {
    let idx = this.org.apps.map((_, i) => i);
    const q = query.get('q')?.toLowerCase();
    if (q)
      idx = idx.filter(
        (i) => 'oidc_client'.startsWith(q) || this.org.apps[i].name.toLowerCase().startsWith(q),
      );
    const filter = query.get('filter');
    if (filter) {
      const pred = compileFilter(filter, APP_FILTER);
      const withUsers = filter.includes('user.id');
      idx = idx.filter((i) =>
        pred(
          withUsers
            ? {
                ...this.render.app(i),
                user: { id: this.org.tokensOfApp(i).map((r) => this.org.users[r.token.userIdx].id) },
              }
            : this.render.app(i),
        ),
      );
    }
    return this.routes.list(
      idx,
      path,
      query,
      APP_LIMIT,
      (i) => this.org.apps[i].clientId,
      (i) => this.render.app(i),
    );
  }

  /** Lists, gets and revokes a set of tokens the same way for the user and the app paths. */
  private tokens(
    refs: TokenRef[],
    op: 'list' | 'get' | 'revokeOne' | 'revokeAll',
    tokenId: string | undefined,
    path: string,
    query: URLSearchParams,
    ctx: RequestContext,
  ): Reply {
    const expand = query.get('expand') === 'scope';
    const body = (r: TokenRef): unknown => this.render.token(r.serverIdx, r.appIdx, r.token, expand);
    switch (op) {
      case 'list':
        return this.routes.list(refs, path, query, TOKEN_LIMIT, (r) => r.token.id, body);
      case 'revokeAll':
        this.routes.revoke(refs, ctx, path, false);
        return empty(204);
      default: {
        const ref = refs.find((r) => r.token.id === tokenId);
        if (!ref || (op === 'revokeOne' && ref.token.status === 'REVOKED'))
          return notFound(tokenId ?? '', 'OAuth2RefreshToken');
        if (op === 'get') return json(200, body(ref));
        this.routes.revoke([ref], ctx, path, true);
        return empty(204);
      }
    }
  }

  private grantList(list: GrantRec[], path: string, query: URLSearchParams, paged: boolean): Reply {
    const expand = query.get('expand') === 'scope';
    if (!paged)
      return json(
        200,
        list.map((g) => this.render.grant(g, expand)),
      );
    return this.routes.list(
      list,
      path,
      query,
      GRANT_LIMIT,
      (g) => g.id,
      (g) => this.render.grant(g, expand),
    );
  }

  private userScoped(
    op: RouteName,
    params: string[],
    path: string,
    query: URLSearchParams,
    ctx: RequestContext,
  ): Reply {
    // Okta describes userId on these paths as an id only (not a login).
    const u = this.org.users.findIndex((x) => x.id === params[0]);
    if (u < 0) return notFound(params[0], 'User');
    if (op === 'listUserClients') {
      const apps = [...new Set(this.org.tokensOfUser(u).map((r) => r.appIdx))].sort((a, b) => a - b);
      return json(
        200,
        apps.map((a) => this.render.userClient(u, a)),
      );
    }
    if (op === 'listUserGrants' || op === 'getUserGrant') {
      const grants = this.grants.ofUser(u);
      if (op === 'getUserGrant') {
        const g = grants.find((x) => x.id === params[1]);
        return g
          ? json(200, this.render.grant(g, query.get('expand') === 'scope'))
          : notFound(params[1], 'OAuth2ScopeConsentGrant');
      }
      const scopeId = query.get('scopeId');
      const list = scopeId
        ? grants.filter(
            (g) => g.serverIdx !== undefined && this.org.scopes(g.serverIdx)[g.scopeIdx ?? 0].id === scopeId,
          )
        : grants;
      return this.grantList(list, path, query, true);
    }
    const a = this.org.appIdxOf(params[1]);
    if (a === undefined) return notFound(params[1], 'App');
    if (op === 'listGrantsForUserAndClient')
      return this.grantList(
        this.grants.ofUser(u).filter((g) => g.appIdx === a),
        path,
        query,
        true,
      );
    const refs = this.org.tokensOfUser(u).filter((r) => r.appIdx === a);
    const which =
      op === 'listRefreshTokensForUserAndClient'
        ? 'list'
        : op === 'revokeTokensForUserAndClient'
          ? 'revokeAll'
          : op === 'getRefreshTokenForUserAndClient'
            ? 'get'
            : 'revokeOne';
    return this.tokens(refs, which, params[2], path, query, ctx);
  }

  private appScoped(
    op: RouteName,
    params: string[],
    path: string,
    query: URLSearchParams,
    ctx: RequestContext,
  ): Reply {
    const a = this.org.appIdxOf(params[0]);
    if (a === undefined) return notFound(params[0], 'AppInstance');
    switch (op) {
      case 'getApplication':
        return json(200, this.render.app(a));
      case 'listScopeConsentGrants':
        // expand=scope only: no paging on this list (spec).
        return this.grantList(this.grants.ofApp(a), path, query, false);
      case 'getScopeConsentGrant': {
        const g = this.grants.ofApp(a).find((x) => x.id === params[1]);
        return g
          ? json(200, this.render.grant(g, query.get('expand') === 'scope'))
          : notFound(params[1], 'OAuth2ScopeConsentGrant');
      }
      case 'listOAuth2TokensForApplication':
        return this.tokens(this.org.tokensOfApp(a), 'list', undefined, path, query, ctx);
      case 'revokeOAuth2TokensForApplication':
        return this.tokens(this.org.tokensOfApp(a), 'revokeAll', undefined, path, query, ctx);
      case 'getOAuth2TokenForApplication':
        return this.tokens(this.org.tokensOfApp(a), 'get', params[1], path, query, ctx);
      case 'revokeOAuth2TokenForApplication':
        return this.tokens(this.org.tokensOfApp(a), 'revokeOne', params[1], path, query, ctx);
      default:
        return notFound(path, 'Path');
    }
  }
}
