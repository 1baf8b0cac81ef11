// Checks an org URL typed by the user before anything is sent to it. Pure (no vscode) so it is unit
// tested. The rule from DESIGN.md: https only, plain http only for loopback (the emulator), and the
// result is just the origin, so a stored token can only ever go to that one host.

export type OrgUrlProblem =
  | 'empty'
  | 'not-a-url'
  | 'bad-scheme'
  | 'http-not-loopback'
  | 'has-credentials'
  | 'admin-domain'
  | 'not-a-domain';

export type OrgUrlResult =
  { ok: true; origin: string } | { ok: false; problem: OrgUrlProblem; suggestion?: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

export function checkOrgUrl(input: string): OrgUrlResult {
  let text = input.trim();
  if (!text) return { ok: false, problem: 'empty' };
  // People paste "acme.okta.com"; assume https rather than rejecting it.
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'not-a-url' };
  }
  if (url.username || url.password) return { ok: false, problem: 'has-credentials' };
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) return { ok: false, problem: 'http-not-loopback' };
  } else if (url.protocol !== 'https:') {
    return { ok: false, problem: 'bad-scheme' };
  }
  const host = url.hostname;
  // "acme-admin.okta.com" is the admin console, not the API host; Okta rejects API calls there.
  const admin = /^([a-z0-9-]+)-admin\.(okta|oktapreview|okta-emea|okta-gov|okta\.mil)\./i.exec(host);
  if (admin) {
    return {
      ok: false,
      problem: 'admin-domain',
      suggestion: `${url.protocol}//${host.replace('-admin.', '.')}`,
    };
  }
  if (!isLoopbackHost(host) && !host.includes('.')) return { ok: false, problem: 'not-a-domain' };
  return { ok: true, origin: url.origin };
}

/** The StackQL `subdomain` for an org: the first label of an Okta domain, else the whole host. */
export function subdomainOf(origin: string): string {
  const url = new URL(origin);
  const m = /^([^.]+)\.(okta|oktapreview|okta-emea|okta-gov)\.com$/i.exec(url.hostname);
  return m ? m[1] : url.host;
}
