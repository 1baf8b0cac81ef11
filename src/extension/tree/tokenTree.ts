// The "Okta Tokens" tree: connection → authorization servers → clients holding tokens → refresh tokens.
// Each level pages through a PagedLoader keyed by its parent's stable id; failures and empty lists become
// rows inside the tree (never toasts), and node objects are reused by id so refreshing a node keeps the
// expansion state and so onDidChangeTreeData can target a single row.
import * as vscode from 'vscode';
import type { OktaClient, PagedList } from '../../okta';
import type { AuthorizationServer, OAuth2Client, OAuth2RefreshToken } from '../../okta/models';
import type { ConnectionStore } from '../connections/connectionStore';
import type { SecretStore } from '../connections/secretStore';
import type { Masker } from '../logging';
import type { CachedAuthServer, CachedClient, CachedToken, IdCache } from '../services';
import { formatTokenFilter, matchesTokenFilter, tokenUserName, type TokenFilter } from './filters';
import { ids } from './format';
import { PagedLoader, type Page } from './loadMore';
import {
  toTreeItem,
  type ClientNode,
  type ConnectionNode,
  type LoadMoreNode,
  type MessageNode,
  type ParentNode,
  type ServerNode,
  type TokenNode,
  type TreeNode,
} from './nodes';

type Level =
  | { kind: 'servers'; node: ConnectionNode; loader: PagedLoader<AuthorizationServer> }
  | { kind: 'clients'; node: ServerNode; loader: PagedLoader<OAuth2Client> }
  | { kind: 'tokens'; node: ClientNode; loader: PagedLoader<OAuth2RefreshToken> };

export interface TreeDeps {
  store: ConnectionStore;
  secrets: SecretStore;
  getClient(connectionId: string): Promise<OktaClient>;
  log: vscode.LogOutputChannel;
  masker: Masker;
}

function pageOf<T>(p: { items: T[]; nextUrl?: string }): Page<T> {
  return { items: p.items, nextUrl: p.nextUrl };
}

