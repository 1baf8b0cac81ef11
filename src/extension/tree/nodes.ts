// The tree's nodes as classes. Each level — a connection's authorization servers, a server's clients, a
// client's refresh tokens, and beside the servers the org's users, a user's clients and that user's tokens
// of each — is a ListingNode that owns its list call, its children's ids, its TreeItem and the words of its
// empty and failed rows; the provider (tokenTree.ts) only pages, caches and redraws, and
// never asks which kind a node is. contextValue encodes kind and state (e.g. "oktaToken.active",
// "oktaConnection.signedOut") so menus in package.json show only what applies. Every API value goes into
// tooltips through MarkdownString.appendText, which escapes markup, and tooltips are untrusted (no command
// links) with HTML and theme icons off (tooltip() below).
import * as vscode from 'vscode';
import type { OktaClient, PagedList, TokenPath } from '../../okta';
import type { AuthorizationServer, OAuth2Client, OAuth2RefreshToken, User } from '../../okta/models';
import type { ConnectionRecord } from '../connections/model';
import type { CachedAuthServer, CachedClient, CachedToken } from '../services';
import {
  dateLine,
  dateText,
  expiryText as formatExpiry,
  ids,
  serverState,
  statusWord as formatStatus,
  tokenState,
  type ServerState,
  type TokenState,
} from './format';
import {
  matchesTokenFilter,
  tokenServerId,
  tokenUserName,
  userDisplayName,
  userSearchExpression,
  type TokenFilter,
} from './filters';
import { groupTokens, orderTokens, tokenCountsText, type TokenOrder } from './order';

/** What rendering a row needs beyond the node: busy labels, the time, and what each level has loaded. */
export interface RenderContext {
  busy: ReadonlyMap<string, string>;
  now: number;
  userSearch(connectionId: string): string | undefined;
  /** A listing node's loaded items and whether Okta has more pages; undefined until its first page. */
  loaded(node: ListingNode<unknown>): LoadedItems<unknown> | undefined;
}

export interface LoadedItems<T> {
  items: readonly T[];
  hasMore: boolean;
}

/** What a level needs from the provider to list and to build its rows. */
export interface TreeContext {
  pageSize(): number;
  serverFilter(connectionId: string): string | undefined;
  /** What the user typed into Search Users… for this connection. */
  userSearch(connectionId: string): string | undefined;
  tokenFilter(holderId: string): TokenFilter | undefined;
  /** How tokens are ordered or grouped (remembered per workspace). */
  tokenOrder(): TokenOrder;
  /** The row for `id`, reused across refreshes so expansion and selection survive. */
  reuse<T extends TreeNode>(id: string, make: () => T): T;
}

/** Ids a level adds to the cache the query features read (completion, hovers, quick fixes). */
export interface CacheEntries {
  authServers?: CachedAuthServer[];
  clients?: CachedClient[];
  tokens?: CachedToken[];
}

/** A row whose children come from one paged list call. */
export abstract class ListingNode<T> {
  abstract readonly kind: ParentNode['kind'];
  abstract readonly id: string;
  abstract readonly connectionId: string;
  abstract readonly parent?: TreeNode;
  abstract treeItem(ctx: RenderContext): vscode.TreeItem;
  /** The API list behind this node's children (the first page is asked with the view's options). */
  abstract list(client: OktaClient, ctx: TreeContext): PagedList<T>;
  /** The child rows of the loaded items, after the user's filter. */
  abstract rows(items: readonly T[], ctx: TreeContext): TreeNode[];
  abstract failedLabel(): string;
  abstract emptyLabel(filtered: boolean): string;
  /** Whether a filter of the user's applies (the empty row then says "matches the filter"). */
  filtered(_ctx: TreeContext): boolean {
    return false;
  }
  cached(_items: readonly T[]): CacheEntries {
    return {};
  }
  /** Rows after the list and its "Load more" (a connection's Users row). */
  after(_ctx: TreeContext): TreeNode[] {
    return [];
  }
  /** A row's label shown instead of listing (a signed-out connection's "click to sign in"), if any. */
  instead(): string | undefined {
    return undefined;
  }
}

