// Rotation chains and why tokens were revoked, from what a watch saw: the tokens the Management API
// lists (ids, user, client, created, expiresAt, status) and the System Log entries (timeline.ts). With
// rotation, each refresh issues a new token that keeps the original expiry (Okta: "a rotated token keeps
// the original expiry"), so tokens of one user and client with the same expiresAt are one chain, ordered
// by creation: old → new. A revoked token's cause, in order of evidence:
//   reuse      a detect_reuse event for its user and client (and its expiry, when the event names one)
//              within a few seconds of the revocation — Okta revokes the newest token of the chain;
//   admin / client / implicit   a revoke event likewise, by who the event says sent it;
//   rotation   a newer token in its chain, created by the time it was revoked;
//   unknown    none of these (yet: the System Log may lag the token list, so the watch waits a little).
// Time comes from the tokens' own lastUpdated (the org's clock) when Okta gives it.

import type { OAuth2RefreshToken } from '../models';
import { MATCH_SLACK_MS, sameInstant, type TimelineEntry } from '../timeline';

export type RevokeCause = 'rotation' | 'reuse' | 'admin' | 'client' | 'implicit' | 'unknown';

/** What a watch keeps of a token: never a token value (the Management API never returns one). */
export interface SeenToken {
  id: string;
  userId?: string;
  clientId?: string;
  authServerId?: string;
  status?: string;
  created?: string;
  lastUpdated?: string;
  expiresAt?: string;
  scopes: string[];
}

export function seenToken(t: OAuth2RefreshToken, authServerId?: string): SeenToken {
  return {
    id: t.id,
    userId: t.userId,
    clientId: t.clientId,
    authServerId,
    status: t.status,
    created: t.created,
    lastUpdated: t.lastUpdated,
    expiresAt: t.expiresAt,
    scopes: [...t.scopes],
  };
}

/** The chain a token belongs to: same user, client and original expiry. */
export function chainKey(t: SeenToken): string {
  const exp = t.expiresAt ? Date.parse(t.expiresAt) : NaN;
  // Rounded to the second: Okta's timestamps carry milliseconds, events' sometimes not.
  const e = Number.isFinite(exp) ? String(Math.round(exp / 1000)) : `none:${t.id}`;
  return `${t.userId ?? '?'}|${t.clientId ?? '?'}|${e}`;
}

function ms(iso: string | undefined): number {
  const v = iso ? Date.parse(iso) : NaN;
  return Number.isFinite(v) ? v : NaN;
}

/** Tokens of a chain, oldest first. */
export function chainOrder(tokens: readonly SeenToken[]): SeenToken[] {
  return [...tokens].sort((a, b) => ms(a.created) - ms(b.created) || a.id.localeCompare(b.id));
}

/**
 * The token a new one was rotated from: the newest older token of its chain (same expiry); else, since
 * whether Okta's expiresAt moves with the idle window is not documented, an older token of the same user
 * and client that was revoked when the new one was created (rotation invalidates the used token then).
 */
export function predecessorOf(t: SeenToken, all: Iterable<SeenToken>): SeenToken | undefined {
  const key = chainKey(t);
  const created = ms(t.created);
  let best: SeenToken | undefined;
  let byTime: SeenToken | undefined;
  for (const o of all) {
    if (o.id === t.id) continue;
    const oc = ms(o.created);
    if (!(oc <= created)) continue;
    if (chainKey(o) === key) {
      if (!best || oc > ms(best.created)) best = o;
    } else if (
      o.status === 'REVOKED' &&
      o.userId === t.userId &&
      o.clientId === t.clientId &&
      Math.abs(ms(o.lastUpdated) - created) <= MATCH_SLACK_MS &&
      (!byTime || Math.abs(ms(o.lastUpdated) - created) < Math.abs(ms(byTime.lastUpdated) - created))
    )
      byTime = o;
  }
  return best ?? byTime;
}

/** The token that replaced this one in its chain, if one was seen. */
export function successorOf(t: SeenToken, all: Iterable<SeenToken>): SeenToken | undefined {
  const key = chainKey(t);
  const created = ms(t.created);
  let best: SeenToken | undefined;
  for (const o of all) {
    if (o.id === t.id || chainKey(o) !== key) continue;
    const oc = ms(o.created);
    if (!(oc >= created)) continue;
    if (!best || oc < ms(best.created)) best = o;
  }
  return best;
}

function aboutToken(e: TimelineEntry, t: SeenToken): boolean {
  if (t.clientId && e.clientId && e.clientId !== t.clientId) return false;
  if (!e.clientId) return false;
  if (t.userId && e.userId && e.userId !== t.userId) return false;
  // A revoke naming a refresh token's expiry is about that token's chain only (a revoke-all names none).
  // A reuse detection names the reused token, while Okta revokes the newest one of the chain, whose
  // expiry may differ when it follows the idle window: user, client and time decide there.
  if (
    e.kind !== 'reuse-detected' &&
    e.refreshTokenExpires &&
    t.expiresAt &&
    !sameInstant(e.refreshTokenExpires, t.expiresAt)
  )
    return false;
  return true;
}

export interface CauseFinding {
  cause: RevokeCause;
  /** The event that shows it, when one does. */
  evidence?: TimelineEntry;
  /** For a rotation, the token that replaced it. */
  rotatedTo?: string;
}

/**
 * Why `t` (seen REVOKED at `revokedAt`, epoch ms — its lastUpdated when Okta gives it) was revoked, or
 * undefined when nothing tells yet. `final`: give 'unknown' rather than undefined.
 */
export function revokeCause(
  t: SeenToken,
  revokedAt: number,
  tokens: Iterable<SeenToken>,
  entries: readonly TimelineEntry[],
  final = false,
  /** The token seen replacing it (a watch links them as they appear), when known. */
  replacedBy?: SeenToken,
): CauseFinding | undefined {
  const near = (e: TimelineEntry) => Number.isFinite(e.at) && Math.abs(e.at - revokedAt) <= MATCH_SLACK_MS;
  const closest = (kinds: TimelineEntry['kind'][]) =>
    entries
      .filter((e) => kinds.includes(e.kind) && near(e) && aboutToken(e, t))
      .sort((a, b) => Math.abs(a.at - revokedAt) - Math.abs(b.at - revokedAt))[0];
  const reuse = closest(['reuse-detected']);
  if (reuse) return { cause: 'reuse', evidence: reuse };
  const revoke = closest(['revoked']);
  const all = [...tokens];
  const next = replacedBy ?? successorOf(t, all);
  const rotated = next && ms(next.created) <= revokedAt + MATCH_SLACK_MS;
  if (revoke && revoke.revokedBy && revoke.revokedBy !== 'unknown')
    return { cause: revoke.revokedBy, evidence: revoke };
  if (rotated) return { cause: 'rotation', rotatedTo: next.id };
  if (revoke) return { cause: 'unknown', evidence: revoke };
  return final ? { cause: 'unknown' } : undefined;
}
