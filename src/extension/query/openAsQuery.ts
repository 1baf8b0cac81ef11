// "Open as Query": the .iql text that lists what a tree node shows — the servers of a connection, the
// clients of a server, the tokens of a client, or one token (which is also what "Copy as Query"
// copies) — opened in a new untitled editor. VS Code titles an untitled editor with its first line, so
// the document opens with a comment naming what it lists ("-- Refresh tokens of Payments Web") rather
// than "-- connection: Demo org". Pure text builders; the command lives in ./index.ts.
import { sqlString } from '../../query/sqlString';
import { statementTarget } from './connectionResolver';

/** vscode.l10n's shape, so this module needs no vscode import. */
export interface Translate {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

/** Names of what the node lists, as the tree shows them (API strings: any text at all). */
export interface NodeNames {
  serverName?: string;
  clientName?: string;
  /** The user of a token, or the user a Users row stands for. */
  userName?: string;
}

export interface NodeIds {
  orgUrl: string;
  connectionName: string;
  authServerId?: string;
  clientId?: string;
  tokenId?: string;
  /** A row under Users: the user's clients, or (with clientId) the user's tokens for that client. */
  userId?: string;
}

/** An API string on one comment line: line breaks and other control characters would end the comment. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

/** The first line of an opened query: a comment naming what it lists, which becomes the tab's title. */
export function queryHeading(n: NodeIds, names: NodeNames, l10n: Translate): string {
  const name = (v: string | undefined, id: string) => (v && oneLine(v)) || id;
  let what: string;
  if (n.userId && !n.tokenId)
    what = n.clientId
      ? l10n.t(
          'Refresh tokens of {0} for {1}',
          name(names.userName, n.userId),
          name(names.clientName, n.clientId),
        )
      : l10n.t('Clients holding tokens of {0}', name(names.userName, n.userId));
  else if (n.tokenId && n.clientId)
    what = names.userName
      ? l10n.t('Refresh token of {0}', name(names.userName, n.tokenId))
      : l10n.t('Refresh token {0}', n.tokenId);
  else if (n.clientId) what = l10n.t('Refresh tokens of {0}', name(names.clientName, n.clientId));
  else if (n.authServerId)
    what = l10n.t('Clients with tokens on {0}', name(names.serverName, n.authServerId));
  else what = l10n.t('Authorization servers of {0}', name(n.connectionName, n.orgUrl));
  return `-- ${oneLine(what)}`;
}

/** What "Open as Query" opens: the heading, then the statement Copy as Query copies. */
export function openAsQueryText(n: NodeIds, names: NodeNames, l10n: Translate): string {
  return `${queryHeading(n, names, l10n)}\n${queryForNode(n)}`;
}

export function queryForNode(n: NodeIds): string {
  const target = statementTarget({ name: n.connectionName, orgUrl: n.orgUrl });
  const head = target.connection ? [`-- connection: ${target.connection}`] : [];
  const where = target.subdomain ? [`subdomain = ${sqlString(target.subdomain)}`] : [];
  let select: string;
  let resource: string;
  let service = 'authorizationservers';
  if (n.userId && !n.tokenId) {
    // Through the user (okta.users.*): the same tokens, reached the way the Users rows reach them.
    service = 'users';
    where.push(`userId = ${sqlString(n.userId)}`);
    if (n.clientId) {
      resource = 'oauth_tokens';
      select = 'id, status, issuer, scopes, created, expiresAt';
      where.push(`clientId = ${sqlString(n.clientId)}`);
    } else {
      resource = 'user_clients';
      select = 'client_id, client_name';
    }
  } else if (n.clientId && n.authServerId) {
    resource = 'refresh_tokens';
    select = 'id, userId, status, scopes, created, expiresAt';
    where.push(`authServerId = ${sqlString(n.authServerId)}`, `clientId = ${sqlString(n.clientId)}`);
    if (n.tokenId) where.push(`tokenId = ${sqlString(n.tokenId)}`);
    else where.push("expand = 'scope'");
  } else if (n.authServerId) {
    resource = 'clients';
    select = 'client_id, client_name';
    where.push(`authServerId = ${sqlString(n.authServerId)}`);
  } else {
    resource = 'authorization_servers';
    select = 'id, name, status, issuer, audiences';
  }
  const from = `FROM okta.${service}.${resource}`;
  const tail = where.length ? [from, `WHERE ${where.join('\n  AND ')};`] : [`${from};`];
  return [...head, `SELECT ${select}`, ...tail, ''].join('\n');
}

/**
 * "Tokens of This User Everywhere": the fan-out over every authorization server and client of the
 * connection, keeping the user's tokens (`userId` is filtered on the listed rows; the server-path list has
 * no user parameter). Its first line names the person, as the results panel echoes it.
 */
export function userTokensQueryText(
  n: Pick<NodeIds, 'orgUrl' | 'connectionName'>,
  user: { userId: string; userName?: string },
  l10n: Translate,
): string {
  const who = (user.userName && oneLine(user.userName)) || user.userId;
  const target = statementTarget({ name: n.connectionName, orgUrl: n.orgUrl });
  const where = [
    ...(target.subdomain ? [`subdomain = ${sqlString(target.subdomain)}`] : []),
    `userId = ${sqlString(user.userId)}`,
  ];
  return [
    `-- ${oneLine(l10n.t('Refresh tokens of {0} on every server and client', who))}`,
    ...(target.connection ? [`-- connection: ${target.connection}`] : []),
    'SELECT /*+ FANOUT */ id, clientId, issuer, status, scopes, created, expiresAt',
    'FROM okta.authorizationservers.refresh_tokens',
    `WHERE ${where.join('\n  AND ')};`,
    '',
  ].join('\n');
}
