// Validates the org URL a user types: https on any host (an Okta subdomain or a custom domain), plain
// http only on loopback (the local emulator). Returns the origin alone, since every API path is absolute.

import { OktaError } from './errors';

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.test(hostname);
}

export function normalizeOrgUrl(input: string): URL {
  const raw = input.trim();
  const bad = (why: string) =>
    new OktaError({ kind: 'auth-config', message: `"${raw.slice(0, 100)}" is not a usable org URL: ${why}` });
  if (!raw) throw bad('it is empty. Enter your org address, e.g. https://acme.okta.com.');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw bad('it is not a URL. Enter it like https://acme.okta.com.');
  }
  if (url.username || url.password)
    throw bad('it contains a user name or password; credentials belong in the connection, not the URL.');
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw bad('plain http is only allowed for a local emulator (localhost); use https.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw bad(`the scheme ${url.protocol} is not supported; use https.`);
  if (/-admin\.(okta|oktapreview|okta-emea)\.com$/i.test(url.hostname)) {
    throw bad(`that is the Admin Console host; use ${url.hostname.replace(/-admin\./i, '.')} instead.`);
  }
  if (url.pathname !== '/' && url.pathname !== '') {
    if (/^\/oauth2\//.test(url.pathname))
      throw bad('it is an authorization server issuer URL; enter the org address without /oauth2/….');
  }
  return new URL(url.origin);
}