/** A ListingNode whose children are refresh tokens (a client's, under a server). */
export abstract class TokenHolderNode extends ListingNode<OAuth2RefreshToken> {
  abstract readonly client: OAuth2Client;
  /** The user whose tokens these are, when the level is a user's (the users path). */
  readonly userId?: string;
  /** The server a token of this level came from ('' when the token does not say). */
  abstract authServerIdOf(t: OAuth2RefreshToken): string;
  /** The API path this level's tokens are listed, read and revoked through. */
  abstract tokenPath(t: OAuth2RefreshToken): TokenPath;
  get clientId(): string {
    return this.client.client_id;
  }
  get clientName(): string {
    return this.client.client_name ?? this.client.client_id;
  }
  abstract tokenId(tokenId: string): string;
  /** This node as one of the tree's row types (a token row's parent). */
  protected abstract self(): TokenHolder;
  /** The issuer of the server the tokens come from, when this level knows it. */
  get serverIssuer(): string | undefined {
    return undefined;
  }

  rows(items: readonly OAuth2RefreshToken[], ctx: TreeContext): TreeNode[] {
    const shown = items.filter((t) => matchesTokenFilter(t, ctx.tokenFilter(this.id)));
    const order = ctx.tokenOrder();
    if (order !== 'groupByStatus') return this.tokenRows(orderTokens(shown, order), this.self(), ctx);
    return groupTokens(shown).map(({ state, tokens }) => {
      const g = ctx.reuse(`${this.id}/g/${state}`, () => new TokenGroupNode(this.self(), state));
      g.count = tokens.length;
      return g;
    });
  }

  /** Rows for these tokens under `parent` (this node, or one of its status groups). */
  tokenRows(
    tokens: readonly OAuth2RefreshToken[],
    parent: TokenHolder | TokenGroupNode,
    ctx: TreeContext,
  ): TokenNode[] {
    return tokens.map((t) => {
      const n = ctx.reuse(this.tokenId(t.id), () => new TokenNode(this.self(), t, parent));
      n.token = t;
      n.parent = parent;
      return n;
    });
  }

  override filtered(ctx: TreeContext): boolean {
    return ctx.tokenFilter(this.id) !== undefined;
  }

  failedLabel(): string {
    return vscode.l10n.t('Failed to load tokens');
  }

  emptyLabel(filtered: boolean): string {
    return filtered
      ? vscode.l10n.t('No loaded token matches the filter')
      : vscode.l10n.t('No refresh tokens');
  }

  override cached(items: readonly OAuth2RefreshToken[]): CacheEntries {
    return {
      tokens: items.map((t) => {
        const userName = tokenUserName(t);
        return {
          connectionId: this.connectionId,
          authServerId: this.authServerIdOf(t),
          clientId: this.clientId,
          id: t.id,
          userId: t.userId,
          ...(userName ? { userName } : {}),
          status: t.status,
        };
      }),
    };
  }
}

export class ConnectionNode extends ListingNode<AuthorizationServer> {
  readonly kind = 'connection' as const;
  readonly id: string;
  readonly parent = undefined;
  /** undefined while unknown, false when no secret is stored. */
  signedIn?: boolean;

  constructor(
    readonly connectionId: string,
    public record: ConnectionRecord,
  ) {
    super();
    this.id = ids.connection(connectionId);
  }

  list(client: OktaClient, ctx: TreeContext): PagedList<AuthorizationServer> {
    return client.listAuthorizationServers({ q: ctx.serverFilter(this.connectionId), limit: ctx.pageSize() });
  }

  rows(items: readonly AuthorizationServer[], ctx: TreeContext): TreeNode[] {
    return items.map((s) => {
      const n = ctx.reuse(ids.server(this.connectionId, s.id), () => new ServerNode(this, s));
      n.server = s;
      return n;
    });
  }

  override filtered(ctx: TreeContext): boolean {
    return ctx.serverFilter(this.connectionId) !== undefined;
  }

  override instead(): string | undefined {
    return this.signedIn === false ? vscode.l10n.t('Signed out — click to sign in') : undefined;
  }

  /** Beside the servers, the org's people: one "Users" row after the server list. */
  override after(ctx: TreeContext): TreeNode[] {
    return [ctx.reuse(ids.users(this.connectionId), () => new UsersNode(this))];
  }

