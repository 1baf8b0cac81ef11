// The org's System Log (GET /api/v1/logs, Okta's LogEvent bodies): a seeded history of what happened to
// every token — granted, refreshed, failed to refresh after expiry, revoked by its app or caught reusing
// a rotated token — plus the events the emulator writes as it runs (every revoke through the Management
// API). The history is generated on the first read, so orgs nobody reads the log of pay nothing for it.
// Queries follow Okta's two modes (test/emulator/README.md, "System Log"): polling (no `until`,
// ascending) always returns a `next` link, even on an empty page; bounded queries end with no `next`.
// Events never name a refresh token's `oar…` id (Okta documents only hashes): correlate by user, client,
// server, transaction and time.
import { createHash, randomUUID } from 'node:crypto';
import type { OrgData, TokenRec } from './data';
import { json, oktaErrorReply, type Reply } from './http';
import { decodeCursor, encodeCursor, linkHeaders, paginate, PagingError } from './paging';
import { Rng } from './rng';
import { compileFilter, FilterError, type FilterOp } from './scimFilter';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Who did it: a user, an OIDC app (its client), the org admin behind an API token, or a service app. */
export type LogActorRef =
  { kind: 'user'; userIdx: number } | { kind: 'app'; appIdx: number } | { kind: 'service'; clientId: string };

export interface LogRec {
  uuid: string;
  published: number;
  eventType: string;
  displayMessage: string;
  severity: 'INFO' | 'WARN';
  result: 'SUCCESS' | 'FAILURE';
  reason?: string;
  actor: LogActorRef;
  /** The app whose client made or is subject of the request (client.id and an app target). */
  appIdx?: number;
  userIdx?: number;
  serverIdxs: number[];
  /** The refresh token concerned: only its hash, expiry and kind are ever shown. */
  token?: { hash: string; expires: number; rotating: boolean; scopes: string[] };
  /** Tokens revoked by one request (revoke-all). */
  tokenCount?: number;
  grantType?: string;
  transactionId: string;
  requestUri: string;
  /** The API token behind a Management API call (transaction.detail.requestApiTokenId). */
  apiTokenId?: string;
  ip: string;
  userAgent: string;
}

type Body = Record<string, unknown>;

const USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'okhttp/4.12.0',
];
const PLACES = [
  { city: 'London', state: 'England', country: 'United Kingdom', postalCode: 'EC1A', lat: 51.5, lon: -0.12 },
  { city: 'Berlin', state: 'Land Berlin', country: 'Germany', postalCode: '10115', lat: 52.52, lon: 13.4 },
  { city: 'Austin', state: 'Texas', country: 'United States', postalCode: '78701', lat: 30.27, lon: -97.74 },
  {
    city: 'Sydney',
    state: 'New South Wales',
    country: 'Australia',
    postalCode: '2000',
    lat: -33.87,
    lon: 151.21,
  },
];

const MESSAGES: Record<string, string> = {
  'app.oauth2.as.token.grant.refresh_token': 'OAuth2 refresh token is granted',
  'app.oauth2.as.token.grant.access_token': 'OAuth2 access token is granted',
  'app.oauth2.as.token.grant.id_token': 'OAuth2 id token is granted',
  'app.oauth2.as.token.grant': 'OAuth2 token grant request',
  'app.oauth2.as.token.revoke': 'OAuth2 token revocation request',
  'app.oauth2.as.token.detect_reuse': 'OAuth2 refresh token reuse detected',
};

export function displayMessageOf(eventType: string): string {
  return MESSAGES[eventType] ?? eventType;
}

/** Attributes the emulator lets `filter` use: LogEvent's declared fields, except `published` (Okta refuses it). */
const FILTERABLE = new Set([
  'uuid',
  'eventType',
  'legacyEventType',
  'displayMessage',
  'severity',
  'version',
  'actor',
  'client',
  'outcome',
  'target',
  'transaction',
  'debugContext',
  'authenticationContext',
  'securityContext',
  'request',
]);

