// The org URL rules, for the client, the CLI and the extension's connection form alike: https on any
// host (an Okta subdomain or a custom domain), plain http only on loopback (the local emulator), never
// a user name or password, never the Admin Console host. The result is the origin alone, since every
// API path is absolute. A URL carrying credentials is refused without being repeated.

import { OktaError } from './errors';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
/** acme-admin.okta.com and its siblings: the Admin Console, where Okta refuses API calls. */
const ADMIN_HOST = /^[a-z0-9-]+-admin\.(?:(?:okta|oktapreview|okta-emea|okta-gov)\.com|okta\.mil)$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

export type OrgUrlProblem =
  'empty' | 'not-a-url' | 'bad-scheme' | 'http-not-loopback' | 'has-credentials' | 'admin-domain';

export type OrgUrlCheck =
  | { ok: true; url: URL }
  | {
      ok: false;
      problem: OrgUrlProblem;
      /** The org URL to use instead (admin-domain). */ suggestion?: string;
    };

/** Checks what a user typed; `url` keeps the path, so a caller may refuse an issuer URL. */
export function checkOrgUrl(input: string): OrgUrlCheck {
  const raw = input.trim();
  if (!raw) return { ok: false, problem: 'empty' };
  let url: URL;
  try {
    // People paste "acme.okta.com"; assume https rather than rejecting it.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return { ok: false, problem: 'not-a-url' };
  }
  if (url.username || url.password) return { ok: false, problem: 'has-credentials' };
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) return { ok: false, problem: 'http-not-loopback' };
  } else if (url.protocol !== 'https:') return { ok: false, problem: 'bad-scheme' };
  if (ADMIN_HOST.test(url.hostname))
    return {
      ok: false,
      problem: 'admin-domain',
      suggestion: `${url.protocol}//${url.host.replace(/-admin\./i, '.')}`,
    };
  return { ok: true, url };
}

export function normalizeOrgUrl(input: string): URL {
  const raw = input.trim();
  // Text with an '@' may hold a password (user:password@host), even when it does not parse: never echo it.
  const shown = raw.includes('@') ? 'The org URL' : `"${raw.slice(0, 100)}"`;
  const bad = (why: string) =>
    new OktaError({ kind: 'auth-config', message: `${shown} is not a usable org URL: ${why}` });
  const r = checkOrgUrl(raw);
  if (!r.ok) {
    switch (r.problem) {
      case 'empty':
        throw bad('it is empty. Enter your org address, e.g. https://acme.okta.com.');
      case 'not-a-url':
        throw bad('it is not a URL. Enter it like https://acme.okta.com.');
      case 'has-credentials':
        throw bad('it contains a user name or password; credentials belong in the connection, not the URL.');
      case 'http-not-loopback':
        throw bad('plain http is only allowed for a local emulator (localhost); use https.');
      case 'bad-scheme':
        throw bad(`the scheme ${raw.split(':')[0]}: is not supported; use https.`);
      case 'admin-domain':
        throw bad(`that is the Admin Console host; use ${new URL(r.suggestion!).host} instead.`);
    }
  }
  if (/^\/oauth2\//.test(r.url.pathname))
    throw bad('it is an authorization server issuer URL; enter the org address without /oauth2/….');
  return new URL(r.url.origin);
}