  failedLabel(): string {
    return vscode.l10n.t('Failed to load authorization servers');
  }

  emptyLabel(filtered: boolean): string {
    return filtered
      ? vscode.l10n.t('No authorization server matches the filter')
      : vscode.l10n.t('No authorization servers');
  }

  override cached(items: readonly AuthorizationServer[]): CacheEntries {
    return {
      authServers: items.map((s) => ({
        connectionId: this.connectionId,
        id: s.id,
        name: s.name,
        issuer: s.issuer,
      })),
    };
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.record.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.description = new URL(this.record.orgUrl).host;
    const signedOut = this.signedIn === false;
    item.iconPath = new vscode.ThemeIcon(signedOut ? 'debug-disconnect' : 'organization');
    item.contextValue = signedOut ? 'oktaConnection.signedOut' : 'oktaConnection.signedIn';
    const md = tooltip();
    line(md, vscode.l10n.t('Connection'), this.record.name);
    line(md, vscode.l10n.t('Org URL'), this.record.orgUrl);
    line(
      md,
      vscode.l10n.t('Credential'),
      this.record.authKind === 'ssws'
        ? vscode.l10n.t('API token')
        : vscode.l10n.t('OAuth service app {0}', this.record.clientId ?? ''),
    );
    if (signedOut) line(md, vscode.l10n.t('State'), vscode.l10n.t('Signed out'));
    item.tooltip = md;
    return item;
  }
}

export class ServerNode extends ListingNode<OAuth2Client> {
  readonly kind = 'server' as const;
  readonly id: string;
  readonly connectionId: string;

  constructor(
    readonly parent: ConnectionNode,
    public server: AuthorizationServer,
  ) {
    super();
    this.connectionId = parent.connectionId;
    this.id = ids.server(this.connectionId, server.id);
  }

  list(client: OktaClient): PagedList<OAuth2Client> {
    return client.listClients(this.server.id);
  }

  rows(items: readonly OAuth2Client[], ctx: TreeContext): TreeNode[] {
    return items.map((c) => {
      const n = ctx.reuse(
        ids.client(this.connectionId, this.server.id, c.client_id),
        () => new ClientNode(this, c),
      );
      n.client = c;
      return n;
    });
  }

  failedLabel(): string {
    return vscode.l10n.t('Failed to load clients');
  }

  emptyLabel(): string {
    return vscode.l10n.t('No client holds tokens on this server');
  }

  override cached(items: readonly OAuth2Client[]): CacheEntries {
    return {
      clients: items.map((c) => ({
        connectionId: this.connectionId,
        authServerId: this.server.id,
        id: c.client_id,
        name: c.client_name,
      })),
    };
  }

  treeItem(): vscode.TreeItem {
    const s = this.server;
    const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const state = serverState(s.status);
    const inactive = state !== 'active';
    // The id only when it says something the name does not: Okta's "default" server is named "default",
    // and "default default" is what a screen reader read out.
    const parts = [...(inactive ? [statusWord(state, s.status)] : []), ...(s.id !== s.name ? [s.id] : [])];
    item.description = parts.join(' · ');
    item.accessibilityInformation = { label: [s.name, ...parts].join(', ') };
    item.iconPath = new vscode.ThemeIcon(
      'server',
      inactive ? new vscode.ThemeColor('disabledForeground') : undefined,
    );
    item.contextValue = inactive ? 'oktaServer.inactive' : 'oktaServer.active';
    const md = tooltip();
    line(md, vscode.l10n.t('Authorization server'), s.name);
    line(md, vscode.l10n.t('ID'), s.id);
    line(md, vscode.l10n.t('Status'), statusWord(state, s.status));
    line(md, vscode.l10n.t('Issuer'), s.issuer);
    line(md, vscode.l10n.t('Audiences'), s.audiences.join(', '));
    line(md, vscode.l10n.t('Description'), s.description);
    item.tooltip = md;
    return item;
  }
}

export class ClientNode extends TokenHolderNode {
  readonly kind = 'client' as const;
  readonly id: string;
  readonly connectionId: string;
  readonly authServerId: string;

