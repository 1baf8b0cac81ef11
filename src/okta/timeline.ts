// What System Log events say about refresh tokens: each OAuth event read into one entry (what happened,
// outcome and reason, client, user, IP, user agent, transaction), and the events that concern a token, a
// user + client or a client. Okta documents the event types and outcome reasons but not where an event
// names its client and user (actor, targets, client.id, debugData all occur) and not whether any event
// names a refresh token's `oar…` id — only a hash and the token's expiry (OAuth2ResourceDetails). So
// events are matched to tokens conservatively: by user and client, by the refresh token's expiry when the
// event gives one (a rotated token keeps the original expiry, so that names the token's rotation chain),
// and otherwise by time. No vscode import: the watch, the timeline panel and the CLI share this.

import type { LogEvent, LogParty, OAuth2RefreshToken } from './models';

/** What an event tells about a token flow, in the words the UI uses. */
export type TimelineKind =
  | 'sign-in' // a token granted by a code exchange (or another first grant)
  | 'refresh' // a token granted by a refresh_token grant
  | 'refresh-failed' // a refresh_token grant refused (invalid_refresh_token: expired, rotated out, revoked)
  | 'grant-failed' // another token request refused
  | 'reuse-detected' // a rotated-out refresh token used again: Okta revoked the chain
  | 'revoked' // a revocation (see revokedBy)
  | 'authorize' // an /authorize request or a code issued
  | 'scope-denied'
  | 'consent'
  | 'other';

/** Who revoked, as far as the event tells. */
export type RevokedBy =
  | 'admin' // the Management API (an API token or a service app's admin call)
  | 'client' // the app itself, POST /v1/revoke
  | 'implicit' // Okta, because a user, client or server changed (…token.revoke.implicit.*)
  | 'unknown';

export interface TimelineEntry {
  uuid: string;
  /** ISO time; '' when the event has none. */
  published: string;
  /** Epoch ms of `published` (NaN when missing). */
  at: number;
  eventType: string;
  kind: TimelineKind;
  displayMessage?: string;
  severity?: string;
  outcome?: string;
  reason?: string;
  /** Which token the event names: refresh_token, access_token or id_token (from the event type or target). */
  tokenType?: string;
  grantType?: string;
  revokedBy?: RevokedBy;
  clientId?: string;
  clientName?: string;
  userId?: string;
  userName?: string;
  userLogin?: string;
  actor?: { id?: string; type?: string; displayName?: string };
  ip?: string;
  userAgent?: string;
  transactionId?: string;
  /** The refresh token's hash and expiry (ISO), when the event carries OAuth2ResourceDetails. */
  refreshTokenHash?: string;
  refreshTokenExpires?: string;
  /** For a revoke of several tokens at once, how many (TokenCount). */
  tokenCount?: number;
  /** The authorization server the event names (its id), when it does. */
  authServerId?: string;
}

