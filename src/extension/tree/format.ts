// How tokens read in the tree and panels: a status that folds in expiry, and "expires in 3 days" /
// "expired 2 hours ago" text. Pure (no vscode) so it is unit tested; callers localise the pieces.
import { isExpired, type OAuth2RefreshToken } from '../../okta/models';

export type TokenState = 'active' | 'revoked' | 'expired' | 'other';

export function tokenState(
  t: Pick<OAuth2RefreshToken, 'status' | 'expiresAt'>,
  now = Date.now(),
): TokenState {
  const s = (t.status ?? '').toUpperCase();
  if (s === 'REVOKED') return 'revoked';
  if (isExpired(t, now)) return 'expired';
  if (s === 'ACTIVE') return 'active';
  return 'other';
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600e3],
  ['month', 30 * 24 * 3600e3],
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
  ['second', 1e3],
];

/** "in 3 days", "2 hours ago" in the given locale; undefined for a missing or unreadable date. */
export function relativeTime(iso: string | undefined, now = Date.now(), locale = 'en'): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return undefined;
  const diff = t - now;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return rtf.format(Math.round(diff / ms), unit);
  }
  return undefined;
}

/** Stable tree ids: the same object always gets the same id, so expansion survives refreshes. */
export const ids = {
  connection: (c: string) => `c/${c}`,
  server: (c: string, s: string) => `c/${c}/s/${s}`,
  client: (c: string, s: string, cl: string) => `c/${c}/s/${s}/cl/${cl}`,
  token: (c: string, s: string, cl: string, t: string) => `c/${c}/s/${s}/cl/${cl}/t/${t}`,
};
