// The Management API client for one Okta org: the operations the extension, the query engine and the CLI
// need on custom authorization servers, their clients, refresh tokens and scopes. One instance holds one
// credential, one concurrency limiter and one rate-limit governor, so every caller in a window shares the
// org's budget. See docs/okta-client-api.md for the contract.

import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from './undici';
import { ServiceAppAuth, type FormPoster } from './auth/serviceApp';
import { SswsAuth } from './auth/ssws';
import type { AuthConfig, AuthProvider } from './auth/types';
import { OktaError } from './errors';
import { publicJsonFetcher } from './jwt/fetch';
import { ConcurrencyLimiter } from './limiter';
import { Redactor, silentLogger, type OktaLogger } from './logger';
import {
  parseApplication,
  parseGrant,
  parseLogEvent,
  parsePolicy,
  parsePolicyRule,
  parseUser,
  parseAuthorizationServer,
  parseOAuth2Client,
  parseRefreshToken,
  parseScope,
  ShapeError,
  type AuthorizationServer,
  type OAuth2Client,
  type OAuth2RefreshToken,
  type OAuth2Scope,
  type Application,
  type AuthorizationServerPolicy,
  type AuthorizationServerPolicyRule,
  type LogEvent,
  type OAuth2ScopeConsentGrant,
  type User,
} from './models';
import { normalizeOrgUrl } from './orgUrl';
import { PagedList, type Page } from './pager';
import { RateLimitGovernor } from './rateLimit';
import { NOT_FOUND_TEXT, type RevokeOutcome } from './revokeOutcome';
import {
  DEFAULT_RETRY,
  RequestExecutor,
  exchange,
  type ExecutorStats,
  type RetryPolicy,
} from './requestExecutor';

/**
 * Default in-flight requests per org. Okta allows 75 (35 on free plans) for the whole org, shared by
 * every app and admin using it; 8 keeps a debugging tool to about a tenth of the smallest org's budget
 * while already saturating a 50 ms round trip for list crawls.
 */
export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_PAGE_SIZE = 200;
/** The System Log's page maximum (its default is 100). */
export const MAX_LOG_PAGE_SIZE = 1000;

export interface OktaClientOptions {
  orgUrl: string;
  auth: AuthConfig;
  concurrency?: number;
  timeoutMs?: number;
  logger?: OktaLogger;
  /** Explicit proxy URL; otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment apply. */
  proxy?: string;
  /** Extra CA certificates (PEM) to trust, e.g. a TLS-inspecting proxy's or a test server's. */
  ca?: string | string[];
  userAgent?: string;
  retry?: Partial<RetryPolicy>;
  /** Requests of each rate-limit bucket to leave for other apps (default 0). */
  rateLimitReserve?: number;
  /** For tests: a ready undici dispatcher (overrides proxy and ca). */
  dispatcher?: Dispatcher;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface RevokeOptions extends CallOptions {
  /**
   * The caller has seen what it revokes — the token (for revoke-all, the client) was listed or opened —
   * so a 404 means it is gone since, not that an id is wrong.
   */
  seen?: boolean;
}

/** Pages of 200 tokens a revoke-all's follow-up list reads before it gives up telling what happened. */
const REVOKE_CHECK_PAGES = 50;

const PROXY_VARS = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/** The transport for an org: a test's dispatcher, an explicit or environment proxy, or a pooled agent. */
export function makeDispatcher(
  opts: Pick<OktaClientOptions, 'dispatcher' | 'ca' | 'proxy'>,
  connections: number,
): Dispatcher {
  if (opts.dispatcher) return opts.dispatcher;
  const connect = opts.ca ? { ca: opts.ca } : undefined;
  if (opts.proxy) return new ProxyAgent({ uri: opts.proxy, connect, requestTls: connect, proxyTls: connect });
  if (PROXY_VARS.some((v) => process.env[v])) return new EnvHttpProxyAgent({ connect });
  return new Agent({ connections, keepAliveTimeout: 10_000, connect });
}

/** An Okta object passed through as parsed JSON (claims, policies, rules, keys, associated servers). */
export type OktaRecord = Record<string, unknown>;

/** Checks a body is a JSON object; the message names what was expected, for the OktaError it becomes. */
function parseRecord(what: string): (v: unknown) => OktaRecord {
  return (v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v))
      throw new ShapeError(
        what,
        `it is ${Array.isArray(v) ? 'a list' : v === null ? 'null' : typeof v}, not an object`,
      );
    return v as OktaRecord;
  };
}

/**
 * One path segment, encoded. An empty id would turn `…/tokens/{tokenId}` into `…/tokens/`, which is a
 * different operation (the client's whole list, or revoking all of it), so it is refused before anything
 * is sent.
 */
