// "Open as Query": the .iql text that lists what a tree node shows — the servers of a connection, the
// clients of a server, or the tokens of a client — opened in a new untitled editor. Pure text builder
// plus a tiny command wrapper.
import { subdomainOfUrl } from './connectionResolver';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface NodeIds {
  orgUrl: string;
  connectionName: string;
  authServerId?: string;
  clientId?: string;
  tokenId?: string;
}

export function queryForNode(n: NodeIds): string {
  const sub = subdomainOfUrl(n.orgUrl);
  const head = sub ? [] : [`-- connection: ${n.connectionName}`];
  const where = [`subdomain = ${q(sub ?? n.connectionName)}`];
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
  return [
    ...head,
    `SELECT ${select}`,
    `FROM okta.authorizationservers.${resource}`,
    `WHERE ${where.join('\n  AND ')};`,
    '',
  ].join('\n');
}
