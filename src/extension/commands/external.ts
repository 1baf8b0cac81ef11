// What "Open in Okta Admin Console" opens and what "Copy as cURL" copies, as pure functions (no vscode),
// so the URLs and the command text are unit tested. The Admin Console lives on the org host with `-admin`
// after its first label (acme.okta.com → acme-admin.okta.com); a loopback org (the emulator) has none, and a
// custom domain does not tell which Okta host is behind it.
// The cURL text names the credential by a shell variable, never the connection's secret, which this
// module is never given.
import { isLoopbackHost } from '../../okta/orgUrl';

export type AdminTarget =
  | { kind: 'server'; authServerId: string }
  | { kind: 'app'; clientId: string }
  | { kind: 'user'; userId: string };

/** Okta's own org domains; a custom domain (login.acme.com) says nothing about the Admin Console host. */
const OKTA_DOMAIN = /\.(?:(?:okta|oktapreview|okta-emea|okta-gov)\.com|okta\.mil)$/i;

export type AdminConsole =
  { ok: true; origin: string } | { ok: false; why: 'emulator' | 'custom-domain' | 'bad-url' };

/** The Admin Console origin of an org: its host with `-admin` after the first label. */
export function adminConsoleOrigin(orgUrl: string): AdminConsole {
  let url: URL;
  try {
    url = new URL(orgUrl);
  } catch {
    return { ok: false, why: 'bad-url' };
  }
  if (isLoopbackHost(url.hostname)) return { ok: false, why: 'emulator' };
  if (!OKTA_DOMAIN.test(url.hostname)) return { ok: false, why: 'custom-domain' };
  const [first, ...rest] = url.hostname.split('.');
  const label = /-admin$/i.test(first) ? first : `${first}-admin`;
  return { ok: true, origin: `https://${[label, ...rest].join('.')}` };
}

/** The Admin Console page of a server, app or user. */
export function adminConsoleUrl(
  orgUrl: string,
  target: AdminTarget,
): { ok: true; url: string } | Extract<AdminConsole, { ok: false }> {
  const c = adminConsoleOrigin(orgUrl);
  if (!c.ok) return c;
  const e = encodeURIComponent;
  const path =
    target.kind === 'server'
      ? `/admin/oauth2/as/${e(target.authServerId)}`
      : target.kind === 'app'
        ? `/admin/app/oidc_client/instance/${e(target.clientId)}`
        : `/admin/user/profile/view/${e(target.userId)}`;
  return { ok: true, url: `${c.origin}${path}` };
}

/** Single-quoted for a POSIX shell, so an id can never break out of the argument. */
function shellQuote(s: string): string {
  return `'${s.split("'").join(`'\\''`)}'`;
}

/**
 * The cURL command that reads one refresh token from the Okta API (GET …/tokens/{tokenId}), with the
 * credential as a placeholder the shell fills in: SSWS ${OKTA_API_TOKEN} for an API-token connection,
 * Bearer ${ACCESS_TOKEN} for an OAuth service app. The header is double-quoted so the shell expands it.
 */
export function tokenCurl(
  connection: { orgUrl: string; authKind: 'ssws' | 'oauth' },
  authServerId: string,
  clientId: string,
  tokenId: string,
): string {
  const e = encodeURIComponent;
  const origin = new URL(connection.orgUrl).origin;
  const url = `${origin}/api/v1/authorizationServers/${e(authServerId)}/clients/${e(clientId)}/tokens/${e(tokenId)}`;
  const auth =
    connection.authKind === 'ssws'
      ? 'Authorization: SSWS ${OKTA_API_TOKEN}'
      : 'Authorization: Bearer ${ACCESS_TOKEN}';
  return [`curl -sS ${shellQuote(url)}`, `  -H 'Accept: application/json'`, `  -H "${auth}"`].join(' \\\n');
}
