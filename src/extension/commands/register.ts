// Registers every command of the tree and palette. Handlers accept the (clicked, selected[]) pair VS Code
// passes from the tree, and fall back to a picker when run from the Command Palette without a node.
// Handlers return their result (connection id, revoke outcomes…) so tests can assert on it.
import * as vscode from 'vscode';
import {
  addConnectionFromInput,
  addConnectionInteractive,
  type ConnectionDeps,
} from '../connections/addConnection';
import {
  editConnection,
  pickConnection,
  removeConnection,
  renameConnection,
  signIn,
  signOut,
} from '../connections/manageConnections';
import type { ConnectionRecord } from '../connections/model';
import type { PanelManager } from '../panels/panelManager';
import { parseTokenFilter, formatTokenFilter } from '../tree/filters';
import { isTokenOrder, TOKEN_ORDERS, type TokenOrder } from '../tree/order';
import {
  isTokenHolder,
  tokenLabel,
  type ClientNode,
  type LoadMoreNode,
  type MessageNode,
  type ServerNode,
  type TokenHolder,
  type TokenNode,
  type TreeNode,
  type UserNode,
} from '../tree/nodes';
import type { TokenTreeProvider } from '../tree/tokenTree';
import { copyValue, tokenQuery, valueFor, type CopyWhat } from './copy';
import { adminConsoleUrl, tokenCurl, type AdminTarget } from './external';
import {
  clientRefOf,
  revokeAllOfClient,
  revokeTargets,
  targetOf,
  tokenNodesFrom,
  type RevokeDeps,
} from './revokeTokens';

export interface CommandDeps {
  conn: ConnectionDeps;
  tree: TokenTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  panels: PanelManager;
  revoke: RevokeDeps;
  log: vscode.LogOutputChannel;
}

function isNode<K extends TreeNode['kind']>(v: unknown, kind: K): v is Extract<TreeNode, { kind: K }> {
  return typeof v === 'object' && v !== null && (v as TreeNode).kind === kind;
}