function enc(segment: string): string {
  if (typeof segment !== 'string' || segment.trim() === '') {
    throw new OktaError({
      kind: 'invalid-input',
      message: `An id in the request is empty (${JSON.stringify(segment)}); nothing was sent. Fill in every id the request needs.`,
    });
  }
  return encodeURIComponent(segment);
}

/**
 * The API token as it goes into the header. A copied token often arrives with surrounding blanks or with
 * the "SSWS " scheme from a curl example; both are dropped. Anything else that cannot travel in a header
 * (inner spaces, line breaks, non-ASCII) would fail deep in the HTTP stack as a "network" error, so it is
 * refused here with what to do. The token itself never appears in the message.
 */
function checkApiToken(raw: string): string {
  const token = raw.trim().replace(/^SSWS(\s+|$)/i, '');
  const refuse = (why: string) => new OktaError({ kind: 'auth-config', message: `The API token ${why}.` });
  if (!token) throw refuse('is empty. Paste the token shown when it was created in Okta');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is being refused
  if (/[\s\u0000-\u001f\u007f]/.test(token))
    throw refuse(
      'contains a space or line break. Paste only the token itself, in one piece (Okta API tokens have no spaces)',
    );
  if (/[^\x21-\x7e]/.test(token))
    throw refuse(
      'contains characters outside plain ASCII (often a smart quote or an invisible character picked up when copying). Paste it again from Okta, or type it',
    );
  return token;
}

/**
 * Where a refresh token is reached: its authorization server and client, its user and client, or its
 * app. The token is one object whichever way it is reached; revoking it one way shows REVOKED the others.
 */
export type TokenPath =
  | { via: 'server'; authServerId: string; clientId: string }
  | { via: 'user'; userId: string; clientId: string }
  | { via: 'app'; appId: string };

export interface TokenListParams {
  /** Embed each token's scopes (`expand=scope`); default true. */
  expandScope?: boolean;
  /** Page size, 1–200; 200 is sent when not given. */
  limit?: number;
  after?: string;
}

/** The path of a token list, ids encoded (an empty id is refused: see enc). */
function tokensPath(path: TokenPath): string {
  switch (path.via) {
    case 'server':
      return `/api/v1/authorizationServers/${enc(path.authServerId)}/clients/${enc(path.clientId)}/tokens`;
    case 'user':
      return `/api/v1/users/${enc(path.userId)}/clients/${enc(path.clientId)}/tokens`;
    case 'app':
      return `/api/v1/apps/${enc(path.appId)}/tokens`;
  }
}

/** Words for a path's tokens in outcome messages. */
function tokenOwner(path: TokenPath): { ids: string; tokens: string; gone: string } {
  switch (path.via) {
    case 'server':
      return {
        ids: 'authorization server, client and token ids',
        tokens: "the client's tokens",
        gone: 'the client holds no tokens on this server any more',
      };
    case 'user':
      return {
        ids: 'user, client and token ids',
        tokens: "the user's tokens for the client",
        gone: 'the user holds no tokens for this client any more',
      };
    case 'app':
      return {
        ids: 'app and token ids',
        tokens: "the app's tokens",
        gone: 'the app holds no tokens any more',
      };
  }
}

/** A 404 for ids the caller never saw: nothing was revoked, and Okta's words name what is missing. */
function notFoundOutcome(e: OktaError, path: TokenPath): RevokeOutcome {
  const what = e.errorSummary ? ` (Okta: ${e.errorSummary})` : '';
  return {
    status: 'not-found',
    message: `${NOT_FOUND_TEXT}${what}. Check the ${tokenOwner(path).ids}.`,
    error: e,
  };
}

/** The answer and every check after it were inconclusive: says so, and what to look at before retrying. */
function unknownOutcome(e: OktaError, why: string, check = 'look the token up'): RevokeOutcome {
  return {
    status: 'unknown',
    message: `${e.message} Whether it was revoked is not known: ${why}. Before trying again, ${check} — a revoked token's status reads REVOKED.`,
    error: e,
  };
}

export class OktaClient {
  readonly orgUrl: URL;
  private readonly exec: RequestExecutor;
  private readonly limiter: ConcurrencyLimiter;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  readonly logger: OktaLogger;
  private readonly redactor = new Redactor();
  private readonly auth: AuthProvider;
  private readonly governor: RateLimitGovernor;
  /** GETs of the org's public OAuth documents (discovery, keys) for JWT checks: no credentials. */
  readonly publicJson: (url: URL, signal?: AbortSignal) => Promise<unknown>;