  constructor(
    readonly parent: ServerNode,
    public client: OAuth2Client,
  ) {
    super();
    this.connectionId = parent.connectionId;
    this.authServerId = parent.server.id;
    this.id = ids.client(this.connectionId, this.authServerId, client.client_id);
  }

  tokenId(tokenId: string): string {
    return ids.token(this.connectionId, this.authServerId, this.clientId, tokenId);
  }

  authServerIdOf(_t?: OAuth2RefreshToken): string {
    return this.authServerId;
  }

  tokenPath(_t?: OAuth2RefreshToken): TokenPath {
    return { via: 'server', authServerId: this.authServerId, clientId: this.clientId };
  }

  protected self(): TokenHolder {
    return this;
  }

  override get serverIssuer(): string | undefined {
    return this.parent.server.issuer;
  }

  list(client: OktaClient, ctx: TreeContext): PagedList<OAuth2RefreshToken> {
    return client.listRefreshTokens(this.authServerId, this.clientId, {
      expandScope: false,
      limit: ctx.pageSize(),
    });
  }

  treeItem(ctx: RenderContext): vscode.TreeItem {
    const c = this.client;
    const item = new vscode.TreeItem(c.client_name ?? c.client_id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    // Counts once the tokens are loaded (only what was loaded: "24+" while Okta has more pages).
    const loaded = ctx.loaded(this) as LoadedItems<OAuth2RefreshToken> | undefined;
    const counts = loaded && tokenCountsText(vscode.l10n, loaded.items, loaded.hasMore, ctx.now);
    item.description = counts ? `${counts} · ${c.client_id}` : c.client_id;
    item.iconPath = new vscode.ThemeIcon('window');
    item.contextValue = 'oktaClient';
    const md = tooltip();
    line(md, vscode.l10n.t('Client'), c.client_name);
    line(md, vscode.l10n.t('Client ID'), c.client_id);
    item.tooltip = md;
    return item;
  }
}

export class TokenNode {
  readonly kind = 'token' as const;
  readonly id: string;
  readonly connectionId: string;
  readonly clientId: string;

  constructor(
    /** The client (under its server or its user) whose list this row came from. */
    readonly holder: TokenHolder,
    public token: OAuth2RefreshToken,
    /** The client, or the status group the client's tokens are grouped under. */
    public parent: TokenHolder | TokenGroupNode = holder,
  ) {
    this.connectionId = holder.connectionId;
    this.clientId = holder.clientId;
    this.id = holder.tokenId(token.id);
  }

  get clientName(): string {
    return this.holder.clientName;
  }

  /** The server the token came from (a token listed through its user names it in its links). */
  get authServerId(): string {
    return this.holder.authServerIdOf(this.token);
  }

  /** Where the token is read and revoked: the path it was listed through. */
  get path(): TokenPath {
    return this.holder.tokenPath(this.token);
  }

  /** The level this row was listed by (refreshing the row reloads it). */
  get level(): ParentNode {
    return this.holder;
  }

  treeItem(ctx: RenderContext): vscode.TreeItem {
    const t = this.token;
    const now = ctx.now;
    const item = new vscode.TreeItem(tokenLabel(t), vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const state = tokenState(t, now);
    const busyLabel = ctx.busy.get(this.id);
    item.description = busyLabel ?? tokenDescription(t, now);
    item.iconPath = busyLabel
      ? new vscode.ThemeIcon('loading~spin')
      : state === 'active'
        ? new vscode.ThemeIcon('key', new vscode.ThemeColor('charts.green'))
        : state === 'revoked'
          ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('charts.red'))
          : state === 'expired'
            ? new vscode.ThemeIcon('watch', new vscode.ThemeColor('charts.yellow'))
            : new vscode.ThemeIcon('key');
    item.contextValue = busyLabel ? 'oktaToken.busy' : `oktaToken.${state}`;
    item.accessibilityInformation = { label: `${tokenLabel(t)}, ${item.description}` };
    // No tooltip here: the provider's resolveTreeItem adds it when the row is hovered (tooltipMarkdown).
    item.command = {
      command: 'oktaTokenExplorer.openToken',
      title: vscode.l10n.t('Open Token Details'),
      arguments: [this],
    };
    return item;
  }

