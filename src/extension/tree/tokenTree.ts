// The "Okta Tokens" tree: connection → authorization servers → clients holding tokens → refresh tokens, and
// connection → Users → a user → the clients holding their tokens → those tokens.
// Each level is a ListingNode (nodes.ts) that says what to list and how its rows look; this provider pages
// each one through a PagedLoader keyed by the node's stable id, turns failures and empty lists into rows
// inside the tree (never toasts), and reuses node objects by id so refreshing a node keeps the expansion
// state and so onDidChangeTreeData can target a single row.
import * as vscode from 'vscode';
import type { OktaClient } from '../../okta';
import type { OAuth2RefreshToken } from '../../okta/models';
import type { ConnectionStore } from '../connections/connectionStore';
import type { SecretStore } from '../connections/secretStore';
import type { Masker } from '../logging';
import type { IdCache } from '../services';
import { formatTokenFilter, type TokenFilter } from './filters';
import { atOrUnder, ids } from './format';
import { HiddenLists } from './hiddenLists';
import { PagedLoader, type Page } from './loadMore';
import { isTokenOrder, type TokenOrder } from './order';
import {
  ConnectionNode,
  ListingNode,
  LoadMoreNode,
  MessageNode,
  TokenGroupNode,
  isTokenHolder,
  type CacheEntries,
  type ParentNode,
  type RenderContext,
  type TokenHolder,
  type TokenNode,
  type TreeContext,
  type TreeNode,
} from './nodes';

/** One listing node's pager. */
interface Level {
  node: ListingNode<unknown>;
  loader: PagedLoader<unknown>;
}

export interface TreeDeps {
  store: ConnectionStore;
  secrets: SecretStore;
  getClient(connectionId: string): Promise<OktaClient>;
  log: vscode.LogOutputChannel;
  masker: Masker;
  /** Where the token order is remembered (the workspace's state). */
  workspaceState?: vscode.Memento;
}

const ORDER_KEY = 'oktaTokenExplorer.tokenOrder';

export interface TreeCacheStats {
  /** Row objects kept by id (every kind). */
  rows: number;
  tokenRows: number;
  /** Levels with a pager (loaded, loading or failed). */
  levels: number;
  /** Clients whose token list is loaded, and the tokens those lists hold. */
  tokenLists: number;
  loadedTokens: number;
  /** Items of every loaded level (servers, clients, users and tokens). */
  loadedItems: number;
}

function pageOf<T>(p: { items: T[]; nextUrl?: string }): Page<T> {
  return { items: p.items, nextUrl: p.nextUrl };
}