const CLIENT_TYPES = new Set(['publicclientapp', 'appinstance', 'client', 'oauth2client', 'app']);
const TOKEN_TYPES = new Set(['refresh_token', 'access_token', 'id_token']);

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function rec(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

function typeOf(p: LogParty | undefined): string {
  return (p?.type ?? '').toLowerCase();
}

/** A debugData value under any of the casings seen (Okta's docs: snake_case; real events: camelCase). */
function debug(e: LogEvent, ...keys: string[]): string | undefined {
  const d = e.debugContext?.debugData;
  if (!d) return undefined;
  for (const k of keys) {
    const v = d[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

function kindOf(e: LogEvent, grantType: string | undefined): TimelineKind {
  const t = (e.eventType ?? '').toLowerCase();
  const failed = (e.outcome?.result ?? '').toUpperCase() === 'FAILURE';
  if (/\.detect_reuse$/.test(t)) return 'reuse-detected';
  if (/^app\.oauth2\.(as\.)?token\.revoke/.test(t)) return 'revoked';
  if (/^app\.oauth2\.(as\.)?token\.grant/.test(t)) {
    const refresh = grantType === 'refresh_token' || e.outcome?.reason === 'invalid_refresh_token';
    if (failed) return refresh ? 'refresh-failed' : 'grant-failed';
    return grantType === 'refresh_token' ? 'refresh' : 'sign-in';
  }
  if (/scope_denied$/.test(t)) return 'scope-denied';
  if (/^app\.oauth2\.(as\.)?authorize/.test(t)) return 'authorize';
  if (/consent/.test(t)) return 'consent';
  return 'other';
}

function revokedByOf(e: LogEvent, clientId: string | undefined): RevokedBy {
  const t = (e.eventType ?? '').toLowerCase();
  if (t.includes('.implicit')) return 'implicit';
  const uri = debug(e, 'requestUri', 'request_uri', 'url') ?? '';
  if (str(e.transaction?.detail?.requestApiTokenId) || /^\/api\/v1\//.test(uri)) return 'admin';
  if (/\/v1\/revoke(\?|$)/.test(uri)) return 'client';
  if (CLIENT_TYPES.has(typeOf(e.actor)) && (!clientId || e.actor?.id === clientId)) return 'client';
  return 'unknown';
}

/** Reads one System Log event. Never throws: what the event lacks is left out. */
export function describeEvent(e: LogEvent): TimelineEntry {
  const targets = e.target ?? [];
  const client = rec(e.client);
  const ua = rec(client?.userAgent);
  const userTarget = targets.find((t) => typeOf(t) === 'user');
  const clientTarget = targets.find((t) => CLIENT_TYPES.has(typeOf(t)));
  const clientActor = CLIENT_TYPES.has(typeOf(e.actor)) ? e.actor : undefined;
  const clientId = str(client?.id) ?? clientActor?.id ?? clientTarget?.id;
  const refresh = targets.find((t) => typeOf(t) === 'refresh_token');
  const detail = rec(refresh?.detailEntry);
  const anyDetail = targets.map((t) => rec(t.detailEntry)).find((d) => d && (d.subject || d.TokenCount));
  const tokenTarget = targets.find((t) => TOKEN_TYPES.has(typeOf(t)));
  const typeSuffix = /\.(refresh_token|access_token|id_token)$/.exec(e.eventType ?? '')?.[1];
  const grantType = debug(e, 'grantType', 'grant_type');
  const server = targets.find((t) => typeOf(t) === 'authorizationserver');
  const count = detail?.TokenCount ?? anyDetail?.TokenCount;
  const entry: TimelineEntry = {
    uuid: e.uuid,
    published: e.published ?? '',
    at: e.published ? Date.parse(e.published) : NaN,
    eventType: e.eventType ?? '',
    kind: kindOf(e, grantType),
    displayMessage: e.displayMessage,
    severity: e.severity,
    outcome: str(e.outcome?.result),
    reason: str(e.outcome?.reason),
    tokenType: typeSuffix ?? (tokenTarget ? typeOf(tokenTarget) : undefined),
    grantType,
    clientId,
    clientName: (clientActor ?? clientTarget)?.displayName,
    // A user named as a target, the actor, or an OAuth2ResourceDetails `subject`.
    userId: userTarget?.id ?? str(anyDetail?.subject),
    userName: userTarget?.displayName,
    userLogin: userTarget?.alternateId,
    actor: e.actor ? { id: e.actor.id, type: e.actor.type, displayName: e.actor.displayName } : undefined,
    ip: str(client?.ipAddress),
    userAgent: str(ua?.rawUserAgent),
    transactionId: str(e.transaction?.id),
    refreshTokenHash: str(detail?.hash) ?? debug(e, 'current_refresh_token_hash', 'currentRefreshTokenHash'),
    refreshTokenExpires: str(detail?.expires),
    tokenCount: typeof count === 'number' ? count : undefined,
    authServerId: server?.id,
  };
  if (entry.kind === 'revoked') entry.revokedBy = revokedByOf(e, clientId);
  // The actor is the token's user for a sign-in or refresh, but an admin for a Management API revoke.
  if (!entry.userId && typeOf(e.actor) === 'user' && entry.revokedBy !== 'admin') {
    entry.userId = e.actor?.id;
    entry.userName = e.actor?.displayName;
    entry.userLogin = e.actor?.alternateId;
  }
  return entry;
}

/** What a timeline is about: a client, a user (optionally with one client), or one token. */
export interface TimelineScope {
  clientId?: string;
  userId?: string;
  /** Only events naming this authorization server, or naming none. */
  authServerId?: string;
}

/**
 * The System Log filter sent for a timeline: OAuth events only (eventType is a documented filter field).
 * Where an event names its client and user is not documented, so those are matched locally.
 */
export const OAUTH_EVENTS_FILTER = 'eventType sw "app.oauth2"';

/** True when the event is about the scope's client and user (an event that names neither is left out). */
export function concerns(entry: TimelineEntry, scope: TimelineScope): boolean {
  if (!entry.eventType.startsWith('app.oauth2')) return false;
  if (scope.clientId !== undefined && entry.clientId !== scope.clientId) return false;
  if (scope.userId !== undefined && entry.userId !== scope.userId) return false;
  if (scope.authServerId !== undefined && entry.authServerId && entry.authServerId !== scope.authServerId)
    return false;
  return true;
}

/** Two ISO instants within `toleranceMs` (unparseable never match). */
export function sameInstant(a: string | undefined, b: string | undefined, toleranceMs = 1000): boolean {
  if (!a || !b) return false;
  const x = Date.parse(a);
  const y = Date.parse(b);
  return Number.isFinite(x) && Number.isFinite(y) && Math.abs(x - y) <= toleranceMs;
}

/** How an event was tied to a token, shown beside it so a guess is never presented as a fact. */
export type MatchBasis =
  | 'expiry' // the event's refresh-token expiry equals the token's (its rotation chain)
  | 'time'; // same user and client, within the token's life

/** Slack for clocks and for Okta writing an event a little after the change it records. */
export const MATCH_SLACK_MS = 5000;

/**
 * The events about one refresh token, in time order, each with why it was matched. An event naming a
 * refresh token with another expiry is about another token and is left out; one naming none matches by
 * time: from the token's creation until it was revoked (or now), with a few seconds' slack.
 */
export function eventsForToken(
  entries: readonly TimelineEntry[],
  token: Pick<OAuth2RefreshToken, 'userId' | 'clientId' | 'created' | 'lastUpdated' | 'expiresAt' | 'status'>,
  now = Date.now(),
): { entry: TimelineEntry; basis: MatchBasis }[] {
  const from = token.created ? Date.parse(token.created) - MATCH_SLACK_MS : -Infinity;
  const end =
    token.status === 'REVOKED' && token.lastUpdated ? Date.parse(token.lastUpdated) + MATCH_SLACK_MS : now;
  const out: { entry: TimelineEntry; basis: MatchBasis }[] = [];
  for (const entry of entries) {
    if (!concerns(entry, { clientId: token.clientId, userId: token.userId })) continue;
    if (entry.refreshTokenExpires) {
      if (sameInstant(entry.refreshTokenExpires, token.expiresAt)) out.push({ entry, basis: 'expiry' });
      continue;
    }
    // A failed refresh after the end still concerns the token: the app kept using it.
    const late = entry.kind === 'refresh-failed' || entry.kind === 'reuse-detected';
    if (entry.at >= from && (entry.at <= end || late)) out.push({ entry, basis: 'time' });
  }
  return out.sort((a, b) => a.entry.at - b.entry.at);
}

/** Entries in time order, grouped by transaction: one token request's events (refresh + access + id). */
export function groupByTransaction(entries: readonly TimelineEntry[]): TimelineEntry[][] {
  const sorted = [...entries].sort((a, b) => a.at - b.at || a.uuid.localeCompare(b.uuid));
  const groups: TimelineEntry[][] = [];
  const byTx = new Map<string, TimelineEntry[]>();
  for (const e of sorted) {
    const g = e.transactionId ? byTx.get(e.transactionId) : undefined;
    if (g) g.push(e);
    else {
      const ng = [e];
      groups.push(ng);
      if (e.transactionId) byTx.set(e.transactionId, ng);
    }
  }
  return groups;
}

/** What Okta's refresh failure reasons mean, for the people reading them (Okta's error texts). */
export function reasonExplained(reason: string | undefined): string | undefined {
  switch (reason) {
    case 'invalid_refresh_token':
      return 'The refresh token is invalid or expired: it expired (lifetime or idle window), was rotated out, or was revoked.';
    case 'refresh_token_reuse_detected':
      return 'A refresh token that had been rotated out was used again after the leeway: Okta revoked the newest token of the chain.';
    case 'invalid_authorization_code':
      return 'The authorization code is invalid or has expired (codes live 5 minutes and work once).';
    case 'pkce_verification_failed':
      return 'The code_verifier does not match the code_challenge sent to /authorize.';
    case 'invalid_client':
      return 'Client authentication failed.';
    case 'refresh_scopes_denied':
      return 'The refresh asked for scopes that were not granted originally.';
    default:
      return undefined;
  }
}