  /**
   * The row's tooltip, made only when VS Code asks for it (on hover): with 10,000 tokens listed, every
   * redraw (each "Load more") built and sent one per row, for rows nobody hovers.
   */
  tooltipMarkdown(now = Date.now()): vscode.MarkdownString {
    const t = this.token;
    const state = tokenState(t, now);
    const md = tooltip();
    line(md, vscode.l10n.t('Refresh token'), t.id);
    // The person first, then the id (what the API and .iql files use).
    line(md, vscode.l10n.t('User'), tokenUserName(t));
    line(md, vscode.l10n.t('User ID'), t.userId);
    line(md, vscode.l10n.t('Status'), statusWord(state, t.status));
    const expires = dateText(vscode.l10n, t.expiresAt, now, vscode.env.language);
    line(md, vscode.l10n.t('Expires'), expires ? dateLine(expires) : vscode.l10n.t('no expiry'));
    line(md, vscode.l10n.t('Scopes'), t.scopes.join(' '));
    return md;
  }
}

/** One status's tokens of a client when the view groups tokens by status ("Active", 15). */
export class TokenGroupNode {
  readonly kind = 'tokenGroup' as const;
  readonly id: string;
  count = 0;

  constructor(
    readonly parent: TokenHolder,
    readonly state: TokenState,
  ) {
    this.id = `${parent.id}/g/${state}`;
  }

  get level(): ParentNode {
    return this.parent;
  }

  /** This group's rows out of the client's loaded tokens (after the client's filter). */
  rows(items: readonly OAuth2RefreshToken[], ctx: TreeContext, now = Date.now()): TreeNode[] {
    const shown = items.filter(
      (t) => tokenState(t, now) === this.state && matchesTokenFilter(t, ctx.tokenFilter(this.parent.id)),
    );
    return this.parent.tokenRows(orderTokens(shown, 'expiry', now), this, ctx);
  }

  treeItem(): vscode.TreeItem {
    const word = statusWord(this.state);
    const item = new vscode.TreeItem(word, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = String(this.count);
    item.accessibilityInformation = {
      label:
        this.count === 1
          ? vscode.l10n.t('{0}, 1 token', word)
          : vscode.l10n.t('{0}, {1} tokens', word, this.count),
    };
    item.iconPath = new vscode.ThemeIcon('list-tree');
    item.contextValue = 'oktaTokenGroup';
    return item;
  }
}

export class LoadMoreNode {
  readonly kind = 'loadMore' as const;
  readonly id: string;
  loading = false;

  constructor(readonly parent: ParentNode) {
    this.id = `${parent.id}/more`;
  }

  get level(): ParentNode {
    return this.parent;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(
      this.loading ? vscode.l10n.t('Loading more…') : vscode.l10n.t('Load more'),
      vscode.TreeItemCollapsibleState.None,
    );
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon(this.loading ? 'loading~spin' : 'fold-down');
    item.contextValue = 'oktaLoadMore';
    if (!this.loading)
      item.command = {
        command: 'oktaTokenExplorer.loadMore',
        title: vscode.l10n.t('Load more'),
        arguments: [this],
      };
    return item;
  }
}

/** A row standing for a whole level: its failure (click to retry), its emptiness, or a signed-out org. */
export class MessageNode {
  readonly id: string;

  constructor(
    readonly kind: 'error' | 'empty' | 'signedOut',
    readonly parent: ParentNode,
    public label: string,
    public detail?: string,
  ) {
    this.id = `${parent.id}/${kind}`;
  }