export class TokenTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly cacheChanged = new vscode.EventEmitter<void>();
  private readonly filtersChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeFilters = this.filtersChanged.event;

  private readonly nodes = new Map<string, TreeNode>();
  private readonly levels = new Map<string, Level>();
  private readonly signedIn = new Map<string, boolean>();
  readonly busy = new Map<string, string>();
  private readonly serverFilters = new Map<string, string>();
  private readonly tokenFilters = new Map<string, TokenFilter>();

  constructor(private readonly deps: TreeDeps) {}

  dispose(): void {
    this.changed.dispose();
    this.cacheChanged.dispose();
    this.filtersChanged.dispose();
  }

  // ---- TreeDataProvider ----

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node, this.busy);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    try {
      if (!node) return await this.connections();
      switch (node.kind) {
        case 'connection':
          return await this.serversOf(node);
        case 'server':
          return await this.level(node, 'clients');
        case 'client':
          return await this.level(node, 'tokens');
        default:
          return [];
      }
    } catch (err) {
      // Anything unexpected still becomes a row, never a toast.
      this.deps.log.error(`Tree: ${this.deps.masker.mask(err instanceof Error ? err.message : String(err))}`);
      if (!node || (node.kind !== 'connection' && node.kind !== 'server' && node.kind !== 'client'))
        return [];
      return [
        this.message(
          node as ParentNode,
          'error',
          vscode.l10n.t('Failed to load'),
          err instanceof Error ? this.deps.masker.mask(err.message) : undefined,
        ),
      ];
    }
  }

  // ---- levels ----

  private async connections(): Promise<TreeNode[]> {
    const records = this.deps.store.list();
    const out: ConnectionNode[] = [];
    for (const record of records) {
      const node = this.reuse<ConnectionNode>(ids.connection(record.id), () => ({
        kind: 'connection',
        id: ids.connection(record.id),
        connectionId: record.id,
        record,
      }));
      node.record = record;
      if (!this.signedIn.has(record.id)) {
        try {
          this.signedIn.set(record.id, (await this.deps.secrets.get(record.id)) !== undefined);
        } catch {
          // A keyring failure is shown when the connection is expanded (the client provider rethrows it).
          this.signedIn.set(record.id, true);
        }
      }
      node.signedIn = this.signedIn.get(record.id);
      out.push(node);
    }
    return out;
  }

  private async serversOf(node: ConnectionNode): Promise<TreeNode[]> {
    if (node.signedIn === false) {
      return [this.message(node, 'signedOut', vscode.l10n.t('Signed out — click to sign in'))];
    }
    return this.level(node, 'servers');
  }

  private levelFor(node: ParentNode): Level {
    const existing = this.levels.get(node.id);
    if (existing) return existing;
    const pageSize = () => vscode.workspace.getConfiguration('oktaTokenExplorer').get<number>('pageSize', 50);
    // The first page is asked with the level's parameters (filter, page size); a later page is the URL
    // Okta's next link named, which already carries them.
    const loader = <T>(list: (c: OktaClient) => PagedList<T>): PagedLoader<T> =>
      new PagedLoader<T>(
        async () => pageOf(await list(await this.deps.getClient(node.connectionId)).firstPage()),
        async (url) => pageOf(await list(await this.deps.getClient(node.connectionId)).pageAt(url)),
      );
    let level: Level;
    if (node.kind === 'connection') {
      level = {
        kind: 'servers',
        node,
        loader: loader<AuthorizationServer>((c) =>
          c.listAuthorizationServers({ q: this.serverFilters.get(node.connectionId), limit: pageSize() }),
        ),
      };
    } else if (node.kind === 'server') {
      level = {
        kind: 'clients',
        node,
        loader: loader<OAuth2Client>((c) => c.listClients(node.server.id)),
      };
    } else {
      level = {
        kind: 'tokens',
        node,
        loader: loader<OAuth2RefreshToken>((c) =>
          c.listRefreshTokens(node.authServerId, node.client.client_id, {
            expandScope: false,
            limit: pageSize(),
          }),
        ),
      };
    }
    this.levels.set(node.id, level);
    return level;
  }

  private async level(node: ParentNode, _expect: Level['kind']): Promise<TreeNode[]> {
    const level = this.levelFor(node);
    const before = level.loader.loaded;
    await level.loader.ensureLoaded();
    if (!before && level.loader.loaded) this.cacheChanged.fire();
    if (level.loader.error !== undefined) this.logLoadError(level);
    return this.render(level);
  }

  private render(level: Level): TreeNode[] {
    const out: TreeNode[] = [];
    const parent = level.node;
    let filtered = false;
    if (level.kind === 'servers') {
      const conn = level.node;
      for (const s of level.loader.items) {
        const id = ids.server(conn.connectionId, s.id);
        const n = this.reuse<ServerNode>(id, () => ({
          kind: 'server',
          id,
          connectionId: conn.connectionId,
          server: s,
          parent: conn,
        }));
        n.server = s;
        out.push(n);
      }
      filtered = this.serverFilters.has(conn.connectionId);
    } else if (level.kind === 'clients') {
      const srv = level.node;
      for (const c of level.loader.items) {
        const id = ids.client(srv.connectionId, srv.server.id, c.client_id);
        const n = this.reuse<ClientNode>(id, () => ({
          kind: 'client',
          id,
          connectionId: srv.connectionId,
          authServerId: srv.server.id,
          client: c,
          parent: srv,
        }));
        n.client = c;
        out.push(n);
      }
    } else {
      const cl = level.node;
      const filter = this.tokenFilters.get(cl.id);
      filtered = filter !== undefined;
      for (const t of level.loader.items) {
        if (!matchesTokenFilter(t, filter)) continue;
        const id = ids.token(cl.connectionId, cl.authServerId, cl.client.client_id, t.id);
        const n = this.reuse<TokenNode>(id, () => ({
          kind: 'token',
          id,
          connectionId: cl.connectionId,
          authServerId: cl.authServerId,
          clientId: cl.client.client_id,
          token: t,
          parent: cl,
        }));
        n.token = t;
        out.push(n);
      }
    }
    const err = level.loader.error;
    if (err !== undefined) {
      out.push(
        this.message(
          parent,
          'error',
          this.failedLabel(level.kind),
          this.deps.masker.mask(err instanceof Error ? err.message : String(err)),
        ),
      );
    } else if (level.loader.loaded && out.length === 0) {
      out.push(this.message(parent, 'empty', this.emptyLabel(level.kind, filtered)));
    }
    if (level.loader.hasMore && err === undefined) {
      const id = `${parent.id}/more`;
      const n = this.reuse<LoadMoreNode>(id, () => ({ kind: 'loadMore', id, parent, loading: false }));
      n.loading = level.loader.loading;
      out.push(n);
    }
    return out;
  }

  private failedLabel(kind: Level['kind']): string {
    switch (kind) {
      case 'servers':
        return vscode.l10n.t('Failed to load authorization servers');
      case 'clients':
        return vscode.l10n.t('Failed to load clients');
      case 'tokens':
        return vscode.l10n.t('Failed to load tokens');
    }
  }

  private emptyLabel(kind: Level['kind'], filtered: boolean): string {
    switch (kind) {
      case 'servers':
        return filtered
          ? vscode.l10n.t('No authorization server matches the filter')
          : vscode.l10n.t('No authorization servers');
      case 'clients':
        return vscode.l10n.t('No client holds tokens on this server');
      case 'tokens':
        return filtered
          ? vscode.l10n.t('No loaded token matches the filter')
          : vscode.l10n.t('No refresh tokens');
    }
  }

  private logLoadError(level: Level): void {
    const err = level.loader.error;
    this.deps.log.error(
      `${this.failedLabel(level.kind)} (${level.node.id}): ${this.deps.masker.mask(err instanceof Error ? err.message : String(err))}`,
    );
  }

  private message(
    parent: ParentNode,
    kind: MessageNode['kind'],
    label: string,
    detail?: string,
  ): MessageNode {
    const id = `${parent.id}/${kind}`;
    const n = this.reuse<MessageNode>(id, () => ({ kind, id, parent, label, detail }));
    n.label = label;
    n.detail = detail;
    return n;
  }

  private reuse<T extends TreeNode>(id: string, make: () => T): T {
    const n = this.nodes.get(id);
    if (n) return n as T;
    const created = make();
    this.nodes.set(id, created);
    return created;
  }

  // ---- actions used by commands ----

  /** "Load more": one page at a time; clicks while loading join the running load. */
  async loadMore(node: LoadMoreNode): Promise<void> {
    const level = this.levels.get(node.parent.id);
    if (!level) return;
    const p = level.loader.loadMore();
    this.changed.fire(node.parent);
    await p;
    if (level.loader.error !== undefined) this.logLoadError(level);
    this.cacheChanged.fire();
    this.changed.fire(node.parent);
  }

  async retry(node: MessageNode): Promise<void> {
    const level = this.levels.get(node.parent.id);
    if (!level) {
      this.refresh(node.parent);
      return;
    }
    const p = level.loader.retry();
    this.changed.fire(node.parent);
    await p;
    this.cacheChanged.fire();
    this.changed.fire(node.parent);
  }

  /** Reloads a node's subtree (or everything) from Okta; node ids are stable so expansion is kept. */
  refresh(node?: TreeNode): void {
    if (!node) {
      for (const l of this.levels.values()) l.loader.reset();
      this.levels.clear();
      this.signedIn.clear();
      this.cacheChanged.fire();
      this.changed.fire(undefined);
      return;
    }
    const target =
      node.kind === 'token' ||
      node.kind === 'loadMore' ||
      node.kind === 'error' ||
      node.kind === 'empty' ||
      node.kind === 'signedOut'
        ? node.parent
        : node;
    for (const [key, l] of [...this.levels]) {
      if (key === target.id || key.startsWith(`${target.id}/`)) {
        l.loader.reset();
        this.levels.delete(key);
      }
    }
    if (target.kind === 'connection') this.signedIn.delete(target.connectionId);
    this.cacheChanged.fire();
    this.changed.fire(target.kind === 'connection' ? undefined : target);
  }

  /** Connection-level change (added, removed, renamed, secret changed): re-read the root. */
  connectionsChanged(connectionId?: string): void {
    if (connectionId) {
      this.signedIn.delete(connectionId);
      const prefix = ids.connection(connectionId);
      for (const [key, l] of [...this.levels]) {
        if (key === prefix || key.startsWith(`${prefix}/`)) {
          l.loader.reset();
          this.levels.delete(key);
        }
      }
    } else {
      this.signedIn.clear();
    }
    this.cacheChanged.fire();
    this.changed.fire(undefined);
  }

  /** Shows or clears a per-row busy label ("Revoking…") with a spinner. */
  setBusy(nodes: readonly TokenNode[], label: string | undefined): void {
    for (const n of nodes) {
      if (label) this.busy.set(n.id, label);
      else this.busy.delete(n.id);
      this.changed.fire(n);
    }
  }

  /**
   * Local update after revoking: the listed tokens become REVOKED in place, no reload. After "revoke
   * all" the cursor is kept: Okta still lists revoked tokens, so "Load more" goes on to the pages not yet
   * loaded (which arrive as REVOKED) instead of leaving them unreachable until a manual refresh.
   */
  markRevoked(client: ClientNode, tokenIds: readonly string[] | 'all'): void {
    const level = this.levels.get(client.id);
    if (level?.kind !== 'tokens') return;
    const set = tokenIds === 'all' ? undefined : new Set(tokenIds);
    level.loader.update((items) =>
      items.map((t) => (!set || set.has(t.id) ? { ...t, status: 'REVOKED' } : t)),
    );
    this.cacheChanged.fire();
    this.changed.fire(client);
  }

  /** Replaces one token's data (after a panel refresh) and redraws its row. */
  updateToken(node: TokenNode, token: OAuth2RefreshToken): void {
    const level = this.levels.get(node.parent.id);
    if (level?.kind === 'tokens')
      level.loader.update((items) => items.map((t) => (t.id === token.id ? token : t)));
    node.token = token;
    this.changed.fire(node);
  }

  node(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  /** Loaded tokens of a client node (ignoring filters), for "revoke all" counts and the client panel. */
  loadedTokens(client: ClientNode): readonly OAuth2RefreshToken[] {
    const level = this.levels.get(client.id);
    return level?.kind === 'tokens' ? level.loader.items : [];
  }

  // ---- filters ----

  setServerFilter(connectionId: string, q: string | undefined): void {
    if (q) this.serverFilters.set(connectionId, q);
    else this.serverFilters.delete(connectionId);
    const node = this.nodes.get(ids.connection(connectionId));
    this.filtersChanged.fire();
    if (node) this.refresh(node);
  }

  setTokenFilter(client: ClientNode, filter: TokenFilter | undefined): void {
    if (filter) this.tokenFilters.set(client.id, filter);
    else this.tokenFilters.delete(client.id);
    this.filtersChanged.fire();
    this.changed.fire(client);
  }

  clearFilters(): void {
    const conns = [...this.serverFilters.keys()];
    const clients = [...this.tokenFilters.keys()];
    this.serverFilters.clear();
    this.tokenFilters.clear();
    this.filtersChanged.fire();
    for (const c of conns) {
      const n = this.nodes.get(ids.connection(c));
      if (n) this.refresh(n);
    }
    for (const id of clients) {
      const n = this.nodes.get(id);
      if (n) this.changed.fire(n);
    }
  }

  serverFilter(connectionId: string): string | undefined {
    return this.serverFilters.get(connectionId);
  }

  tokenFilter(client: ClientNode): TokenFilter | undefined {
    return this.tokenFilters.get(client.id);
  }

  /** Text for the view's message line, or undefined when no filter is active. */
  filterSummary(): string | undefined {
    const parts: string[] = [];
    for (const [connectionId, q] of this.serverFilters) {
      const name = this.deps.store.get(connectionId)?.name ?? connectionId;
      parts.push(vscode.l10n.t('servers of {0} matching "{1}"', name, q));
    }
    for (const [id, f] of this.tokenFilters) {
      const n = this.nodes.get(id);
      const name = n?.kind === 'client' ? (n.client.client_name ?? n.client.client_id) : id;
      parts.push(vscode.l10n.t('tokens of {0}: {1}', name, formatTokenFilter(f)));
    }
    return parts.length ? vscode.l10n.t('Filtered: {0}', parts.join('; ')) : undefined;
  }

  // ---- id cache for the query features ----

  readonly idCache: IdCache = {
    onDidChange: this.cacheChanged.event,
    authServers: (connectionId) => {
      const out: CachedAuthServer[] = [];
      for (const l of this.levels.values()) {
        if (l.kind !== 'servers' || (connectionId && l.node.connectionId !== connectionId)) continue;
        for (const s of l.loader.items)
          out.push({ connectionId: l.node.connectionId, id: s.id, name: s.name, issuer: s.issuer });
      }
      return out;
    },
    clients: (connectionId, authServerId) => {
      const out: CachedClient[] = [];
      for (const l of this.levels.values()) {
        if (
          l.kind !== 'clients' ||
          (connectionId && l.node.connectionId !== connectionId) ||
          (authServerId && l.node.server.id !== authServerId)
        )
          continue;
        for (const c of l.loader.items)
          out.push({
            connectionId: l.node.connectionId,
            authServerId: l.node.server.id,
            id: c.client_id,
            name: c.client_name,
          });
      }
      return out;
    },
    tokens: (connectionId, authServerId, clientId) => {
      const out: CachedToken[] = [];
      for (const l of this.levels.values()) {
        if (l.kind !== 'tokens') continue;
        const n = l.node;
        if (
          (connectionId && n.connectionId !== connectionId) ||
          (authServerId && n.authServerId !== authServerId) ||
          (clientId && n.client.client_id !== clientId)
        )
          continue;
        for (const t of l.loader.items) {
          const userName = tokenUserName(t);
          out.push({
            connectionId: n.connectionId,
            authServerId: n.authServerId,
            clientId: n.client.client_id,
            id: t.id,
            userId: t.userId,
            ...(userName ? { userName } : {}),
            status: t.status,
          });
        }
      }
      return out;
    },
  };
}