function filterAllows(attr: string, op: FilterOp): boolean {
  if (attr.includes('changeDetails')) return false;
  if (op === 'co' && /^debugContext\.debugData\.(url|requestUri)$/.test(attr)) return false;
  return FILTERABLE.has(attr.split('.')[0]);
}

const LOG_LIMIT_MAX = 1000;
const LOG_LIMIT_DEFAULT = 100;

function uuidFrom(rng: Rng): string {
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += Math.floor(rng.next() * 16).toString(16);
    return s;
  };
  return `${hex(8)}-${hex(4)}-1${hex(3)}-${'89ab'[Math.floor(rng.next() * 4)]}${hex(3)}-${hex(12)}`;
}

export class SystemLog {
  private seeded?: LogRec[];
  private readonly live: LogRec[] = [];
  private readonly bodies = new Map<LogRec, Body>();

  constructor(
    private readonly org: OrgData,
    private readonly origin: string,
    /** The emulator's clock: `published` of live events and the default `until` follow it. */
    private readonly now: () => number = Date.now,
  ) {}

  /** A refresh token's hash as events show it: not derivable from its `oar…` id without the org's seed. */
  tokenHash(t: TokenRec): string {
    return createHash('sha256')
      .update(`${String(this.org.seed)}|refresh-token-value|${t.id}`)
      .digest('base64url');
  }

  tokenInfo(serverIdx: number, appIdx: number, t: TokenRec): NonNullable<LogRec['token']> {
    const scopes = this.org.scopes(serverIdx);
    return {
      hash: this.tokenHash(t),
      expires: t.expiresAt,
      rotating: this.org.apps[appIdx].rotationType === 'ROTATE',
      scopes: t.scopeIdx.map((k) => scopes[k].name),
    };
  }

  /** Every event in persistence order: the seeded history, then what happened while running. */
  private all(): LogRec[] {
    if (!this.seeded) this.seeded = this.history();
    return this.live.length === 0 ? this.seeded : [...this.seeded, ...this.live];
  }

  /** Writes an event that happens now. */
  record(rec: Omit<LogRec, 'uuid' | 'published' | 'displayMessage'> & { published?: number }): LogRec {
    const full: LogRec = {
      ...rec,
      uuid: randomUUID(),
      published: rec.published ?? this.now(),
      displayMessage: displayMessageOf(rec.eventType),
    };
    this.live.push(full);
    return full;
  }

  /** Events as Okta's LogEvent bodies, in persistence order (for tests). */
  events(): Body[] {
    return this.all().map((e) => this.body(e));
  }