function isListing(node: TreeNode): node is ParentNode {
  return node instanceof ListingNode;
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
  private readonly userSearches = new Map<string, string>();
  private readonly tokenFilters = new Map<string, TokenFilter>();
  /** Token lists of collapsed clients, dropped beyond the keepCollapsedTokens setting. */
  private readonly hiddenLists = new HiddenLists(() =>
    vscode.workspace.getConfiguration('oktaTokenExplorer').get<number>('tree.keepCollapsedTokens', 2000),
  );

  /** What the levels read: settings, the user's filters, and the reused rows. */
  private readonly ctx: TreeContext = {
    pageSize: () => vscode.workspace.getConfiguration('oktaTokenExplorer').get<number>('pageSize', 50),
    serverFilter: (connectionId) => this.serverFilters.get(connectionId),
    userSearch: (connectionId) => this.userSearches.get(connectionId),
    tokenFilter: (holderId) => this.tokenFilters.get(holderId),
    tokenOrder: () => this.tokenOrder(),
    reuse: (id, make) => this.reuse(id, make),
  };

  constructor(private readonly deps: TreeDeps) {}

  dispose(): void {
    this.changed.dispose();
    this.cacheChanged.dispose();
    this.filtersChanged.dispose();
  }

  // ---- TreeDataProvider ----

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.treeItem(this.renderContext());
  }

  /** A token row gets its tooltip when hovered (see TokenNode.tooltipMarkdown). */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    if (node.kind === 'token' && item.tooltip === undefined) item.tooltip = node.tooltipMarkdown();
    return item;
  }

  private renderContext(): RenderContext {
    return {
      busy: this.busy,
      now: Date.now(),
      userSearch: (connectionId) => this.userSearches.get(connectionId),
      loaded: (node) => {
        const l = this.levels.get(node.id);
        return l?.loader.loaded ? { items: l.loader.items, hasMore: l.loader.hasMore } : undefined;
      },
    };
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    try {
      if (!node) return await this.connections();
      if (node instanceof TokenGroupNode) return node.rows(this.loadedTokens(node.parent), this.ctx);
      if (!isListing(node)) return [];
      const instead = node.instead();
      if (instead !== undefined) return [this.message(node, 'signedOut', instead)];
      return await this.level(node);
    } catch (err) {
      // Anything unexpected still becomes a row, never a toast.
      this.deps.log.error(`Tree: ${this.deps.masker.mask(err instanceof Error ? err.message : String(err))}`);
      if (!node || !isListing(node)) return [];
      return [
        this.message(
          node,
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
      const node = this.reuse(ids.connection(record.id), () => new ConnectionNode(record.id, record));
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

  private levelFor(node: ParentNode): Level {
    const existing = this.levels.get(node.id);
    if (existing) return existing;
    const listing = node as ListingNode<unknown>;
    // The first page is asked with the level's parameters (filter, page size); a later page is the URL
    // Okta's next link named, which already carries them.
    const list = async () => listing.list(await this.deps.getClient(node.connectionId), this.ctx);
    const level: Level = {
      node: listing,
      loader: new PagedLoader<unknown>(
        async () => pageOf(await (await list()).firstPage()),
        async (url) => pageOf(await (await list()).pageAt(url)),
      ),
    };
    this.levels.set(node.id, level);
    return level;
  }

  private async level(node: ParentNode): Promise<TreeNode[]> {
    // Asked for its children: the row is on screen, so its list is not a collapsed one.
    if (isTokenHolder(node)) this.hiddenLists.listed(node.id);
    const level = this.levelFor(node);
    const before = level.loader.loaded;
    await level.loader.ensureLoaded();
    if (!before && level.loader.loaded) {
      this.cacheChanged.fire();
      // A client's row counts its tokens once they are loaded.
      if (isTokenHolder(node)) this.changed.fire(node);
    }
    if (level.loader.error !== undefined) this.logLoadError(level);
    return this.render(node, level);
  }

  private render(parent: ParentNode, level: Level): TreeNode[] {
    return [...this.listRows(parent, level), ...level.node.after(this.ctx)];
  }

  private listRows(parent: ParentNode, level: Level): TreeNode[] {
    const out = level.node.rows(level.loader.items, this.ctx);
    const err = level.loader.error;
    if (err !== undefined) {
      out.push(
        this.message(
          parent,
          'error',
          level.node.failedLabel(),
          this.deps.masker.mask(err instanceof Error ? err.message : String(err)),
        ),
      );
    } else if (level.loader.loaded && out.length === 0) {
      out.push(this.message(parent, 'empty', level.node.emptyLabel(level.node.filtered(this.ctx))));
    }
    if (level.loader.hasMore && err === undefined) {
      const n = this.reuse(`${parent.id}/more`, () => new LoadMoreNode(parent));
      n.loading = level.loader.loading;
      out.push(n);
    }
    return out;
  }

  private logLoadError(level: Level): void {
    const err = level.loader.error;
    this.deps.log.error(
      `${level.node.failedLabel()} (${level.node.id}): ${this.deps.masker.mask(err instanceof Error ? err.message : String(err))}`,
    );
  }

  private message(
    parent: ParentNode,
    kind: MessageNode['kind'],
    label: string,
    detail?: string,
  ): MessageNode {
    const n = this.reuse(`${parent.id}/${kind}`, () => new MessageNode(kind, parent, label, detail));
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
      this.dropLevels([...this.levels.keys()]);
      this.signedIn.clear();
      this.cacheChanged.fire();
      this.changed.fire(undefined);
      return;
    }
    // A leaf reloads the level it belongs to.
    const target: ParentNode = isListing(node) ? node : node.level;
    this.dropLevels([...this.levels.keys()].filter((k) => atOrUnder(k, target.id)));
    // A connection's own row may change too (signed in or out): read its secret again, redraw the root.
    const isRoot = target.parent === undefined;
    if (isRoot) this.signedIn.delete(target.connectionId);
    this.cacheChanged.fire();
    this.changed.fire(isRoot ? undefined : target);
  }

  /**
   * Forgets these levels' lists and the rows made from them (tokens, status groups, "Load more" and
   * message rows); listing rows (connections, servers, clients, users) are kept by id so that events for
   * them still reach the view. A level listed again gets new rows.
   */
  private dropLevels(keys: readonly string[]): void {
    const dropped = new Set<string>();
    for (const key of keys) {
      const l = this.levels.get(key);
      if (!l) continue;
      l.loader.reset();
      this.levels.delete(key);
      this.hiddenLists.forget(key);
      dropped.add(key);
    }
    if (dropped.size === 0) return;
    for (const [id, n] of this.nodes) {
      if (isListing(n)) continue;
      const owner = n.kind === 'token' ? n.holder : n.parent;
      if (dropped.has(owner.id)) this.nodes.delete(id);
    }
  }

  /** The view expanded a row (lists under it may be on screen again). */
  expanded(node: TreeNode): void {
    this.hiddenLists.expand(node.id);
  }

  /**
   * The view collapsed a row: the token lists below it are hidden, and the ones hidden longest are
   * dropped while hidden lists hold more tokens than the keepCollapsedTokens setting allows. A dropped
   * client's row loses its counts; expanding it lists its first page afresh.
   */
  collapsed(node: TreeNode): void {
    const held = new Map<string, number>();
    for (const [key, l] of this.levels)
      if (isTokenHolder(l.node) && l.loader.loaded) held.set(key, l.loader.items.length);
    const drop = this.hiddenLists.collapse(node.id, held);
    if (drop.length === 0) return;
    const rows = drop.map((k) => this.levels.get(k)!.node);
    this.dropLevels(drop);
    this.cacheChanged.fire();
    // The view forgets the rows it had for them and asks again on the next expand.
    for (const r of rows) this.changed.fire(r as TreeNode);
  }

  /** Connection-level change (added, removed, renamed, secret changed): re-read the root. */
  connectionsChanged(connectionId?: string): void {
    if (connectionId) {
      this.signedIn.delete(connectionId);
      const prefix = ids.connection(connectionId);
      this.dropLevels([...this.levels.keys()].filter((k) => atOrUnder(k, prefix)));
    } else {
      this.signedIn.clear();
      // A removed connection's lists and rows go with it (they were kept until the window closed).
      const kept = this.deps.store.list().map((r) => ids.connection(r.id));
      const gone = (id: string) => !kept.some((c) => atOrUnder(id, c));
      this.dropLevels([...this.levels.keys()].filter(gone));
      for (const id of [...this.nodes.keys()]) if (gone(id)) this.nodes.delete(id);
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
   * Local update after revoking: the listed tokens become REVOKED in place, no reload — in every loaded
   * level of the connection, so a token revoked through its user shows REVOKED under its server too, and
   * the other way round. After "revoke all" the cursor is kept: Okta still lists revoked tokens, so "Load
   * more" goes on to the pages not yet loaded (which arrive as REVOKED) instead of leaving them unreachable
   * until a manual refresh. With 'all', every token of the client — on one server, of one user, or (an
   * app's revoke-all, which names neither) on every server.
   */
  markRevoked(
    client: { connectionId: string; clientId: string; authServerId?: string; userId?: string },
    tokenIds: readonly string[] | 'all',
  ): void {
    const set = tokenIds === 'all' ? undefined : new Set(tokenIds);
    this.markWhere(client.connectionId, (t, holder) =>
      set
        ? set.has(t.id)
        : holder.clientId === client.clientId &&
          (client.authServerId === undefined || holder.authServerIdOf(t) === client.authServerId) &&
          (client.userId === undefined || t.userId === client.userId),
    );
  }

  private markWhere(
    connectionId: string,
    revoked: (t: OAuth2RefreshToken, holder: TokenHolder) => boolean,
  ): void {
    for (const l of this.levels.values()) {
      const holder = l.node;
      if (!isTokenHolder(holder) || holder.connectionId !== connectionId) continue;
      let changed = false;
      l.loader.update((items) =>
        (items as OAuth2RefreshToken[]).map((t) => {
          if (t.status === 'REVOKED' || !revoked(t, holder)) return t;
          changed = true;
          return { ...t, status: 'REVOKED' };
        }),
      );
      if (changed) this.changed.fire(holder);
    }
    this.cacheChanged.fire();
  }

  /** Every row showing this token (through its server, its user, or both). */
  tokenNodes(connectionId: string, tokenId: string): TokenNode[] {
    return [...this.nodes.values()].filter(
      (n): n is TokenNode => n.kind === 'token' && n.connectionId === connectionId && n.token.id === tokenId,
    );
  }

  /** Replaces one token's data (after a panel refresh) and redraws its row. */
  updateToken(node: TokenNode, token: OAuth2RefreshToken): void {
    const level = this.levels.get(node.holder.id);
    if (level)
      level.loader.update((items) =>
        (items as OAuth2RefreshToken[]).map((t) => (t.id === token.id ? token : t)),
      );
    node.token = token;
    this.changed.fire(node);
  }

  node(id: string): TreeNode | undefined {
    return this.nodes.get(id);
  }

  /** What the tree holds now: rows kept by id and the loaded levels (for the test API and bench:host). */
  cacheStats(): TreeCacheStats {
    let tokenRows = 0;
    for (const n of this.nodes.values()) if (n.kind === 'token') tokenRows++;
    let tokenLists = 0;
    let loadedTokens = 0;
    let loadedItems = 0;
    for (const l of this.levels.values()) {
      loadedItems += l.loader.items.length;
      if (!isTokenHolder(l.node) || !l.loader.loaded) continue;
      tokenLists++;
      loadedTokens += l.loader.items.length;
    }
    return {
      rows: this.nodes.size,
      tokenRows,
      levels: this.levels.size,
      tokenLists,
      loadedTokens,
      loadedItems,
    };
  }

  /** Loaded tokens of a client node (ignoring filters), for "revoke all" counts and the client panel. */
  loadedTokens(client: TokenHolder): readonly OAuth2RefreshToken[] {
    const level = this.levels.get(client.id);
    return level ? (level.loader.items as OAuth2RefreshToken[]) : [];
  }

  // ---- token order ----

  tokenOrder(): TokenOrder {
    const v = this.deps.workspaceState?.get<unknown>(ORDER_KEY);
    return isTokenOrder(v) ? v : 'listed';
  }

  /** Orders (or groups) every client's tokens; remembered for this workspace. */
  async setTokenOrder(order: TokenOrder): Promise<void> {
    await this.deps.workspaceState?.update(ORDER_KEY, order === 'listed' ? undefined : order);
    for (const l of this.levels.values()) if (isTokenHolder(l.node)) this.changed.fire(l.node);
  }

  // ---- user search ----

  /** Finds users by name, email or login (Okta's user search); empty text lists every user again. */
  setUserSearch(connectionId: string, text: string | undefined): void {
    if (text) this.userSearches.set(connectionId, text);
    else this.userSearches.delete(connectionId);
    this.filtersChanged.fire();
    const node = this.nodes.get(ids.users(connectionId));
    if (node) {
      this.refresh(node);
      // The Users row shows the search in force.
      this.changed.fire(node);
    }
  }

  userSearch(connectionId: string): string | undefined {
    return this.userSearches.get(connectionId);
  }

  // ---- filters ----

  setServerFilter(connectionId: string, q: string | undefined): void {
    if (q) this.serverFilters.set(connectionId, q);
    else this.serverFilters.delete(connectionId);
    const node = this.nodes.get(ids.connection(connectionId));
    this.filtersChanged.fire();
    if (node) this.refresh(node);
  }

  setTokenFilter(client: TokenHolder, filter: TokenFilter | undefined): void {
    if (filter) this.tokenFilters.set(client.id, filter);
    else this.tokenFilters.delete(client.id);
    this.filtersChanged.fire();
    this.changed.fire(client);
  }

  clearFilters(): void {
    const conns = [...this.serverFilters.keys()];
    const clients = [...this.tokenFilters.keys()];
    const searched = [...this.userSearches.keys()];
    this.serverFilters.clear();
    this.tokenFilters.clear();
    this.userSearches.clear();
    for (const c of searched) {
      const n = this.nodes.get(ids.users(c));
      if (n) this.refresh(n);
    }
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

  tokenFilter(client: TokenHolder): TokenFilter | undefined {
    return this.tokenFilters.get(client.id);
  }

  /** Text for the view's message line, or undefined when no filter is active. */
  filterSummary(): string | undefined {
    const parts: string[] = [];
    for (const [connectionId, q] of this.serverFilters) {
      const name = this.deps.store.get(connectionId)?.name ?? connectionId;
      parts.push(vscode.l10n.t('servers of {0} matching "{1}"', name, q));
    }
    for (const [connectionId, q] of this.userSearches) {
      const name = this.deps.store.get(connectionId)?.name ?? connectionId;
      parts.push(vscode.l10n.t('users of {0} matching "{1}"', name, q));
    }
    for (const [id, f] of this.tokenFilters) {
      const n = this.nodes.get(id);
      const name = isTokenHolder(n) ? n.clientName : id;
      parts.push(vscode.l10n.t('tokens of {0}: {1}', name, formatTokenFilter(f)));
    }
    return parts.length ? vscode.l10n.t('Filtered: {0}', parts.join('; ')) : undefined;
  }

  // ---- id cache for the query features ----

  /** Every level's ids, as each level reports them (only what was loaded). */
  private cacheEntries(): CacheEntries[] {
    return [...this.levels.values()].map((l) => l.node.cached(l.loader.items));
  }

  readonly idCache: IdCache = {
    onDidChange: this.cacheChanged.event,
    authServers: (connectionId) =>
      this.cacheEntries()
        .flatMap((e) => e.authServers ?? [])
        .filter((s) => !connectionId || s.connectionId === connectionId),
    clients: (connectionId, authServerId) =>
      this.cacheEntries()
        .flatMap((e) => e.clients ?? [])
        .filter(
          (c) =>
            (!connectionId || c.connectionId === connectionId) &&
            (!authServerId || c.authServerId === authServerId),
        ),
    tokens: (connectionId, authServerId, clientId) =>
      this.cacheEntries()
        .flatMap((e) => e.tokens ?? [])
        .filter(
          (t) =>
            (!connectionId || t.connectionId === connectionId) &&
            (!authServerId || t.authServerId === authServerId) &&
            (!clientId || t.clientId === clientId),
        ),
  };
}
