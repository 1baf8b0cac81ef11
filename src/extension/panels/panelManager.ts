// Opens detail panels — one per token / client / server, revealed instead of duplicated — restores them
// after a window reload from the ids VS Code kept in the page state (re-fetching everything), and wires
// the panels' buttons to the same revoke and copy commands the tree uses.
import * as vscode from 'vscode';
import type { OktaClient } from '../../okta';
import { tokenQuery } from '../commands/copy';
import type { ClientRef, RevokeTarget } from '../commands/revokeTokens';
import type { ConnectionStore } from '../connections/connectionStore';
import { ids as treeIds } from '../tree/format';
import type { TokenTreeProvider } from '../tree/tokenTree';
import { DetailPanel, VIEW_TYPES, webviewOptions } from './detailPanel';
import { panelIdsOf, panelKey, type DetailView, type PanelIds } from './protocol';
import { clientView, serverView, tokenView, userView } from './views';

export interface PanelDeps {
  extensionUri: vscode.Uri;
  store: ConnectionStore;
  tree: TokenTreeProvider;
  getClient(connectionId: string): Promise<OktaClient>;
  errorText(err: unknown): string;
  log: vscode.LogOutputChannel;
  /** `onConfirmed` runs after the user confirmed and before any request (the panel shows "Revoking…" then). */
  revoke(targets: RevokeTarget[], onConfirmed: () => void): Promise<unknown>;
  revokeAll(ref: ClientRef, onConfirmed: () => void): Promise<unknown>;
  copy(value: string | undefined, label: string): Promise<boolean>;
}

export class PanelManager implements vscode.Disposable {
  private readonly panels = new Map<string, DetailPanel>();

  constructor(private readonly deps: PanelDeps) {}

