// The org URL rules, for the client, the CLI and the extension's connection form alike: https on any
// host (an Okta subdomain or a custom domain), plain http only on loopback (the local emulator), never
// a user name or password, never the Admin Console host. The result is the origin alone, since every
// API path is absolute. A URL carrying credentials is refused without being repeated. It also owns the
// loopback rule and the label a connection goes by in a statement's `subdomain`, so no layer keeps a copy.

import { OktaError } from './errors';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
/** acme-admin.okta.com and its siblings: the Admin Console, where Okta refuses API calls. */
const ADMIN_HOST = /^[a-z0-9-]+-admin\.(?:(?:okta|oktapreview|okta-emea|okta-gov)\.com|okta\.mil)$/i;

/** The local emulator's hosts (as URL.hostname spells them): the one loopback rule for every layer. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

/** One DNS label: letters, digits and inner hyphens, 1–63 characters. */
const DNS_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export function isDnsLabel(value: string): boolean {
  return DNS_LABEL.test(value);
}

/** The org host's first label (https://acme.okta.com → acme); none for a loopback org or a bad URL. */
export function subdomainOfUrl(orgUrl: string): string | undefined {
  try {
    const host = new URL(orgUrl).hostname;
    return isLoopbackHost(host) ? undefined : host.split('.')[0];
  } catch {
    return undefined;
  }
}

/** A name as one DNS label ("Demo org" → demo-org), or undefined when nothing label-like is left. */
export function nameLabel(name: string): string | undefined {
  const label = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return isDnsLabel(label) ? label : undefined;
}

/**
 * The `subdomain` value that picks a connection in a statement: the org host's first label, or for a
 * loopback org (no host label of its own) the connection's name as a DNS label. Always one DNS label, so
 * the analyzer accepts it, or undefined.
 */
export function connectionLabel(c: { name: string; orgUrl: string }): string | undefined {
  return subdomainOfUrl(c.orgUrl) ?? nameLabel(c.name);
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