  private history(): LogRec[] {
    const out: LogRec[] = [];
    for (const { serverIdx: s, appIdx: a } of this.org.pairs()) {
      const rng = new Rng(this.org.seed, 'events', s, a);
      const app = this.org.apps[a];
      const tokenUri = `/oauth2/${this.org.servers[s].id}/v1/token`;
      for (const t of this.org.tokens(s, a)) {
        const info = this.tokenInfo(s, a, t);
        const base = {
          appIdx: a,
          userIdx: t.userIdx,
          serverIdxs: [s],
          token: info,
          ip: `203.0.113.${1 + (t.userIdx % 250)}`,
          userAgent: USER_AGENTS[(t.userIdx + a) % USER_AGENTS.length],
        };
        const at = (published: number, eventType: string, more: Partial<LogRec>): void => {
          out.push({
            uuid: uuidFrom(rng),
            published,
            eventType,
            displayMessage: displayMessageOf(eventType),
            severity: 'INFO',
            result: 'SUCCESS',
            actor: { kind: 'user', userIdx: t.userIdx },
            transactionId: rng.oktaId('Xtr').slice(0, 20),
            requestUri: tokenUri,
            ...base,
            ...more,
          });
        };
        // Sign-in: the code exchange grants the refresh token with an access token (and an ID token for openid).
        const code = { grantType: 'authorization_code' };
        at(t.created, 'app.oauth2.as.token.grant.refresh_token', code);
        at(t.created, 'app.oauth2.as.token.grant.access_token', code);
        if (info.scopes.includes('openid')) at(t.created, 'app.oauth2.as.token.grant.id_token', code);
        const now = this.org.epochMs;
        if (
          t.status === 'ACTIVE' &&
          t.expiresAt > now &&
          app.rotationType === 'STATIC' &&
          now - t.created > HOUR
        ) {
          // A STATIC token is used again as it is: a refresh grants a new access token only.
          const when = t.created + Math.floor(rng.next() * (now - t.created - HOUR)) + HOUR;
          at(Math.floor(when / 1000) * 1000, 'app.oauth2.as.token.grant.access_token', {
            grantType: 'refresh_token',
          });
        } else if (t.status === 'ACTIVE' && t.expiresAt + HOUR < now) {
          // The app tried its expired token: Okta's invalid_grant, logged as a failed grant.
          const when =
            t.expiresAt + Math.floor(rng.next() * Math.min(now - t.expiresAt - HOUR, 7 * DAY)) + HOUR;
          at(Math.floor(when / 1000) * 1000, 'app.oauth2.as.token.grant', {
            grantType: 'refresh_token',
            severity: 'WARN',
            result: 'FAILURE',
            reason: 'invalid_refresh_token',
          });
        } else if (t.status === 'REVOKED') {
          if (app.rotationType === 'ROTATE' && rng.chance(0.3)) {
            // An old rotated token came back after the leeway: the chain is revoked and the reuse logged.
            at(t.lastUpdated, 'app.oauth2.as.token.detect_reuse', {
              grantType: 'refresh_token',
              severity: 'WARN',
              result: 'FAILURE',
              reason: 'refresh_token_reuse_detected',
            });
            at(t.lastUpdated, 'app.oauth2.as.token.grant', {
              grantType: 'refresh_token',
              severity: 'WARN',
              result: 'FAILURE',
              reason: 'invalid_refresh_token',
            });
          } else {
            // The app revoked it at sign-out (POST /v1/revoke with its client credentials).
            at(t.lastUpdated, 'app.oauth2.as.token.revoke', {
              actor: { kind: 'app', appIdx: a },
              requestUri: `/oauth2/${this.org.servers[s].id}/v1/revoke`,
            });
          }
        }
      }
    }
    // Persistence order is publication order for the history (a stable sort keeps each token's own order).
    return out.sort((x, y) => x.published - y.published);
  }

  private actorBody(a: LogActorRef): Body {
    if (a.kind === 'user') {
      const u = this.org.users[a.userIdx];
      return { id: u.id, type: 'User', alternateId: u.login, displayName: `${u.firstName} ${u.lastName}` };
    }
    if (a.kind === 'app') {
      const app = this.org.apps[a.appIdx];
      return { id: app.clientId, type: 'PublicClientApp', alternateId: app.clientId, displayName: app.name };
    }
    return { id: a.clientId, type: 'PublicClientApp', alternateId: a.clientId, displayName: a.clientId };
  }

