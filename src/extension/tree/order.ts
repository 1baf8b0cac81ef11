// How a client's tokens are ordered in the tree — as Okta lists them, by status, by expiry, or grouped
// under one row per status — and the counts a client row shows once its tokens are loaded. Only what was
// loaded is counted: while Okta has more pages the counts say "24+", never a total nobody has seen.
// Pure (no vscode import), unit tested; words come through the `l10n` argument as in format.ts.
import type { OAuth2RefreshToken } from '../../okta/models';
import { tokenState, type L10n, type TokenState } from './format';

export type TokenOrder = 'listed' | 'status' | 'expiry' | 'groupByStatus';

export const TOKEN_ORDERS: readonly TokenOrder[] = ['listed', 'status', 'expiry', 'groupByStatus'];

export function isTokenOrder(v: unknown): v is TokenOrder {
  return typeof v === 'string' && (TOKEN_ORDERS as readonly string[]).includes(v);
}

/** Status order: what can still be used first, what is gone last. */
export const STATE_ORDER: readonly TokenState[] = ['active', 'expired', 'other', 'revoked'];

/** Milliseconds of a token's expiry; no expiry sorts after every date. */
function expiryKey(t: OAuth2RefreshToken): number {
  const ms = Date.parse(t.expiresAt ?? '');
  return Number.isFinite(ms) ? ms : Number.POSITIVE_INFINITY;
}

/** The tokens in the order asked for (a stable sort: equal keys keep Okta's order). */
export function orderTokens(
  tokens: readonly OAuth2RefreshToken[],
  order: TokenOrder,
  now = Date.now(),
): OAuth2RefreshToken[] {
  const out = [...tokens];
  if (order === 'listed') return out;
  const byExpiry = (a: OAuth2RefreshToken, b: OAuth2RefreshToken) => expiryKey(a) - expiryKey(b);
  if (order === 'expiry') return out.sort(byExpiry);
  // By status (and inside each status, or each group, soonest expiry first).
  const rank = (t: OAuth2RefreshToken) => STATE_ORDER.indexOf(tokenState(t, now));
  return out.sort((a, b) => rank(a) - rank(b) || byExpiry(a, b));
}

/** The loaded tokens per status, in STATE_ORDER, leaving out statuses no loaded token has. */
export function groupTokens(
  tokens: readonly OAuth2RefreshToken[],
  now = Date.now(),
): { state: TokenState; tokens: OAuth2RefreshToken[] }[] {
  const sorted = orderTokens(tokens, 'status', now);
  return STATE_ORDER.map((state) => ({
    state,
    tokens: sorted.filter((t) => tokenState(t, now) === state),
  })).filter((g) => g.tokens.length > 0);
}

/**
 * "24 tokens · 15 active" for a client row; "24+ tokens · 15+ active" while Okta has more pages (only the
 * loaded ones were counted). Active means usable now: not revoked and not past its expiry.
 */
export function tokenCountsText(
  l10n: L10n,
  tokens: readonly OAuth2RefreshToken[],
  hasMore: boolean,
  now = Date.now(),
): string {
  const active = tokens.filter((t) => tokenState(t, now) === 'active').length;
  const n = tokens.length;
  if (hasMore) return l10n.t('{0}+ tokens · {1}+ active', n, active);
  if (n === 1) return l10n.t('1 token · {0} active', active);
  return l10n.t('{0} tokens · {1} active', n, active);
}
