// The .iql statement behind "Copy as Query": StackQL's refresh_tokens resource with every parameter the
// get method needs, values quoted as SQL strings. Pure, unit tested.
import { subdomainOf } from '../connections/orgUrl';

/** The SELECT that reads one token back (StackQL's resource and parameters). */
export function tokenQuery(orgUrl: string, authServerId: string, clientId: string, tokenId: string): string {
  const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
  return [
    'SELECT id, userId, status, scopes, created, expiresAt',
    'FROM okta.authorizationservers.refresh_tokens',
    `WHERE subdomain = ${q(subdomainOf(orgUrl))}`,
    `  AND authServerId = ${q(authServerId)}`,
    `  AND clientId = ${q(clientId)}`,
    `  AND tokenId = ${q(tokenId)};`,
    '',
  ].join('\n');
}