  body(e: LogRec): Body {
    const hit = this.bodies.get(e);
    if (hit) return hit;
    const place = PLACES[Number.parseInt(e.ip.split('.').pop() ?? '0', 10) % PLACES.length];
    const geo = {
      city: place.city,
      state: place.state,
      country: place.country,
      postalCode: place.postalCode,
      geolocation: { lat: place.lat, lon: place.lon },
    };
    const target: Body[] = [];
    if (e.userIdx !== undefined) {
      const u = this.org.users[e.userIdx];
      target.push({
        id: u.id,
        type: 'User',
        alternateId: u.login,
        displayName: `${u.firstName} ${u.lastName}`,
      });
    }
    if (e.appIdx !== undefined) {
      const app = this.org.apps[e.appIdx];
      target.push({ id: app.clientId, type: 'AppInstance', alternateId: app.name, displayName: app.name });
    }
    for (const s of e.serverIdxs) {
      const server = this.org.servers[s];
      target.push({
        id: server.id,
        type: 'AuthorizationServer',
        alternateId: `${this.origin}/oauth2/${server.id}`,
        displayName: server.name,
      });
    }
    if (e.token) {
      target.push({
        id: e.token.hash,
        type: 'refresh_token',
        alternateId: 'refresh_token',
        displayName: 'Refresh Token',
        detailEntry: {
          hash: e.token.hash,
          expires: new Date(e.token.expires).toISOString(),
          refreshTokenType: e.token.rotating ? 'rotating' : 'persistent',
          scope: e.token.scopes.join(' '),
        },
      });
    }
    if (e.tokenCount !== undefined) {
      target.push({
        id: `${e.transactionId}:refresh_tokens`,
        type: 'refresh_token',
        alternateId: 'refresh_token',
        displayName: 'Refresh Tokens',
        detailEntry: { TokenCount: e.tokenCount },
      });
    }
    const debugData: Body = {
      requestId: e.transactionId,
      requestUri: e.requestUri,
      url: e.requestUri,
    };
    if (e.grantType) debugData.grantType = e.grantType;
    if (e.token && e.eventType.startsWith('app.oauth2.as.token.grant'))
      debugData.grantedScopes = e.token.scopes.join(' ');
    const transactionDetail: Body = {};
    if (e.apiTokenId) transactionDetail.requestApiTokenId = e.apiTokenId;
    const body: Body = {
      uuid: e.uuid,
      published: new Date(e.published).toISOString(),
      eventType: e.eventType,
      version: '0',
      severity: e.severity,
      displayMessage: e.displayMessage,
      actor: this.actorBody(e.actor),
      client: {
        userAgent: { rawUserAgent: e.userAgent, os: osOf(e.userAgent), browser: browserOf(e.userAgent) },
        zone: 'null',
        device: /iPhone|okhttp/.test(e.userAgent) ? 'Mobile' : 'Computer',
        ...(e.appIdx !== undefined ? { id: this.org.apps[e.appIdx].clientId } : {}),
        ipAddress: e.ip,
        geographicalContext: geo,
      },
      authenticationContext: { authenticationStep: 0, externalSessionId: 'unknown' },
      outcome: e.reason ? { result: e.result, reason: e.reason } : { result: e.result },
      target,
      transaction: { type: 'WEB', id: e.transactionId, detail: transactionDetail },
      debugContext: { debugData },
      request: { ipChain: [{ ip: e.ip, geographicalContext: geo, version: 'V4' }] },
      securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
    };
    this.bodies.set(e, body);
    return body;
  }

