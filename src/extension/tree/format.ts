// The one place that decides how statuses and dates read, in the tree (labels, descriptions, tooltips)
// and in every detail panel: a token status that folds in expiry, a server's status, the status word
// ("Active", never Okta's "ACTIVE" on one screen and "Active" on the next), a date as local time with
// "in 3 days" / "2 hours ago" / "just now". Pure (no vscode import) so it is unit tested: the words come
// through the `l10n` argument — vscode.l10n in the extension, `english` in tests — and the l10n script
// finds them as `l10n.t('…')` calls like any other.
import { isExpired, type OAuth2RefreshToken } from '../../okta/models';

/** vscode.l10n's shape, so this module needs no vscode import. */
export interface L10n {
  t(message: string, ...args: (string | number | boolean)[]): string;
}

/** The source strings with their {0} placeholders filled: what vscode.l10n does without a translation. */
export const english: L10n = {
  t: (message, ...args) =>
    message.replace(/\{(\d+)\}/g, (m, i: string) => (i in args ? String(args[+i]) : m)),
};

export type TokenState = 'active' | 'revoked' | 'expired' | 'other';
export type ServerState = 'active' | 'inactive' | 'other';

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

/** An authorization server's status; Okta omits it on some responses, which means active. */
export function serverState(status: string | undefined): ServerState {
  const s = (status ?? 'ACTIVE').toUpperCase();
  return s === 'ACTIVE' ? 'active' : s === 'INACTIVE' ? 'inactive' : 'other';
}

/**
 * The status word shown for a token or a server — badge, tree row, table cell and Status field alike.
 * A status this code does not know is shown as Okta's word in sentence case ("SUSPENDED" → "Suspended").
 */
export function statusWord(l10n: L10n, state: TokenState | ServerState, raw?: string): string {
  switch (state) {
    case 'active':
      return l10n.t('Active');
    case 'revoked':
      return l10n.t('Revoked');
    case 'expired':
      return l10n.t('Expired');
    case 'inactive':
      return l10n.t('Inactive');
    default:
      return raw ? raw.charAt(0).toUpperCase() + raw.slice(1).toLowerCase() : l10n.t('Unknown status');
  }
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600e3],
  ['month', 30 * 24 * 3600e3],
  ['day', 24 * 3600e3],
  ['hour', 3600e3],
  ['minute', 60e3],
  ['second', 1e3],
];

/** Within this much of now, in the past, a date reads "just now" (not "0 seconds ago"). */
const JUST_NOW_MS = 10e3;

/**
 * "in 3 days", "2 hours ago", "just now" in the given locale; undefined for a missing or unreadable date.
 */
export function relativeTime(
  l10n: L10n,
  iso: string | undefined,
  now = Date.now(),
  locale = 'en',
): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return undefined;
  const diff = t - now;
  if (diff <= 0 ? -diff < JUST_NOW_MS : diff < 500) return l10n.t('just now');
  const rtf = relativeFormat(locale);
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return rtf.format(Math.round(diff / ms), unit);
  }
  return undefined;
}

/** A date as local time ("5 Dec 2025, 10:00:00" in the locale's order); undefined when unreadable. */
export function localDate(iso: string | undefined, locale = 'en'): string | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return undefined;
  return dateFormat(locale).format(new Date(t));
}

// Intl formatters, one per locale: making one costs 50–250 µs, and a token row needs three (its expiry
// and its tooltip's date), so a client of 10,000 tokens spent seconds in them on every redraw.
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function relativeFormat(locale: string): Intl.RelativeTimeFormat {
  let f = relativeFormats.get(locale);
  if (!f) relativeFormats.set(locale, (f = new Intl.RelativeTimeFormat(locale, { numeric: 'always' })));
  return f;
}

function dateFormat(locale: string): Intl.DateTimeFormat {
  let f = dateFormats.get(locale);
  if (!f) {
    const options = { dateStyle: 'medium', timeStyle: 'medium' } as const;
    try {
      f = new Intl.DateTimeFormat(locale, options);
    } catch {
      // A locale tag Intl does not accept reads as English.
      f = new Intl.DateTimeFormat('en', options);
    }
    dateFormats.set(locale, f);
  }
  return f;
}

export interface DateText {
  /** Local time, or the raw value when it is not a date. */
  text: string;
  /** "in 3 days", "just now"… */
  relative?: string;
  /** The exact value Okta sent, for a hover. */
  iso: string;
}

/** A date the way panels and tooltips show it: local time, how long from now, and the exact ISO value. */
export function dateText(
  l10n: L10n,
  iso: string | undefined,
  now = Date.now(),
  locale = 'en',
): DateText | undefined {
  if (!iso) return undefined;
  return { text: localDate(iso, locale) ?? iso, relative: relativeTime(l10n, iso, now, locale), iso };
}

/** "Dec 5, 2025, 10:00:00 AM (in 3 days)": a date on one line, for table cells and tooltips. */
export function dateLine(d: DateText): string {
  return d.relative ? `${d.text} (${d.relative})` : d.text;
}

/** "expires in 3 days", "expired 2 hours ago", "no expiry": a token's expiry on a tree row. */
export function expiryText(
  l10n: L10n,
  t: Pick<OAuth2RefreshToken, 'expiresAt'>,
  now = Date.now(),
  locale = 'en',
): string {
  const rel = relativeTime(l10n, t.expiresAt, now, locale);
  if (!rel) return l10n.t('no expiry');
  return Date.parse(t.expiresAt ?? '') <= now ? l10n.t('expired {0}', rel) : l10n.t('expires {0}', rel);
}

/** True when the row id `id` is `row` or a row below it: ids are paths, so "below" is a prefix test. */
export function atOrUnder(id: string, row: string): boolean {
  return id === row || id.startsWith(`${row}/`);
}

/** Stable tree ids: the same object always gets the same id, so expansion survives refreshes. */
export const ids = {
  connection: (c: string) => `c/${c}`,
  server: (c: string, s: string) => `c/${c}/s/${s}`,
  client: (c: string, s: string, cl: string) => `c/${c}/s/${s}/cl/${cl}`,
  token: (c: string, s: string, cl: string, t: string) => `c/${c}/s/${s}/cl/${cl}/t/${t}`,
  users: (c: string) => `c/${c}/users`,
  // Under the Users row, so refreshing it reloads every user's levels too.
  user: (c: string, u: string) => `c/${c}/users/${u}`,
  userClient: (c: string, u: string, cl: string) => `c/${c}/users/${u}/cl/${cl}`,
  userToken: (c: string, u: string, cl: string, t: string) => `c/${c}/users/${u}/cl/${cl}/t/${t}`,
};