  constructor(opts: OktaClientOptions) {
    this.orgUrl = normalizeOrgUrl(opts.orgUrl);
    const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
    this.limiter = new ConcurrencyLimiter(concurrency);
    this.dispatcher = makeDispatcher(opts, concurrency * 2);
    this.ownsDispatcher = !opts.dispatcher;
    this.logger = this.redactor.wrap(opts.logger ?? silentLogger);
    const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const userAgent = opts.userAgent ?? 'okta-token-explorer';
    this.publicJson = publicJsonFetcher({
      orgUrl: this.orgUrl,
      dispatcher: this.dispatcher,
      timeoutMs,
      userAgent,
    });

    if (opts.auth.kind === 'ssws') {
      this.auth = new SswsAuth(checkApiToken(opts.auth.token));
    } else {
      const keyText = opts.auth.privateKey;
      if (typeof keyText === 'string') this.redactor.add(keyText);
      this.auth = new ServiceAppAuth(
        this.orgUrl,
        opts.auth.clientId,
        keyText,
        this.formPoster(timeoutMs, userAgent),
        {
          keyId: opts.auth.keyId,
          scopes: opts.auth.scopes,
        },
      );
    }
    for (const s of this.auth.secrets()) this.redactor.add(s);

    this.governor = new RateLimitGovernor({ reserve: opts.rateLimitReserve });
    this.exec = new RequestExecutor({
      origin: this.orgUrl,
      auth: this.auth,
      limiter: this.limiter,
      governor: this.governor,
      dispatcher: this.dispatcher,
      logger: this.logger,
      redact: (s) => this.redact(s),
      timeoutMs,
      retry: { ...DEFAULT_RETRY, ...opts.retry },
      userAgent,
    });
  }

  /** Replaces every secret this client holds or minted. */
  redact(text: string): string {
    for (const s of this.auth.secrets()) this.redactor.add(s);
    return this.redactor.redact(text);
  }

  get stats(): Readonly<ExecutorStats> {
    return this.exec.stats;
  }

  /**
   * What the client has learnt of the org's rate-limit buckets, by bucket key (`authorizationservers`,
   * `users`, `logs`, …): limit, remaining and reset of the current window, and a ceiling when a 429 showed
   * this caller's share to be lower. A caller that paces itself (the Watch) reads its share from this.
   */
  rateLimits(): Record<string, { limit: number; remaining: number; resetAt: string; ceiling?: number }> {
    return this.governor.snapshot();
  }

