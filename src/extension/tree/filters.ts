// Filters the user sets from "Filter…": Okta's `q` for authorization servers (applied by Okta), and
// user / status / scope for a client's tokens (the tokens endpoint has no filter parameters, so these
// apply to the rows already loaded). Pure, unit tested.
import type { OAuth2RefreshToken } from '../../okta/models';
import { tokenState } from './format';

export interface TokenFilter {
  userId?: string;
  status?: string;
  scope?: string;
}

/**
 * Parses "user:00u1 status:active scope:openid"; a bare word is taken as a user id. Returns undefined for
 * an empty filter, or an error string naming the unknown key.
 */
export function parseTokenFilter(text: string): TokenFilter | undefined | { error: string } {
  const f: TokenFilter = {};
  for (const part of text.trim().split(/\s+/).filter(Boolean)) {
    const m = /^([a-z]+)[:=](.+)$/i.exec(part);
    if (!m) {
      f.userId = part;
      continue;
    }
    const key = m[1].toLowerCase();
    const value = m[2];
    if (key === 'user' || key === 'userid') f.userId = value;
    else if (key === 'status') f.status = value.toUpperCase();
    else if (key === 'scope') f.scope = value;
    else return { error: key };
  }
  return Object.keys(f).length ? f : undefined;
}

export function formatTokenFilter(f: TokenFilter): string {
  const parts: string[] = [];
  if (f.userId) parts.push(`user:${f.userId}`);
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

export function matchesTokenFilter(t: OAuth2RefreshToken, f: TokenFilter | undefined): boolean {
  if (!f) return true;
  if (f.userId && t.userId !== f.userId) return false;
  if (f.status && !matchesStatus(t, f.status)) return false;
  if (f.scope && !t.scopes.includes(f.scope)) return false;
  return true;
}
