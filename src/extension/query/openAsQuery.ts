// "Open as Query": the .iql text that lists what a tree node shows — the servers of a connection, the
// clients of a server, or the tokens of a client — opened in a new untitled editor. Pure text builder
// plus a tiny command wrapper.
import { connectionLabel, subdomainOfUrl } from './connectionResolver';

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

export interface NodeIds {
  orgUrl: string;
  connectionName: string;
  authServerId?: string;
  clientId?: string;
  tokenId?: string;
}

export function queryForNode(n: NodeIds): string {
  // A loopback org (the emulator) has no subdomain of its own: the directive names the connection, and
  // `subdomain` is the name as one DNS label (a name with a space would be refused by the analyzer).
  const head = subdomainOfUrl(n.orgUrl) ? [] : [`-- connection: ${n.connectionName}`];
  const label = connectionLabel({ name: n.connectionName, orgUrl: n.orgUrl });
  const where = label ? [`subdomain = ${q(label)}`] : [];
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
