// "Open as Query": the .iql text that lists what a tree node shows — the servers of a connection, the
// clients of a server, the tokens of a client, or one token (which is also what "Copy as Query"
// copies) — opened in a new untitled editor. Pure text builder plus a tiny command wrapper.
import { statementTarget } from './connectionResolver';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface NodeIds {
  orgUrl: string;
  connectionName: string;
  authServerId?: string;
  clientId?: string;
  tokenId?: string;
}

export function queryForNode(n: NodeIds): string {
  const target = statementTarget({ name: n.connectionName, orgUrl: n.orgUrl });
  const head = target.connection ? [`-- connection: ${target.connection}`] : [];
  const where = target.subdomain ? [`subdomain = ${q(target.subdomain)}`] : [];
  let select: string;
  let resource: string;
  if (n.clientId && n.authServerId) {
    resource = 'refresh_tokens';
    select = 'id, userId, status, scopes, created, expiresAt';
    where.push(`authServerId = ${q(n.authServerId)}`, `clientId = ${q(n.clientId)}`);
    if (n.tokenId) where.push(`tokenId = ${q(n.tokenId)}`);
    else where.push("expand = 'scope'");
  } else if (n.authServerId) {
    resource = 'clients';
    select = 'client_id, client_name';
    where.push(`authServerId = ${q(n.authServerId)}`);
  } else {
    resource = 'authorization_servers';
    select = 'id, name, status, issuer, audiences';
  }
  const from = `FROM okta.authorizationservers.${resource}`;
  const tail = where.length ? [from, `WHERE ${where.join('\n  AND ')};`] : [`${from};`];
  return [...head, `SELECT ${select}`, ...tail, ''].join('\n');
}