  get level(): ParentNode {
    return this.parent;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    if (this.kind === 'error') {
      item.description = this.detail;
      item.tooltip = tooltip()
        .appendText(this.detail ?? this.label)
        .appendMarkdown('\n\n')
        .appendText(vscode.l10n.t('Click to retry.'));
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.contextValue = 'oktaError';
      item.command = { command: 'oktaTokenExplorer.retry', title: vscode.l10n.t('Retry'), arguments: [this] };
    } else if (this.kind === 'signedOut') {
      item.iconPath = new vscode.ThemeIcon('sign-in');
      item.contextValue = 'oktaSignedOut';
      item.command = {
        command: 'oktaTokenExplorer.signIn',
        title: vscode.l10n.t('Sign In'),
        arguments: [this.parent],
      };
    } else {
      item.iconPath = new vscode.ThemeIcon('info');
      item.contextValue = 'oktaEmpty';
    }
    return item;
  }
}

/** The org's users (found with Okta's user search), beside the authorization servers. */
export class UsersNode extends ListingNode<User> {
  readonly kind = 'users' as const;
  readonly id: string;
  readonly connectionId: string;

  constructor(readonly parent: ConnectionNode) {
    super();
    this.connectionId = parent.connectionId;
    this.id = ids.users(this.connectionId);
  }

  list(client: OktaClient, ctx: TreeContext): PagedList<User> {
    const search = userSearchExpression(ctx.userSearch(this.connectionId) ?? '');
    return client.listUsers({ ...(search ? { search } : {}), limit: ctx.pageSize() });
  }

  rows(items: readonly User[], ctx: TreeContext): TreeNode[] {
    return items.map((u) => {
      const n = ctx.reuse(ids.user(this.connectionId, u.id), () => new UserNode(this, u));
      n.user = u;
      return n;
    });
  }

  override filtered(ctx: TreeContext): boolean {
    return ctx.userSearch(this.connectionId) !== undefined;
  }

  failedLabel(): string {
    return vscode.l10n.t('Failed to load users');
  }

  emptyLabel(filtered: boolean): string {
    return filtered ? vscode.l10n.t('No user matches the search') : vscode.l10n.t('No users');
  }

  treeItem(ctx: RenderContext): vscode.TreeItem {
    const item = new vscode.TreeItem(vscode.l10n.t('Users'), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    // The search in force, on the row itself.
    const search = ctx.userSearch(this.connectionId);
    if (search) item.description = vscode.l10n.t('matching “{0}”', search);
    item.iconPath = new vscode.ThemeIcon('organization');
    item.contextValue = 'oktaUsers';
    item.tooltip = tooltip().appendText(
      vscode.l10n.t(
        'The org’s users: search by name, email or login, then open the clients holding their tokens.',
      ),
    );
    return item;
  }
}

/** One user: the clients holding their tokens (or grants). */
export class UserNode extends ListingNode<OAuth2Client> {
  readonly kind = 'user' as const;
  readonly id: string;
  readonly connectionId: string;

  constructor(
    readonly parent: UsersNode,
    public user: User,
  ) {
    super();
    this.connectionId = parent.connectionId;
    this.id = ids.user(this.connectionId, user.id);
  }

  get name(): string {
    return userDisplayName(this.user);
  }

  list(client: OktaClient): PagedList<OAuth2Client> {
    return client.listUserClients(this.user.id);
  }

  rows(items: readonly OAuth2Client[], ctx: TreeContext): TreeNode[] {
    return items.map((c) => {
      const n = ctx.reuse(
        ids.userClient(this.connectionId, this.user.id, c.client_id),
        () => new UserClientNode(this, c),
      );
      n.client = c;
      return n;
    });
  }

  failedLabel(): string {
    return vscode.l10n.t('Failed to load the user’s clients');
  }

  emptyLabel(): string {
    return vscode.l10n.t('No client holds tokens or grants of this user');
  }

  treeItem(): vscode.TreeItem {
    const u = this.user;
    const item = new vscode.TreeItem(this.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const login = u.profile.login ?? u.profile.email;
    const status =
      u.status && u.status.toUpperCase() !== 'ACTIVE' ? statusWord('other', u.status) : undefined;
    item.description = [status, login].filter(Boolean).join(' · ');
    item.accessibilityInformation = { label: [this.name, status, login].filter(Boolean).join(', ') };
    item.iconPath = new vscode.ThemeIcon('person');
    item.contextValue = 'oktaUser';
    const md = tooltip();
    line(md, vscode.l10n.t('User'), this.name);
    line(md, vscode.l10n.t('Login'), u.profile.login);
    line(md, vscode.l10n.t('Email'), u.profile.email);
    line(md, vscode.l10n.t('Status'), u.status ? statusWord('other', u.status) : undefined);
    line(md, vscode.l10n.t('User ID'), u.id);
    item.tooltip = md;
    return item;
  }
}

/** A client holding tokens of one user: that user's refresh tokens for it (on any of its servers). */
export class UserClientNode extends TokenHolderNode {
  readonly kind = 'userClient' as const;
  readonly id: string;
  readonly connectionId: string;
  override readonly userId: string;