  register(): vscode.Disposable[] {
    return (Object.keys(VIEW_TYPES) as (keyof typeof VIEW_TYPES)[]).map((kind) =>
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPES[kind], {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const ids = panelIdsOf(state);
          if (!ids || ids.kind !== kind || !this.deps.store.get(ids.connectionId) || this.get(ids)) {
            // Nothing usable to re-fetch from (or the connection was removed, or the same panel is
            // already open): close it quietly.
            panel.dispose();
            return;
          }
          this.adopt(panel, ids);
        },
      }),
    );
  }

  open(ids: PanelIds, title?: string): DetailPanel {
    const key = panelKey(ids);
    const existing = this.panels.get(key);
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPES[ids.kind],
      title ?? vscode.l10n.t('Loading…'),
      vscode.ViewColumn.Active,
      {
        ...webviewOptions(this.deps.extensionUri),
      },
    );
    return this.adopt(panel, ids);
  }

  private adopt(panel: vscode.WebviewPanel, ids: PanelIds): DetailPanel {
    const key = panelKey(ids);
    const p = new DetailPanel(panel, ids, this.deps.extensionUri, {
      load: (i) => this.load(i),
      action: (dp, action) => this.action(dp, action),
      open: (dp, tokenId) => this.openRow(dp, tokenId),
      errorText: this.deps.errorText,
      failed: (dp, action, err) => this.failed(dp, action, err),
    });
    this.panels.set(key, p);
    p.onDidDispose(() => {
      if (this.panels.get(key) === p) this.panels.delete(key);
    });
    return p;
  }

  private clientName(ids: {
    connectionId: string;
    authServerId: string;
    clientId: string;
  }): string | undefined {
    const n = this.deps.tree.node(treeIds.client(ids.connectionId, ids.authServerId, ids.clientId));
    return n?.kind === 'client' ? n.client.client_name : undefined;
  }

  private async load(ids: PanelIds): Promise<DetailView> {
    const client = await this.deps.getClient(ids.connectionId);
    if (ids.kind === 'token') {
      const { view, token } = await tokenView(client, ids);
      // Keep the tree's rows (under its server and under its user) in step with what the panel just read.
      for (const row of this.deps.tree.tokenNodes(ids.connectionId, ids.tokenId))
        if (row.token.status !== token.status)
          this.deps.tree.updateToken(row, { ...row.token, status: token.status });
      return view;
    }
    if (ids.kind === 'client') return clientView(client, ids, this.clientName(ids));
    if (ids.kind === 'user') return userView(client, ids);
    return serverView(client, ids);
  }

  private async action(p: DetailPanel, action: string): Promise<void> {
    const ids = p.ids;
    const view = p.lastView;
    switch (action) {
      case 'copyId':
        await this.deps.copy(
          ids.kind === 'token'
            ? ids.tokenId
            : ids.kind === 'client'
              ? ids.clientId
              : ids.kind === 'user'
                ? ids.userId
                : ids.authServerId,
          vscode.l10n.t('ID'),
        );
        return;
      case 'openUser': {
        const userId = view?.fields.find((f) => f.label === vscode.l10n.t('User ID'))?.value;
        if (ids.kind === 'token' && userId)
          this.open({ kind: 'user', connectionId: ids.connectionId, userId });
        return;
      }
      case 'openClient':
        if (ids.kind === 'token')
          this.open({
            kind: 'client',
            connectionId: ids.connectionId,
            authServerId: ids.authServerId,
            clientId: ids.clientId,
          });
        return;
      case 'copyIssuer': {
        const issuer = view?.fields.find((f) => f.label === vscode.l10n.t('Issuer'))?.value;
        await this.deps.copy(issuer, vscode.l10n.t('Issuer'));
        return;
      }
      case 'timeline':
      case 'whyExpires':
        // Registered by src/extension/watch; the token's ids are all they need.
        if (ids.kind !== 'token') return;
        await vscode.commands.executeCommand(
          action === 'timeline' ? 'oktaTokenExplorer.showTimeline' : 'oktaTokenExplorer.explainExpiry',
          ids,
        );
        return;
      case 'copyQuery': {
        if (ids.kind !== 'token') return;
        const record = this.deps.store.get(ids.connectionId);
        if (!record) return;
        await this.deps.copy(
          tokenQuery(record, ids.authServerId, ids.clientId, ids.tokenId),
          vscode.l10n.t('query'),
        );
        return;
      }
      case 'revoke': {
        if (ids.kind !== 'token') return;
        // "Revoking…" only once the modal was answered yes: while it asks, nothing is being revoked.
        try {
          await this.deps.revoke(
            [
              {
                ...ids,
                // The tree's name, else the one the panel shows (a token opened under its user).
                clientName:
                  this.clientName(ids) ??
                  (view?.fields.find((f) => f.label === vscode.l10n.t('Client'))?.value || ids.clientId),
                status: view?.state === 'revoked' ? 'REVOKED' : undefined,
              },
            ],
            () => p.setBusy(vscode.l10n.t('Revoking…')),
          );
        } finally {
          p.setBusy(undefined);
          await p.reload();
        }
        return;
      }
      case 'revokeAll': {
        if (ids.kind !== 'client') return;
        try {
          // The tree's name, else the one the panel shows (after a reload the tree may not have it yet).
          const shown = view?.fields.find((f) => f.label === vscode.l10n.t('Client name'))?.value;
          const clientName = this.clientName(ids) ?? shown ?? ids.clientId;
          await this.deps.revokeAll({ ...ids, clientName }, () => p.setBusy(vscode.l10n.t('Revoking…')));
        } finally {
          p.setBusy(undefined);
          await p.reload();
        }
        return;
      }
      default:
        this.deps.log.debug(`Panel ${panelKey(ids)} sent an unknown action "${action}"; ignored`);
    }
  }

  /** A panel button's work threw: the log gets the masked reason, the user an error message. */
  private failed(p: DetailPanel, action: string, err: unknown): void {
    const reason = this.deps.errorText(err); // masked
    this.deps.log.error(`Panel ${panelKey(p.ids)}: action "${action}" failed: ${reason}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('The panel action "{0}" failed: {1}', action, reason));
  }

  private async openRow(p: DetailPanel, tokenId: string): Promise<void> {
    if (p.ids.kind === 'user') {
      // A user panel's token row: [authServerId, clientId, tokenId] (see userView).
      let key: unknown;
      try {
        key = JSON.parse(tokenId);
      } catch {
        return;
      }
      if (!Array.isArray(key) || key.length !== 3 || !key.every((k) => typeof k === 'string' && k !== ''))
        return;
      const [authServerId, clientId, id] = key as string[];
      this.open({ kind: 'token', connectionId: p.ids.connectionId, authServerId, clientId, tokenId: id });
      return;
    }
    if (p.ids.kind !== 'client') return;
    this.open({
      kind: 'token',
      connectionId: p.ids.connectionId,
      authServerId: p.ids.authServerId,
      clientId: p.ids.clientId,
      tokenId,
    });
  }

  /** After tokens of these clients changed elsewhere (tree, palette): reload their open panels. */
  clientsChanged(refs: readonly ClientRef[]): void {
    for (const p of this.panels.values()) {
      if (p.ids.kind === 'server') continue;
      const ids = p.ids;
      // A user panel counts the user's tokens on every client: any revoke on its org may change it.
      if (ids.kind === 'user') {
        if (refs.some((r) => r.connectionId === ids.connectionId)) void p.reload();
        continue;
      }
      if (
        refs.some(
          (r) =>
            r.connectionId === ids.connectionId &&
            // '' names no server: a user's or an app's revoke may have reached the client on any.
            (r.authServerId === '' || r.authServerId === ids.authServerId) &&
            r.clientId === ids.clientId,
        )
      )
        void p.reload();
    }
  }

  /** Closes panels of a removed connection. */
  closeConnection(connectionId: string): void {
    for (const p of [...this.panels.values()]) if (p.ids.connectionId === connectionId) p.dispose();
  }

  list(): DetailPanel[] {
    return [...this.panels.values()];
  }

  get(ids: PanelIds): DetailPanel | undefined {
    return this.panels.get(panelKey(ids));
  }

  dispose(): void {
    for (const p of [...this.panels.values()]) p.dispose();
  }
}
