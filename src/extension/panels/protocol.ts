// The typed messages between a detail panel's host (extension) and its page (media/*.ts). Shared by both
// sides; no vscode import. The page always speaks first with "ready", and the host sends nothing before
// it, so no message is lost while the page is still loading. Panel state persisted by VS Code holds only
// ids (PanelIds) — never token data — and is used to re-fetch after a reload.

export type PanelKind = 'token' | 'client' | 'server' | 'user';

export interface TokenIds {
  kind: 'token';
  connectionId: string;
  authServerId: string;
  clientId: string;
  tokenId: string;
}
export interface ClientIds {
  kind: 'client';
  connectionId: string;
  authServerId: string;
  clientId: string;
}
export interface ServerIds {
  kind: 'server';
  connectionId: string;
  authServerId: string;
}
export interface UserIds {
  kind: 'user';
  connectionId: string;
  userId: string;
}
export type PanelIds = TokenIds | ClientIds | ServerIds | UserIds;

export interface Field {
  label: string;
  value: string;
  /** Secondary text, e.g. "in 3 days" after an absolute date. */
  note?: string;
  /** Shown on hover, e.g. the exact ISO time behind a local date. */
  title?: string;
}

/**
 * How a column's cells wrap: 'id' (monospace; ids and URLs, which may break anywhere, but only when they
 * do not fit), 'code' (monospace names such as scopes, broken only between words) or 'text' (the default).
 */
export type CellKind = 'id' | 'code' | 'text';

export interface TableView {
  caption: string;
  columns: string[];
  rows: string[][];
  /** Per column (default 'text'). */
  kinds?: CellKind[];
  /** Per column index, what each row sorts by instead of its text (an ISO date under a local one). */
  sortKeys?: Record<number, string[]>;
  /** Per column index, each row's hover text (the exact ISO time under a local one). */
  titles?: Record<number, string[]>;
  /** When set, each row can be opened: the value sent back in an "open" message. */
  rowKeys?: string[];
  empty: string;
}

export interface LinkView {
  rel: string;
  href: string;
  title?: string;
}

export interface ActionView {
  id: string;
  label: string;
  /** Destructive actions are styled apart and disabled when not applicable. */
  destructive?: boolean;
  disabled?: boolean;
}

export interface DetailView {
  ids: PanelIds;
  title: string;
  subtitle?: string;
  /** 'active' | 'revoked' | 'expired' | 'other' for tokens; drives a badge. */
  state?: string;
  stateLabel?: string;
  fields: Field[];
  tables: TableView[];
  links?: { caption: string; items: LinkView[] };
  actions: ActionView[];
  busy?: string;
}

export type HostMessage =
  | { type: 'view'; view: DetailView }
  | { type: 'error'; message: string; retryLabel: string }
  | { type: 'busy'; label: string | undefined };

export type PageMessage =
  { type: 'ready' } | { type: 'action'; action: string } | { type: 'open'; key: string };

export function isPageMessage(v: unknown): v is PageMessage {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (o.type === 'ready') return true;
  if (o.type === 'action') return typeof o.action === 'string';
  if (o.type === 'open') return typeof o.key === 'string';
  return false;
}

export function isPanelIds(v: unknown): v is PanelIds {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  const s = (k: string) => typeof o[k] === 'string' && o[k] !== '';
  if (o.kind === 'user') return s('connectionId') && s('userId');
  if (!s('connectionId') || !s('authServerId')) return false;
  if (o.kind === 'server') return true;
  if (o.kind === 'client') return s('clientId');
  if (o.kind === 'token') return s('clientId') && s('tokenId');
  return false;
}

/** Only the ids out of a page's saved state (which also holds its sort order and scroll position). */
export function panelIdsOf(v: unknown): PanelIds | undefined {
  if (!isPanelIds(v)) return undefined;
  if (v.kind === 'user') return { kind: 'user', connectionId: v.connectionId, userId: v.userId };
  const { connectionId, authServerId } = v;
  if (v.kind === 'server') return { kind: 'server', connectionId, authServerId };
  if (v.kind === 'client') return { kind: 'client', connectionId, authServerId, clientId: v.clientId };
  return { kind: 'token', connectionId, authServerId, clientId: v.clientId, tokenId: v.tokenId };
}

/**
 * What a page keeps with setState: the ids (for VS Code to restore the panel after a reload) and how the
 * person left it — each table's sort and the scroll position — so a page re-created after its tab was
 * hidden looks as it did. Never token data.
 */
export type PageState = PanelIds & {
  sort?: Record<string, { col: number; asc: boolean }>;
  scrollY?: number;
};

export function panelKey(ids: PanelIds): string {
  switch (ids.kind) {
    case 'server':
      return `server/${ids.connectionId}/${ids.authServerId}`;
    case 'client':
      return `client/${ids.connectionId}/${ids.authServerId}/${ids.clientId}`;
    case 'token':
      return `token/${ids.connectionId}/${ids.authServerId}/${ids.clientId}/${ids.tokenId}`;
    case 'user':
      return `user/${ids.connectionId}/${ids.userId}`;
  }
}
