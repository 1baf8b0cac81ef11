// The .iql statement behind "Copy as Query": StackQL's refresh_tokens resource with every parameter the
// get method needs, values quoted as SQL strings. It is Open as Query's statement for a token, so the
// two name the connection the same way (statementTarget): a loopback or custom-domain org never ends
// up as a host in `subdomain`. Pure, unit tested.
import { queryForNode } from '../query/openAsQuery';

/** The SELECT that reads one token back (StackQL's resource and parameters). */
export function tokenQuery(
  connection: { name: string; orgUrl: string },
  authServerId: string,
  clientId: string,
  tokenId: string,
): string {
  return queryForNode({
    orgUrl: connection.orgUrl,
    connectionName: connection.name,
    authServerId,
    clientId,
    tokenId,
  });
}