export function registerCommands(d: CommandDeps): vscode.Disposable[] {
  const reg = (id: string, fn: (...args: unknown[]) => unknown) =>
    vscode.commands.registerCommand(`oktaTokenExplorer.${id}`, fn);

  const connectionFrom = async (arg: unknown, placeHolder: string): Promise<ConnectionRecord | undefined> =>
    isNode(arg, 'connection') ? d.conn.store.get(arg.connectionId) : pickConnection(d.conn, placeHolder);

  const selectedOf = <K extends TreeNode['kind']>(kind: K) =>
    d.treeView.selection.filter((n): n is Extract<TreeNode, { kind: K }> => n.kind === kind);

  const pickClient = async (): Promise<ClientNode | undefined> => {
    const sel = selectedOf('client');
    if (sel.length === 1) return sel[0];
    const loaded = d.tree.idCache
      .clients()
      .map((c) => d.tree.node(`c/${c.connectionId}/s/${c.authServerId}/cl/${c.id}`))
      .filter((n): n is ClientNode => isNode(n, 'client'));
    if (loaded.length === 0) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          'Expand an authorization server in the Okta Tokens view first, then pick one of its clients.',
        ),
      );
      return undefined;
    }
    const picked = await d.conn.prompter().pick(
      loaded.map((n) => ({
        label: n.client.client_name ?? n.client.client_id,
        description: n.client.client_id,
        detail: n.parent.server.name,
        value: n,
      })),
      { placeHolder: vscode.l10n.t('Which client?') },
    );
    return picked?.value;
  };

  const copy = (what: CopyWhat, label: string) => async (clicked: unknown) => {
    const node = (clicked as TreeNode | undefined) ?? d.treeView.selection[0];
    if (!node) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Select an item in the Okta Tokens view first.'),
      );
      return false;
    }
    return copyValue(valueFor(node, what), label);
  };

  /** Opens a server, app or user in the org's Admin Console; the emulator and custom domains have none. */
  const openInAdmin = async (clicked: unknown): Promise<string | undefined> => {
    const n = (clicked as TreeNode | undefined) ?? d.treeView.selection[0];
    const target: AdminTarget | undefined = isNode(n, 'server')
      ? { kind: 'server', authServerId: (n as ServerNode).server.id }
      : isNode(n, 'client')
        ? { kind: 'app', clientId: (n as ClientNode).client.client_id }
        : isNode(n, 'token') && (n as TokenNode).token.userId
          ? { kind: 'user', userId: (n as TokenNode).token.userId! }
          : isNode(n, 'user')
            ? { kind: 'user', userId: (n as UserNode).user.id }
            : undefined;
    const record = n && 'connectionId' in n ? d.conn.store.get(n.connectionId) : undefined;
    if (!target || !record) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Select an authorization server, client or token in the Okta Tokens view first.'),
      );
      return undefined;
    }
    const r = adminConsoleUrl(record.orgUrl, target);
    if (!r.ok) {
      void vscode.window.showInformationMessage(
        r.why === 'emulator'
          ? vscode.l10n.t('"{0}" is a local emulator: it has no Okta Admin Console to open.', record.name)
          : vscode.l10n.t(
              'The Admin Console address of "{0}" is not known: its org URL is not an Okta domain (a custom domain). Open the Admin Console from your okta.com address.',
              record.name,
            ),
      );
      return undefined;
    }
    await vscode.env.openExternal(vscode.Uri.parse(r.url, true));
    return r.url;
  };

  // Delete revokes the selection only when every selected row is a token (the keybinding's `when`).
  const tokensSelected = (sel: readonly TreeNode[]) =>
    void vscode.commands.executeCommand(
      'setContext',
      'oktaTokenExplorer.tokensSelected',
      sel.length > 0 && sel.every((n) => n.kind === 'token'),
    );

  return [
    d.treeView.onDidChangeSelection((e) => tokensSelected(e.selection)),
    reg('addConnection', async (arg) => {
      if (arg !== undefined && typeof arg === 'object' && arg !== null && !('kind' in arg)) {
        return addConnectionFromInput(d.conn, arg);
      }
      return addConnectionInteractive(d.conn);
    }),
    reg('editConnection', async (arg) => {
      const r = await connectionFrom(arg, vscode.l10n.t('Which connection do you want to edit?'));
      return r ? editConnection(d.conn, r) : false;
    }),
    reg('signIn', async (arg) => {
      const r = await connectionFrom(arg, vscode.l10n.t('Which connection do you want to sign in to?'));
      return r ? signIn(d.conn, r) : false;
    }),
    reg('renameConnection', async (arg, newName) => {
      const r = await connectionFrom(arg, vscode.l10n.t('Which connection do you want to rename?'));
      return r ? renameConnection(d.conn, r, typeof newName === 'string' ? newName : undefined) : false;
    }),
    reg('removeConnection', async (arg) => {
      const r = await connectionFrom(arg, vscode.l10n.t('Which connection do you want to remove?'));
      if (!r) return false;
      const removed = await removeConnection(d.conn, r);
      if (removed) d.panels.closeConnection(r.id);
      return removed;
    }),
    reg('signOut', async (arg) => {
      const r = await connectionFrom(arg, vscode.l10n.t('Which connection do you want to sign out of?'));
      if (!r) return false;
      await signOut(d.conn, r);
      d.panels.closeConnection(r.id);
      return true;
    }),
    reg('refresh', () => d.tree.refresh()),
    reg('refreshNode', (arg) => d.tree.refresh((arg as TreeNode | undefined) ?? undefined)),
    reg('loadMore', (arg) => (isNode(arg, 'loadMore') ? d.tree.loadMore(arg as LoadMoreNode) : undefined)),
    reg('retry', (arg) => (isNode(arg, 'error') ? d.tree.retry(arg as MessageNode) : undefined)),
    reg('showLog', () => d.log.show(true)),
    reg('filterServers', async (arg, qArg) => {
      const r = await connectionFrom(
        arg,
        vscode.l10n.t('Filter the authorization servers of which connection?'),
      );
      if (!r) return;
      const q =
        typeof qArg === 'string'
          ? qArg
          : await d.conn.prompter().input({
              title: vscode.l10n.t('Filter authorization servers of {0}', r.name),
              prompt: vscode.l10n.t(
                'Okta matches the name and audiences (the q parameter). Leave empty to clear.',
              ),
              value: d.tree.serverFilter(r.id),
            });
      if (q === undefined) return;
      d.tree.setServerFilter(r.id, q.trim() || undefined);
    }),
    reg('filterTokens', async (arg, textArg) => {
      const client: TokenHolder | undefined = isTokenHolder(arg) ? arg : await pickClient();
      if (!client) return;
      const current = d.tree.tokenFilter(client);
      const text =
        typeof textArg === 'string'
          ? textArg
          : await d.conn.prompter().input({
              title: vscode.l10n.t('Filter tokens of {0}', client.clientName),
              prompt: vscode.l10n.t(
                "A user's name or id, status:ACTIVE|EXPIRED|REVOKED, scope:<name> — applies to loaded tokens. Leave empty to clear.",
              ),
              value: current ? formatTokenFilter(current) : '',
              validateInput: (v) => {
                const f = parseTokenFilter(v);
                return f && 'error' in f
                  ? vscode.l10n.t('Unknown filter "{0}". Use user:, status: or scope:.', f.error)
                  : undefined;
              },
            });
      if (text === undefined) return;
      const f = parseTokenFilter(text);
      if (f && 'error' in f) return;
      d.tree.setTokenFilter(client, f);
    }),
    reg('clearFilters', () => d.tree.clearFilters()),
    reg('searchUsers', async (arg, textArg) => {
      const connectionId =
        isNode(arg, 'users') || isNode(arg, 'connection')
          ? (arg as { connectionId: string }).connectionId
          : (await pickConnection(d.conn, vscode.l10n.t('Search the users of which connection?')))?.id;
      if (!connectionId) return undefined;
      const text =
        typeof textArg === 'string'
          ? textArg
          : await d.conn.prompter().input({
              title: vscode.l10n.t('Search users of {0}', d.conn.store.get(connectionId)?.name ?? ''),
              prompt: vscode.l10n.t(
                'Part of a name, email address or login (Okta’s user search). Leave empty to list every user.',
              ),
              value: d.tree.userSearch(connectionId) ?? '',
            });
      if (text === undefined) return undefined;
      d.tree.setUserSearch(connectionId, text.trim() || undefined);
      // Shown opened, so the people found are in view.
      const users = d.tree.node(`c/${connectionId}/users`);
      if (users && d.treeView.visible) await d.treeView.reveal(users, { expand: true, focus: true });
      return text.trim();
    }),
    reg('openUser', async (arg) => {
      const n = (isNode(arg, 'user') ? arg : selectedOf('user')[0]) as UserNode | undefined;
      if (!n) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Select a user under Users in the Okta Tokens view first.'),
        );
        return undefined;
      }
      return d.panels.open({ kind: 'user', connectionId: n.connectionId, userId: n.user.id }).ids;
    }),
    reg('sortTokens', async (arg) => {
      // A command argument (an order name) picks without asking, as the tests and keybindings may.
      let order: TokenOrder | undefined = isTokenOrder(arg) ? arg : undefined;
      if (!order) {
        const current = d.tree.tokenOrder();
        const label: Record<TokenOrder, string> = {
          listed: vscode.l10n.t('As Okta lists them'),
          status: vscode.l10n.t('By status (active first)'),
          expiry: vscode.l10n.t('By expiry (soonest first)'),
          groupByStatus: vscode.l10n.t('Grouped by status'),
        };
        const picked = await d.conn.prompter().pick(
          TOKEN_ORDERS.map((o) => ({
            label: label[o],
            description: o === current ? vscode.l10n.t('current') : undefined,
            value: o,
          })),
          {
            title: vscode.l10n.t('Sort and Group Tokens'),
            placeHolder: vscode.l10n.t(
              'How should each client’s tokens be ordered? (remembered for this workspace)',
            ),
          },
        );
        order = picked?.value;
      }
      if (!order) return undefined;
      await d.tree.setTokenOrder(order);
      return order;
    }),
    reg('openToken', (arg) => {
      if (!isNode(arg, 'token')) return undefined;
      const n = arg as TokenNode;
      return d.panels.open({
        kind: 'token',
        connectionId: n.connectionId,
        authServerId: n.authServerId,
        clientId: n.clientId,
        tokenId: n.token.id,
      }).ids;
    }),
    reg('openClient', async (arg) => {
      const n = isNode(arg, 'client') ? (arg as ClientNode) : await pickClient();
      if (!n) return undefined;
      return d.panels.open({
        kind: 'client',
        connectionId: n.connectionId,
        authServerId: n.authServerId,
        clientId: n.client.client_id,
      }).ids;
    }),
    reg('openServer', (arg) => {
      const n = (isNode(arg, 'server') ? arg : selectedOf('server')[0]) as ServerNode | undefined;
      if (!n) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Select an authorization server in the Okta Tokens view first.'),
        );
        return undefined;
      }
      return d.panels.open({ kind: 'server', connectionId: n.connectionId, authServerId: n.server.id }).ids;
    }),
    reg('revokeToken', async (clicked, selected) => {
      // A keybinding passes the focused row alone (or nothing): it stands for the whole selection it is in.
      const fromKey =
        !Array.isArray(selected) &&
        (clicked === undefined || d.treeView.selection.includes(clicked as TreeNode));
      let nodes = fromKey ? selectedOf('token') : tokenNodesFrom(clicked, selected);
      if (nodes.length === 0) nodes = tokenNodesFrom(clicked, selected);
      if (nodes.length === 0) nodes = selectedOf('token');
      if (nodes.length === 0) {
        const loaded = d.tree.idCache
          .tokens()
          .filter((t) => (t.status ?? '').toUpperCase() !== 'REVOKED')
          .map((t) => d.tree.node(`c/${t.connectionId}/s/${t.authServerId}/cl/${t.clientId}/t/${t.id}`))
          .filter((n): n is TokenNode => isNode(n, 'token'));
        if (loaded.length === 0) {
          void vscode.window.showInformationMessage(
            vscode.l10n.t('Expand a client in the Okta Tokens view to load its tokens first.'),
          );
          return undefined;
        }
        const picked = await d.conn.prompter().pickMany(
          loaded.map((n) => ({
            label: n.token.id,
            // The person, not only their id.
            description: tokenLabel(n.token),
            detail: n.clientName,
            value: n,
          })),
          { placeHolder: vscode.l10n.t('Which refresh tokens do you want to revoke?') },
        );
        if (!picked?.length) return undefined;
        nodes = picked.map((p) => p.value);
      }
      return revokeTargets(d.revoke, nodes.map(targetOf));
    }),
    reg('revokeAllTokens', async (arg) => {
      // A client under its server (all its tokens there), or under a user (that user's tokens of it).
      const client: TokenHolder | undefined = isTokenHolder(arg) ? arg : await pickClient();
      if (!client) return undefined;
      return revokeAllOfClient(d.revoke, clientRefOf(client));
    }),
    reg('copyTokenId', copy('tokenId', vscode.l10n.t('token ID'))),
    reg('copyClientId', copy('clientId', vscode.l10n.t('client ID'))),
    reg('copyUserId', copy('userId', vscode.l10n.t('user ID'))),
    reg('copyIssuer', copy('issuer', vscode.l10n.t('issuer'))),
    reg('copyServerId', copy('serverId', vscode.l10n.t('authorization server ID'))),
    reg('copyAsQuery', async (clicked) => {
      const n = (clicked as TreeNode | undefined) ?? d.treeView.selection[0];
      if (!isNode(n, 'token')) return false;
      const t = n as TokenNode;
      const record = d.conn.store.get(t.connectionId);
      if (!record) return false;
      return copyValue(tokenQuery(record, t.authServerId, t.clientId, t.token.id), vscode.l10n.t('query'));
    }),
    reg('copyAsCurl', async (clicked) => {
      const n = (clicked as TreeNode | undefined) ?? d.treeView.selection[0];
      if (!isNode(n, 'token')) return false;
      const t = n as TokenNode;
      const record = d.conn.store.get(t.connectionId);
      if (!record) return false;
      return copyValue(
        tokenCurl(record, t.authServerId, t.clientId, t.token.id),
        vscode.l10n.t('cURL command'),
      );
    }),
    reg('openInAdminConsole', openInAdmin),
  ];
}