  constructor(
    readonly parent: UserNode,
    public client: OAuth2Client,
  ) {
    super();
    this.connectionId = parent.connectionId;
    this.userId = parent.user.id;
    this.id = ids.userClient(this.connectionId, this.userId, client.client_id);
  }

  tokenId(tokenId: string): string {
    return ids.userToken(this.connectionId, this.userId, this.clientId, tokenId);
  }

  authServerIdOf(t: OAuth2RefreshToken): string {
    return tokenServerId(t) ?? '';
  }

  tokenPath(_t?: OAuth2RefreshToken): TokenPath {
    return { via: 'user', userId: this.userId, clientId: this.clientId };
  }

  protected self(): TokenHolder {
    return this;
  }

  list(client: OktaClient, ctx: TreeContext): PagedList<OAuth2RefreshToken> {
    return client.listUserRefreshTokens(this.userId, this.clientId, {
      expandScope: false,
      limit: ctx.pageSize(),
    });
  }

  treeItem(ctx: RenderContext): vscode.TreeItem {
    const c = this.client;
    const item = new vscode.TreeItem(c.client_name ?? c.client_id, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    const loaded = ctx.loaded(this) as LoadedItems<OAuth2RefreshToken> | undefined;
    const counts = loaded && tokenCountsText(vscode.l10n, loaded.items, loaded.hasMore, ctx.now);
    item.description = counts ? `${counts} · ${c.client_id}` : c.client_id;
    item.iconPath = new vscode.ThemeIcon('window');
    item.contextValue = 'oktaUserClient';
    const md = tooltip();
    line(md, vscode.l10n.t('Client'), c.client_name);
    line(md, vscode.l10n.t('Client ID'), c.client_id);
    line(md, vscode.l10n.t('User'), this.parent.name);
    item.tooltip = md;
    return item;
  }
}

/** The levels whose children are refresh tokens. */
export type TokenHolder = ClientNode | UserClientNode;

export function isTokenHolder(n: unknown): n is TokenHolder {
  return n instanceof TokenHolderNode;
}

export type ParentNode = ConnectionNode | ServerNode | ClientNode | UsersNode | UserNode | UserClientNode;

export type TreeNode = ParentNode | TokenNode | TokenGroupNode | LoadMoreNode | MessageNode;

/** A token row is named by its user: the name Okta gives the user link, else the user id. */
export function tokenLabel(t: OAuth2RefreshToken): string {
  return tokenUserName(t) ?? t.userId ?? t.id;
}

/** The status word of a token or server (format.ts decides it for the tree and every panel alike). */
export function statusWord(state: TokenState | ServerState, raw?: string): string {
  return formatStatus(vscode.l10n, state, raw);
}

export function expiryText(t: OAuth2RefreshToken, now = Date.now()): string {
  return formatExpiry(vscode.l10n, t, now, vscode.env.language);
}

export function tokenDescription(t: OAuth2RefreshToken, now = Date.now()): string {
  const state = tokenState(t, now);
  const parts = [statusWord(state, t.status)];
  if (state !== 'revoked') parts.push(expiryText(t, now));
  parts.push(t.scopes.length === 1 ? vscode.l10n.t('1 scope') : vscode.l10n.t('{0} scopes', t.scopes.length));
  return parts.join(' · ');
}

/**
 * An empty tooltip that can only show text: not trusted (no command: links), no raw HTML, no $(icon)
 * syntax — so even a value that slipped past appendText could not run a command or load markup.
 */
export function tooltip(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

export function line(md: vscode.MarkdownString, label: string, value: string | undefined): void {
  if (value === undefined || value === '') return;
  md.appendMarkdown(`**${label}:** `);
  md.appendText(value);
  md.appendMarkdown('  \n');
}
