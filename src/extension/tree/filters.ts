// Filters the user sets from "Filter…": Okta's `q` for authorization servers (applied by Okta), and
// user / status / scope for a client's tokens (the tokens endpoint has no filter parameters, so these
// apply to the rows already loaded). A user is found by name as well as by id: people know "Karen",
// not 00u1a2b3. Pure, unit tested.
import type { OAuth2RefreshToken } from '../../okta/models';
import { tokenState } from './format';

export interface TokenFilter {
  /** A user id, or (part of) the user's name as the token's user link titles it. */
  user?: string;
  status?: string;
  scope?: string;
}

/**
 * The name of the user a token was issued to, as Okta titles the token's `_links.user` (the profile's
 * first and last name). The only name the tokens endpoint gives; undefined when the org sent none.
 */
export function tokenUserName(t: Pick<OAuth2RefreshToken, '_links'>): string | undefined {
  const user = t._links.user;
  const title = !Array.isArray(user) ? user?.title?.trim() : undefined;
  return title ? title : undefined;
}

/**
 * Parses "user:00u1 status:active scope:openid"; bare words are the user (a name such as "Karen Easley"
 * or an id), added to a `user:` value. Returns undefined for an empty filter, or an error string naming
 * the unknown key.
 */
export function parseTokenFilter(text: string): TokenFilter | undefined | { error: string } {
  const f: TokenFilter = {};
  const addUser = (w: string) => (f.user = f.user ? `${f.user} ${w}` : w);
  for (const part of text.trim().split(/\s+/).filter(Boolean)) {
    const m = /^([a-z]+)[:=](.+)$/i.exec(part);
    if (!m) {
      addUser(part);
      continue;
    }
    const key = m[1].toLowerCase();
    const value = m[2];
    if (key === 'user' || key === 'userid') addUser(value);
    else if (key === 'status') f.status = value.toUpperCase();
    else if (key === 'scope') f.scope = value;
    else return { error: key };
  }
  return Object.keys(f).length ? f : undefined;
}

export function formatTokenFilter(f: TokenFilter): string {
  const parts: string[] = [];
  if (f.user) parts.push(`user:${f.user}`);
  if (f.status) parts.push(`status:${f.status}`);
  if (f.scope) parts.push(`scope:${f.scope}`);
  return parts.join(' ');
}

/**
 * ACTIVE, EXPIRED and REVOKED mean what the row shows (an expired token is still ACTIVE to Okta, but the
 * tree says "Expired", so status:ACTIVE must not list it); any other word is compared with Okta's status.
 */
function matchesStatus(t: OAuth2RefreshToken, status: string): boolean {
  const state = tokenState(t);
  if (status === 'ACTIVE' || status === 'EXPIRED' || status === 'REVOKED')
    return state === status.toLowerCase();
  return (t.status ?? '').toUpperCase() === status;
}

/** The id itself, or a name containing the text (case and spacing ignored: "karen  easley" finds Karen Easley). */
function matchesUser(t: OAuth2RefreshToken, user: string): boolean {
  const fold = (s: string) => s.toLocaleLowerCase().replace(/\s+/g, ' ').trim();
  const want = fold(user);
  if (t.userId !== undefined && fold(t.userId) === want) return true;
  const name = tokenUserName(t);
  return name !== undefined && fold(name).includes(want);
}

export function matchesTokenFilter(t: OAuth2RefreshToken, f: TokenFilter | undefined): boolean {
  if (!f) return true;
  if (f.user && !matchesUser(t, f.user)) return false;
  if (f.status && !matchesStatus(t, f.status)) return false;
  if (f.scope && !t.scopes.includes(f.scope)) return false;
  return true;
}

/** The profile fields a person may be found by: Okta's user `search` allows `co` on exactly these. */
const USER_SEARCH_FIELDS = ['profile.firstName', 'profile.lastName', 'profile.email', 'profile.login'];

/**
 * Okta's user `search` expression for what a person typed: every word must be contained in one of the
 * name, email or login fields (so "karen eas" finds Karen Easley, "karen@" her by email). Values are quoted
 * with `"` and `\` escaped. Undefined for blank text.
 */
export function userSearchExpression(text: string): string | undefined {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const quote = (w: string) => `"${w.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  const one = (w: string) => USER_SEARCH_FIELDS.map((f) => `${f} co ${quote(w)}`).join(' or ');
  return words.length === 1 ? one(words[0]!) : words.map((w) => `(${one(w)})`).join(' and ');
}

/** A user as people call them: first and last name, else the display name, login or id. */
export function userDisplayName(u: {
  id: string;
  profile?: {
    firstName?: string | null;
    lastName?: string | null;
    displayName?: string | null;
    login?: string;
  };
}): string {
  const p = u.profile ?? {};
  const full = [p.firstName, p.lastName]
    .filter((x): x is string => !!x && x.trim() !== '')
    .join(' ')
    .trim();
  return full || p.displayName?.trim() || p.login || u.id;
}

/**
 * The authorization server a token came from: the id its `authorizationServer` link ends in, else the one in
 * its issuer (`…/oauth2/<id>`). A token reached through its user names its server only this way.
 */
export function tokenServerId(t: Pick<OAuth2RefreshToken, '_links' | 'issuer'>): string | undefined {
  const link = t._links.authorizationServer;
  const href = !Array.isArray(link) ? link?.href : link[0]?.href;
  const fromLink = href && /\/authorizationServers\/([^/?#]+)\/?$/.exec(href)?.[1];
  if (fromLink) return decodeURIComponent(fromLink);
  const fromIssuer = t.issuer && /\/oauth2\/([^/?#]+)\/?$/.exec(t.issuer)?.[1];
  return fromIssuer ? decodeURIComponent(fromIssuer) : undefined;
}