  /** GET /api/v1/logs. */
  query(path: string, query: URLSearchParams, now = this.now()): Reply {
    const bad = (message: string, code = 'E0000001'): Reply =>
      oktaErrorReply(
        400,
        code,
        code === 'E0000001' ? 'Api validation failed: query parameters' : 'Invalid search criteria.',
        [message],
      );
    const time = (name: string): number | undefined | Reply => {
      const raw = query.get(name);
      if (raw === null || raw === '') return undefined;
      const ms = Date.parse(raw);
      return Number.isFinite(ms) ? ms : bad(`${name}: '${raw}' is not an ISO 8601 date-time`);
    };
    const until = time('until');
    if (typeof until === 'object') return until;
    const sinceRaw = time('since');
    if (typeof sinceRaw === 'object') return sinceRaw;
    const order = query.get('sortOrder') ?? 'ASCENDING';
    if (order !== 'ASCENDING' && order !== 'DESCENDING')
      return bad(`sortOrder: '${order}' is not ASCENDING or DESCENDING`);
    const rawLimit = query.get('limit');
    let limit = LOG_LIMIT_DEFAULT;
    if (rawLimit !== null && rawLimit !== '') {
      if (!/^\d+$/.test(rawLimit))
        return bad(`limit: "${rawLimit}" is not an integer from 0 to ${LOG_LIMIT_MAX}`);
      limit = Math.min(Number(rawLimit), LOG_LIMIT_MAX);
    }
    let keep: (e: LogRec) => boolean = () => true;
    const filter = query.get('filter');
    if (filter) {
      try {
        const pred = compileFilter(filter, {
          allows: filterAllows,
          logic: ['and', 'or', 'not'],
          caseInsensitive: false,
        });
        keep = (e) => pred(this.body(e));
      } catch (err) {
        if (err instanceof FilterError) return bad(`filter: ${err.message}`, 'E0000053');
        throw err;
      }
    }
    const q = query.get('q');
    if (q) {
      const words = q.toLowerCase().split(/\s+/).filter(Boolean);
      if (words.length > 10) return bad('q: at most 10 keywords');
      const long = words.find((w) => w.length > 40);
      if (long) return bad(`q: the keyword '${long}' is longer than 40 characters`);
      const before = keep;
      keep = (e) => before(e) && words.every((w) => keywordsOf(this.body(e)).has(w));
    }
    const since = sinceRaw ?? (until ?? now) - 7 * DAY;
    const all = this.all();
    const key = `logs:${String(this.org.seed)}`;
    if (until === undefined && order === 'ASCENDING') {
      // Polling: the cursor is a position in persistence order, so events written later are found by
      // the same next link; it is always sent, and `since` is left out of it (Okta refuses the two together).
      const idAt = (i: number): string | undefined => (i < 0 ? '-' : all[i]?.uuid);
      const after = query.get('after');
      let start: number;
      try {
        start = after ? decodeCursor(key, after, idAt) : 0;
      } catch (err) {
        if (err instanceof PagingError) return bad(err.message);
        throw err;
      }
      const items: LogRec[] = [];
      let pos = start;
      for (; pos < all.length && items.length < limit; pos++) {
        const e = all[pos];
        if ((after || e.published >= since) && keep(e)) items.push(e);
      }
      if (items.length < limit) pos = all.length;
      const next = new URLSearchParams(query);
      next.delete('since');
      const links = linkHeaders(this.origin, path, next, encodeCursor(key, pos, idAt(pos - 1) ?? '-'));
      links[0] = linkHeaders(this.origin, path, query)[0];
      return json(
        200,
        items.map((e) => this.body(e)),
        { Link: links },
      );
    }
    // Bounded: events published in [since, until), in published order; the last page has no next link.
    const end = until ?? now;
    const picked = all.filter((e) => e.published >= since && e.published < end && keep(e));
    picked.sort((x, y) => (order === 'ASCENDING' ? x.published - y.published : y.published - x.published));
    try {
      const page = paginate(key, picked, query.get('after'), Math.max(limit, 1), (e) => e.uuid);
      const items = limit === 0 ? [] : page.items;
      return json(
        200,
        items.map((e) => this.body(e)),
        { Link: linkHeaders(this.origin, path, query, limit === 0 ? undefined : page.nextAfter) },
      );
    } catch (err) {
      if (err instanceof PagingError) return bad(err.message);
      throw err;
    }
  }
}

const keywordCache = new WeakMap<Body, Set<string>>();

/** The words `q` matches: every string value of the event, whole and split at spaces and hyphens. */
function keywordsOf(body: Body): Set<string> {
  let hit = keywordCache.get(body);
  if (hit) return hit;
  hit = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      const lower = v.toLowerCase();
      hit!.add(lower);
      for (const w of lower.split(/\s+/)) {
        hit!.add(w);
        for (const part of w.split('-')) hit!.add(part);
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(body);
  keywordCache.set(body, hit);
  return hit;
}

function osOf(ua: string): string {
  if (ua.includes('iPhone')) return 'iOS';
  if (ua.includes('Mac OS X')) return 'Mac OS X';
  if (ua.includes('Windows')) return 'Windows 10';
  return 'Unknown';
}

function browserOf(ua: string): string {
  if (ua.includes('Chrome/')) return 'CHROME';
  if (ua.includes('Safari/')) return 'SAFARI';
  return 'UNKNOWN';
}