  /** Closes pooled connections. The client must not be used afterwards. */
  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  private formPoster(timeoutMs: number, userAgent: string): FormPoster {
    return async (url, form, headers) => {
      const res = await exchange(this.dispatcher, url, timeoutMs, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          'user-agent': userAgent,
          ...headers,
        },
        body: new URLSearchParams(form).toString(),
      });
      let body: unknown;
      try {
        body = res.text ? JSON.parse(res.text) : undefined;
      } catch {
        body = undefined;
      }
      const rid = res.headers['x-okta-request-id'];
      this.logger.debug(`POST ${url.pathname} → ${res.status}`);
      return { status: res.status, headers: res.headers, body, requestId: Array.isArray(rid) ? rid[0] : rid };
    };
  }

  private url(path: string, query?: Record<string, string | number | undefined>): URL {
    const u = new URL(path, this.orgUrl);
    for (const [k, v] of Object.entries(query ?? {}))
      if (v !== undefined && v !== '') u.searchParams.set(k, String(v));
    return u;
  }

  private async getJson(url: URL, signal?: AbortSignal): Promise<{ body: unknown; nextUrl?: string }> {
    const a = await this.exec.execute({ method: 'GET', url, signal, expectBody: true });
    return { body: a.body, nextUrl: a.nextUrl };
  }

  private parse<T>(url: URL, parse: (v: unknown) => T, v: unknown): T {
    try {
      return parse(v);
    } catch (e) {
      if (e instanceof ShapeError) {
        throw new OktaError({
          kind: 'shape',
          method: 'GET',
          path: url.pathname,
          message: this.redact(`${e.message} (GET ${url.pathname}).`),
          cause: e,
        });
      }
      throw e;
    }
  }

  private list<T>(
    what: string,
    firstUrl: URL,
    parse: (v: unknown) => T,
    signal?: AbortSignal,
    endAt: (page: Page<T>) => Page<T> = (page) => page,
  ): PagedList<T> {
    const fetchPage = async (url: URL, s?: AbortSignal): Promise<Page<T>> => {
      const { body, nextUrl } = await this.getJson(url, s);
      if (!Array.isArray(body)) {
        throw new OktaError({
          kind: 'shape',
          method: 'GET',
          path: url.pathname,
          message: `Okta answered GET ${url.pathname} with ${body === null ? 'null' : typeof body} where a list of ${what} was expected.`,
        });
      }
      // Parsed in place: the array the body arrived in becomes the page's items, so the list's
      // iterator, which empties that array as it hands items out, releases every reference to them.
      // A copy would leave the parsed objects reachable through the first array, which the promises
      // and suspended frames that carried the answer here still point to (see PagedList).
      const items = body as T[];
      for (let i = 0; i < items.length; i++) items[i] = this.parse(url, parse, body[i]);
      return endAt({ items, nextUrl });
    };
    return new PagedList<T>(
      this.orgUrl,
      { first: (s) => fetchPage(firstUrl, s), at: (u, s) => fetchPage(u, s) },
      signal,
    );
  }

  private clampLimit(limit: number | undefined): number {
    if (limit === undefined) return MAX_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`limit must be a whole number from 1 to ${MAX_PAGE_SIZE}, got ${limit}`);
    return Math.min(limit, MAX_PAGE_SIZE);
  }

  listAuthorizationServers(
    params: { q?: string; limit?: number; after?: string } = {},
    opts: CallOptions = {},
  ): PagedList<AuthorizationServer> {
    const url = this.url('/api/v1/authorizationServers', {
      q: params.q,
      limit: this.clampLimit(params.limit),
      after: params.after,
    });
    return this.list('authorization servers', url, parseAuthorizationServer, opts.signal);
  }

  async getAuthorizationServer(authServerId: string, opts: CallOptions = {}): Promise<AuthorizationServer> {
    const url = this.url(`/api/v1/authorizationServers/${enc(authServerId)}`);
    return this.parse(url, parseAuthorizationServer, (await this.getJson(url, opts.signal)).body);
  }

  /** Clients for which the server currently holds tokens. Okta documents no paging here; a next link is still followed. */
  listClients(authServerId: string, opts: CallOptions = {}): PagedList<OAuth2Client> {
    const url = this.url(`/api/v1/authorizationServers/${enc(authServerId)}/clients`);
    return this.list('clients', url, parseOAuth2Client, opts.signal);
  }

  listRefreshTokens(
    authServerId: string,
    clientId: string,
    params: TokenListParams = {},
    opts: CallOptions = {},
  ): PagedList<OAuth2RefreshToken> {
    return this.listTokensAt({ via: 'server', authServerId, clientId }, params, opts);
  }

  getRefreshToken(
    authServerId: string,
    clientId: string,
    tokenId: string,
    params: { expandScope?: boolean } = {},
    opts: CallOptions = {},
  ): Promise<OAuth2RefreshToken> {
    return this.getTokenAt({ via: 'server', authServerId, clientId }, tokenId, params, opts);
  }

  /** Revokes one refresh token (and the access tokens minted with it). Never throws for Okta's answer. */
  revokeRefreshToken(
    authServerId: string,
    clientId: string,
    tokenId: string,
    opts: RevokeOptions = {},
  ): Promise<RevokeOutcome> {
    return this.revokeTokenAt({ via: 'server', authServerId, clientId }, tokenId, opts);
  }

  /** Revokes every refresh token the client holds on the server. Never throws for Okta's answer. */
  revokeRefreshTokens(
    authServerId: string,
    clientId: string,
    opts: RevokeOptions = {},
  ): Promise<RevokeOutcome> {
    return this.revokeTokensAt({ via: 'server', authServerId, clientId }, opts);
  }

  // The same refresh tokens reached through a user (/users/{userId}/clients/{clientId}/tokens) or an
  // app (/apps/{appId}/tokens): one token object, whichever way it is reached, with the same revoke
  // outcomes.

  /** A user's refresh tokens for one client (OAuth2RefreshToken; limit 1–200, default sent 200). */
  listUserRefreshTokens(
    userId: string,
    clientId: string,
    params: TokenListParams = {},
    opts: CallOptions = {},
  ): PagedList<OAuth2RefreshToken> {
    return this.listTokensAt({ via: 'user', userId, clientId }, params, opts);
  }

  getUserRefreshToken(
    userId: string,
    clientId: string,
    tokenId: string,
    params: { expandScope?: boolean } = {},
    opts: CallOptions = {},
  ): Promise<OAuth2RefreshToken> {
    return this.getTokenAt({ via: 'user', userId, clientId }, tokenId, params, opts);
  }

  revokeUserRefreshToken(
    userId: string,
    clientId: string,
    tokenId: string,
    opts: RevokeOptions = {},
  ): Promise<RevokeOutcome> {
    return this.revokeTokenAt({ via: 'user', userId, clientId }, tokenId, opts);
  }

  /** Revokes every refresh token the user holds for the client. */
  revokeUserRefreshTokens(
    userId: string,
    clientId: string,
    opts: RevokeOptions = {},
  ): Promise<RevokeOutcome> {
    return this.revokeTokensAt({ via: 'user', userId, clientId }, opts);
  }

  /** Every refresh token issued to an app, on any authorization server, for any user. */
  listAppRefreshTokens(
    appId: string,
    params: TokenListParams = {},
    opts: CallOptions = {},
  ): PagedList<OAuth2RefreshToken> {
    return this.listTokensAt({ via: 'app', appId }, params, opts);
  }

  getAppRefreshToken(
    appId: string,
    tokenId: string,
    params: { expandScope?: boolean } = {},
    opts: CallOptions = {},
  ): Promise<OAuth2RefreshToken> {
    return this.getTokenAt({ via: 'app', appId }, tokenId, params, opts);
  }

  revokeAppRefreshToken(appId: string, tokenId: string, opts: RevokeOptions = {}): Promise<RevokeOutcome> {
    return this.revokeTokenAt({ via: 'app', appId }, tokenId, opts);
  }

  /** Revokes every refresh token of the app (and the access tokens minted with them). */
  revokeAppRefreshTokens(appId: string, opts: RevokeOptions = {}): Promise<RevokeOutcome> {
    return this.revokeTokensAt({ via: 'app', appId }, opts);
  }

  /** The tokens of a path: a (server, client) pair, a (user, client) pair or an app. */
  listTokensAt(
    path: TokenPath,
    params: TokenListParams = {},
    opts: CallOptions = {},
  ): PagedList<OAuth2RefreshToken> {
    // limit is always sent: the spec's default (-1) and the old docs' (20) disagree.
    const url = this.url(tokensPath(path), {
      expand: params.expandScope === false ? undefined : 'scope',
      limit: this.clampLimit(params.limit),
      after: params.after,
    });
    return this.list('refresh tokens', url, parseRefreshToken, opts.signal);
  }

  async getTokenAt(
    path: TokenPath,
    tokenId: string,
    params: { expandScope?: boolean } = {},
    opts: CallOptions = {},
  ): Promise<OAuth2RefreshToken> {
    const url = this.url(`${tokensPath(path)}/${enc(tokenId)}`, {
      expand: params.expandScope === false ? undefined : 'scope',
    });
    return this.parse(url, parseRefreshToken, (await this.getJson(url, opts.signal)).body);
  }

  // Revoking. Every outcome is decided here, once, from what the org answered (see revokeOutcome.ts):
  // `revoked` only for Okta's empty 2xx. An answer that is lost, a 5xx, or a 2xx that is not Okta's is
  // settled by looking at the token (or listing the path's tokens) afterwards; a 404 by whether the
  // caller had seen the token, or else by a lookup that tells a revoked token from a wrong id.

  /** Revokes one refresh token reached through `path`. Never throws for Okta's answer. */
  async revokeTokenAt(path: TokenPath, tokenId: string, opts: RevokeOptions = {}): Promise<RevokeOutcome> {
    const url = this.revokeUrl(path, tokenId);
    if (!(url instanceof URL)) return url;
    const e = await this.sendRevoke(url, opts.signal);
    if (!e) return { status: 'revoked' };
    if (e.status === 404 && opts.seen)
      return {
        status: 'already-gone',
        message: 'Okta has nothing to revoke: the token was already revoked or deleted since it was listed.',
      };
    if (e.status !== 404 && !e.outcomeUnknown) return { status: 'failed', message: e.message, error: e };
    if (opts.signal?.aborted)
      return unknownOutcome(e, 'the revoke was cancelled before that could be checked');
    // A 404 for a token never seen is a revoked token (Okta answers 404 to revoking one) or a wrong id;
    // an answer that was lost or not Okta's may or may not have revoked it. The token itself tells.
    let token: OAuth2RefreshToken;
    try {
      token = await this.getTokenAt(path, tokenId, { expandScope: false }, opts);
    } catch (le) {
      if (le instanceof OktaError && le.status === 404)
        return notFoundOutcome(e.status === 404 ? e : le, path);
      if (e.status === 404) return notFoundOutcome(e, path);
      return unknownOutcome(e, `looking the token up afterwards failed too (${(le as Error).message})`);
    }
    if (token.status === 'REVOKED')
      return {
        status: 'already-gone',
        message:
          e.status === 404
            ? 'A lookup shows the token REVOKED: it had been revoked already.'
            : `${e.message} A lookup afterwards shows the token REVOKED, so it no longer works; whether this revoke or an earlier one did it is not known.`,
      };
    if (token.status === 'ACTIVE')
      return {
        status: 'failed',
        message: `${e.message} A lookup afterwards shows the token still ACTIVE: it was not revoked. Try again.`,
        error: e,
      };
    return unknownOutcome(e, `a lookup afterwards shows the token as ${token.status}`);
  }

  /** Revokes every refresh token reached through `path`. Never throws for Okta's answer. */
  async revokeTokensAt(path: TokenPath, opts: RevokeOptions = {}): Promise<RevokeOutcome> {
    const url = this.revokeUrl(path);
    if (!(url instanceof URL)) return url;
    const owner = tokenOwner(path);
    const e = await this.sendRevoke(url, opts.signal);
    if (!e) return { status: 'revoked' };
    if (e.status === 404)
      return opts.seen
        ? {
            status: 'already-gone',
            message: `Okta has nothing to revoke: ${owner.gone}, or it was deleted since it was listed.`,
          }
        : notFoundOutcome(e, path);
    if (!e.outcomeUnknown) return { status: 'failed', message: e.message, error: e };
    if (opts.signal?.aborted)
      return unknownOutcome(e, 'the revoke was cancelled before that could be checked');
    // The answer was lost or not Okta's: the path's tokens tell whether they were revoked.
    let active = 0;
    let complete = true;
    try {
      const list = this.listTokensAt(path, { expandScope: false }, opts);
      for await (const page of list.pages({ maxPages: REVOKE_CHECK_PAGES })) {
        active += page.items.filter((t) => t.status !== 'REVOKED').length;
        complete = !page.nextUrl;
      }
    } catch (le) {
      if (le instanceof OktaError && le.status === 404) return notFoundOutcome(le, path);
      return unknownOutcome(
        e,
        `listing ${owner.tokens} afterwards failed too (${(le as Error).message})`,
        `list ${owner.tokens}`,
      );
    }
    if (active > 0)
      return {
        status: 'failed',
        message: `${e.message} A list afterwards shows ${complete ? active : `at least ${active}`} of ${owner.tokens} still ACTIVE: they were not revoked. Try again.`,
        error: e,
      };
    if (!complete)
      return unknownOutcome(
        e,
        `the first ${REVOKE_CHECK_PAGES * MAX_PAGE_SIZE} tokens listed afterwards are all REVOKED, but the list goes on`,
        `list ${owner.tokens}`,
      );
    return {
      status: 'already-gone',
      message: `${e.message} A list afterwards shows none of ${owner.tokens} ACTIVE, so they no longer work; whether this revoke or an earlier one did it is not known.`,
    };
  }

  /** The DELETE URL, or a failed outcome when an id is empty (a revoke never throws for bad input). */
  private revokeUrl(path: TokenPath, tokenId?: string): URL | RevokeOutcome {
    try {
      const base = tokensPath(path);
      return this.url(tokenId === undefined ? base : `${base}/${enc(tokenId)}`);
    } catch (e) {
      if (e instanceof OktaError) return { status: 'failed', message: e.message, error: e };
      throw e;
    }
  }

  /** Sends the DELETE (never repeated). Undefined when Okta answered it with an empty 2xx. */
  private async sendRevoke(url: URL, signal?: AbortSignal): Promise<OktaError | undefined> {
    try {
      await this.exec.execute({ method: 'DELETE', url, signal, expectBody: false });
      return undefined;
    } catch (e) {
      if (!(e instanceof OktaError)) throw e;
      return e;
    }
  }

  listScopes(
    authServerId: string,
    params: { q?: string; limit?: number; after?: string } = {},
    opts: CallOptions = {},
  ): PagedList<OAuth2Scope> {
    const url = this.url(`/api/v1/authorizationServers/${enc(authServerId)}/scopes`, {
      q: params.q,
      limit: this.clampLimit(params.limit),
      after: params.after,
    });
    return this.list('scopes', url, parseScope, opts.signal);
  }

  async getScope(authServerId: string, scopeId: string, opts: CallOptions = {}): Promise<OAuth2Scope> {
    const url = this.url(`/api/v1/authorizationServers/${enc(authServerId)}/scopes/${enc(scopeId)}`);
    return this.parse(url, parseScope, (await this.getJson(url, opts.signal)).body);
  }

  // Claims, policies, rules, keys and associated servers are shown as Okta sends them (the query
  // engine projects their fields by name), so they come back as plain JSON objects with `_links`
  // kept rather than through a typed model. Okta documents no paging on the first four; a next link
  // is still followed if one is ever sent.

  listClaims(authServerId: string, opts: CallOptions = {}): PagedList<OktaRecord> {
    const url = this.url(`/api/v1/authorizationServers/${enc(authServerId)}/claims`);
    return this.list('claims', url, parseRecord('claim'), opts.signal);
  }

  getClaim(authServerId: string, claimId: string, opts: CallOptions = {}): Promise<OktaRecord> {
    return this.getRecord(
      'claim',
      `/api/v1/authorizationServers/${enc(authServerId)}/claims/${enc(claimId)}`,
      opts,
    );
  }

  listPolicies(authServerId: string, opts: CallOptions = {}): PagedList<AuthorizationServerPolicy> {
    const url = this.url(`/api/v1/authorizationServers/${enc(authServerId)}/policies`);
    return this.list('policies', url, parsePolicy, opts.signal);
  }

  async getPolicy(
    authServerId: string,
    policyId: string,
    opts: CallOptions = {},
  ): Promise<AuthorizationServerPolicy> {
    const url = this.url(`/api/v1/authorizationServers/${enc(authServerId)}/policies/${enc(policyId)}`);
    return this.parse(url, parsePolicy, (await this.getJson(url, opts.signal)).body);
  }

  /** A policy's rules: who (people, groups), which grant types and scopes, and the token lifetimes. */
  listPolicyRules(
    authServerId: string,
    policyId: string,
    opts: CallOptions = {},
  ): PagedList<AuthorizationServerPolicyRule> {
    const url = this.url(`/api/v1/authorizationServers/${enc(authServerId)}/policies/${enc(policyId)}/rules`);
    return this.list('policy rules', url, parsePolicyRule, opts.signal);
  }

  async getPolicyRule(
    authServerId: string,
    policyId: string,
    ruleId: string,
    opts: CallOptions = {},
  ): Promise<AuthorizationServerPolicyRule> {
    const url = this.url(
      `/api/v1/authorizationServers/${enc(authServerId)}/policies/${enc(policyId)}/rules/${enc(ruleId)}`,
    );
    return this.parse(url, parsePolicyRule, (await this.getJson(url, opts.signal)).body);
  }

  /** The server's signing keys (credentials/keys): the active one, the next one, and expired ones. */
  listKeys(authServerId: string, opts: CallOptions = {}): PagedList<OktaRecord> {
    const url = this.url(`/api/v1/authorizationServers/${enc(authServerId)}/credentials/keys`);
    return this.list('signing keys', url, parseRecord('signing key'), opts.signal);
  }

  getKey(authServerId: string, keyId: string, opts: CallOptions = {}): Promise<OktaRecord> {
    return this.getRecord(
      'signing key',
      `/api/v1/authorizationServers/${enc(authServerId)}/credentials/keys/${enc(keyId)}`,
      opts,
    );
  }

  /** Servers associated with (trusted by) this one; `trusted: false` lists the ones that are not. */
  listAssociatedServers(
    authServerId: string,
    params: { trusted?: boolean; q?: string; limit?: number; after?: string } = {},
    opts: CallOptions = {},
  ): PagedList<OktaRecord> {
    const url = this.url(`/api/v1/authorizationServers/${enc(authServerId)}/associatedServers`, {
      trusted: params.trusted === undefined ? undefined : String(params.trusted),
      q: params.q,
      limit: this.clampLimit(params.limit),
      after: params.after,
    });
    return this.list('associated servers', url, parseRecord('associated server'), opts.signal);
  }

  // Users, their clients and grants; apps and their grants; the System Log.

  /**
   * Users. `q` is a starts-with match on first name, last name or email (not login) and leaves out
   * DEPROVISIONED users; `filter` and `search` are Okta's expression languages; `search` pages with
   * `after` and sorts with `sortBy`/`sortOrder`. Okta's default page is 200 (10 with `q`); 200 is sent.
   */
  listUsers(
    params: {
      q?: string;
      filter?: string;
      search?: string;
      limit?: number;
      after?: string;
      sortBy?: string;
      sortOrder?: string;
    } = {},
    opts: CallOptions = {},
  ): PagedList<User> {
    const url = this.url('/api/v1/users', {
      q: params.q,
      filter: params.filter,
      search: params.search,
      limit: this.clampLimit(params.limit),
      after: params.after,
      sortBy: params.sortBy,
      sortOrder: params.sortOrder,
    });
    return this.list('users', url, parseUser, opts.signal);
  }

  /** One user by id (or by login: Okta accepts either here). */
  async getUser(id: string, opts: CallOptions = {}): Promise<User> {
    const url = this.url(`/api/v1/users/${enc(id)}`);
    return this.parse(url, parseUser, (await this.getJson(url, opts.signal)).body);
  }

  /** The clients (apps) the user holds grants or refresh tokens for; one response, no paging documented. */
  listUserClients(userId: string, opts: CallOptions = {}): PagedList<OAuth2Client> {
    const url = this.url(`/api/v1/users/${enc(userId)}/clients`);
    return this.list('clients', url, parseOAuth2Client, opts.signal);
  }

  /** The user's consent grants, all clients (or one scope with `scopeId`). */
  listUserGrants(
    userId: string,
    params: { scopeId?: string; expandScope?: boolean; limit?: number; after?: string } = {},
    opts: CallOptions = {},
  ): PagedList<OAuth2ScopeConsentGrant> {
    const url = this.url(`/api/v1/users/${enc(userId)}/grants`, {
      scopeId: params.scopeId,
      expand: params.expandScope ? 'scope' : undefined,
      limit: this.clampLimit(params.limit),
      after: params.after,
    });
    return this.list('grants', url, parseGrant, opts.signal);
  }

  /** The user's consent grants for one client. */
  listUserClientGrants(
    userId: string,
    clientId: string,
    params: { expandScope?: boolean; limit?: number; after?: string } = {},
    opts: CallOptions = {},
  ): PagedList<OAuth2ScopeConsentGrant> {
    const url = this.url(`/api/v1/users/${enc(userId)}/clients/${enc(clientId)}/grants`, {
      expand: params.expandScope ? 'scope' : undefined,
      limit: this.clampLimit(params.limit),
      after: params.after,
    });
    return this.list('grants', url, parseGrant, opts.signal);
  }

  async getUserGrant(
    userId: string,
    grantId: string,
    params: { expandScope?: boolean } = {},
    opts: CallOptions = {},
  ): Promise<OAuth2ScopeConsentGrant> {
    const url = this.url(`/api/v1/users/${enc(userId)}/grants/${enc(grantId)}`, {
      expand: params.expandScope ? 'scope' : undefined,
    });
    return this.parse(url, parseGrant, (await this.getJson(url, opts.signal)).body);
  }

  /**
   * Apps. `q` is a starts-with match on name or label; `filter` takes one expression such as
   * `name eq "oidc_client"`. Okta's default page size is documented as both -1 and 20, so 200 is sent.
   */
  listApplications(
    params: { q?: string; filter?: string; limit?: number; after?: string } = {},
    opts: CallOptions = {},
  ): PagedList<Application> {
    const url = this.url('/api/v1/apps', {
      q: params.q,
      filter: params.filter,
      limit: this.clampLimit(params.limit),
      after: params.after,
    });
    return this.list('applications', url, parseApplication, opts.signal);
  }

  async getApplication(appId: string, opts: CallOptions = {}): Promise<Application> {
    const url = this.url(`/api/v1/apps/${enc(appId)}`);
    return this.parse(url, parseApplication, (await this.getJson(url, opts.signal)).body);
  }

  /** The admin consent grants of an app (Okta API scopes granted to it); no paging documented. */
  listAppGrants(
    appId: string,
    params: { expandScope?: boolean } = {},
    opts: CallOptions = {},
  ): PagedList<OAuth2ScopeConsentGrant> {
    const url = this.url(`/api/v1/apps/${enc(appId)}/grants`, {
      expand: params.expandScope ? 'scope' : undefined,
    });
    return this.list('grants', url, parseGrant, opts.signal);
  }

  async getAppGrant(
    appId: string,
    grantId: string,
    params: { expandScope?: boolean } = {},
    opts: CallOptions = {},
  ): Promise<OAuth2ScopeConsentGrant> {
    const url = this.url(`/api/v1/apps/${enc(appId)}/grants/${enc(grantId)}`, {
      expand: params.expandScope ? 'scope' : undefined,
    });
    return this.parse(url, parseGrant, (await this.getJson(url, opts.signal)).body);
  }

  /**
   * System Log events. A polling read (no `until`, ascending order) always gets a next link back, even
   * on an empty page, so a page with no events ends this list: its next link is handed out as the
   * page's `pollUrl` (where newer events will appear) instead of `nextUrl`. A bounded read (`since`
   * and `until`) ends when Okta sends no next link. `limit` is 1–1000 (Okta's default 100; 1000 sent).
   */
  listLogEvents(
    params: {
      since?: string;
      until?: string;
      filter?: string;
      q?: string;
      limit?: number;
      sortOrder?: 'ASCENDING' | 'DESCENDING' | string;
      after?: string;
    } = {},
    opts: CallOptions = {},
  ): PagedList<LogEvent> {
    const limit = params.limit ?? MAX_LOG_PAGE_SIZE;
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`limit must be a whole number from 1 to ${MAX_LOG_PAGE_SIZE}, got ${limit}`);
    const url = this.url('/api/v1/logs', {
      since: params.since,
      until: params.until,
      filter: params.filter,
      q: params.q,
      limit: Math.min(limit, MAX_LOG_PAGE_SIZE),
      sortOrder: params.sortOrder,
      after: params.after,
    });
    return this.list('System Log events', url, parseLogEvent, opts.signal, (page) =>
      page.items.length === 0 && page.nextUrl ? { items: [], pollUrl: page.nextUrl } : page,
    );
  }

  private async getRecord(what: string, path: string, opts: CallOptions): Promise<OktaRecord> {
    const url = this.url(path);
    return this.parse(url, parseRecord(what), (await this.getJson(url, opts.signal)).body);
  }

  /** One cheap authenticated call that proves the URL, the credential and its permissions. */
  /**
   * One cheap authenticated call. Resolves with whether the credential may revoke, when that is known
   * (a service app granted only okta.authorizationServers.read connects read-only).
   */
  async testConnection(opts: CallOptions = {}): Promise<{ mayRevoke: boolean | undefined }> {
    await this.listAuthorizationServers({ limit: 1 }, opts).firstPage();
    return { mayRevoke: this.auth.mayRevoke?.() };
  }
}
