// The tree's node kinds and how each renders as a TreeItem. contextValue encodes kind and state
// (e.g. "oktaToken.active", "oktaConnection.signedOut") so menus in package.json show only what applies.
// Every API value goes into tooltips through MarkdownString.appendText, which escapes markup, and
// tooltips are untrusted (no command links) with HTML and theme icons off (tooltip() below).
import * as vscode from 'vscode';
import type { AuthorizationServer, OAuth2Client, OAuth2RefreshToken } from '../../okta/models';
import type { ConnectionRecord } from '../connections/model';
import {
  dateLine,
  dateText,
  expiryText as formatExpiry,
  serverState,
  statusWord as formatStatus,
  tokenState,
  type ServerState,
  type TokenState,
} from './format';
import { tokenUserName } from './filters';

export interface ConnectionNode {
  kind: 'connection';
  id: string;
  connectionId: string;
  record: ConnectionRecord;
  /** undefined while unknown, false when no secret is stored. */
  signedIn?: boolean;
  parent?: undefined;
}

export interface ServerNode {
  kind: 'server';
  id: string;
  connectionId: string;
  server: AuthorizationServer;
  parent: ConnectionNode;
}

export interface ClientNode {
  kind: 'client';
  id: string;
  connectionId: string;
  authServerId: string;
  client: OAuth2Client;
  parent: ServerNode;
}

export interface TokenNode {
  kind: 'token';
  id: string;
  connectionId: string;
  authServerId: string;
  clientId: string;
  token: OAuth2RefreshToken;
  parent: ClientNode;
}

export type ParentNode = ConnectionNode | ServerNode | ClientNode;

export interface LoadMoreNode {
  kind: 'loadMore';
  id: string;
  parent: ParentNode;
  loading: boolean;
}

export interface MessageNode {
  kind: 'error' | 'empty' | 'signedOut';
  id: string;
  parent: ParentNode;
  label: string;
  detail?: string;
}

export type TreeNode = ConnectionNode | ServerNode | ClientNode | TokenNode | LoadMoreNode | MessageNode;

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
function tooltip(): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

function line(md: vscode.MarkdownString, label: string, value: string | undefined): void {
  if (value === undefined || value === '') return;
  md.appendMarkdown(`**${label}:** `);
  md.appendText(value);
  md.appendMarkdown('  \n');
}

export function toTreeItem(
  node: TreeNode,
  busy: ReadonlyMap<string, string>,
  now = Date.now(),
): vscode.TreeItem {
  const C = vscode.TreeItemCollapsibleState;
  switch (node.kind) {
    case 'connection': {
      const item = new vscode.TreeItem(node.record.name, C.Collapsed);
      item.id = node.id;
      item.description = new URL(node.record.orgUrl).host;
      const signedOut = node.signedIn === false;
      item.iconPath = new vscode.ThemeIcon(signedOut ? 'debug-disconnect' : 'organization');
      item.contextValue = signedOut ? 'oktaConnection.signedOut' : 'oktaConnection.signedIn';
      const md = tooltip();
      line(md, vscode.l10n.t('Connection'), node.record.name);
      line(md, vscode.l10n.t('Org URL'), node.record.orgUrl);
      line(
        md,
        vscode.l10n.t('Credential'),
        node.record.authKind === 'ssws'
          ? vscode.l10n.t('API token')
          : vscode.l10n.t('OAuth service app {0}', node.record.clientId ?? ''),
      );
      if (signedOut) line(md, vscode.l10n.t('State'), vscode.l10n.t('Signed out'));
      item.tooltip = md;
      return item;
    }
    case 'server': {
      const s = node.server;
      const item = new vscode.TreeItem(s.name, C.Collapsed);
      item.id = node.id;
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
    case 'client': {
      const c = node.client;
      const item = new vscode.TreeItem(c.client_name ?? c.client_id, C.Collapsed);
      item.id = node.id;
      item.description = c.client_id;
      item.iconPath = new vscode.ThemeIcon('window');
      item.contextValue = 'oktaClient';
      const md = tooltip();
      line(md, vscode.l10n.t('Client'), c.client_name);
      line(md, vscode.l10n.t('Client ID'), c.client_id);
      item.tooltip = md;
      return item;
    }
    case 'token': {
      const t = node.token;
      const item = new vscode.TreeItem(tokenLabel(t), C.None);
      item.id = node.id;
      const state = tokenState(t, now);
      const busyLabel = busy.get(node.id);
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
      const md = tooltip();
      line(md, vscode.l10n.t('Refresh token'), t.id);
      // The person first, then the id (what the API and .iql files use).
      line(md, vscode.l10n.t('User'), tokenUserName(t));
      line(md, vscode.l10n.t('User ID'), t.userId);
      line(md, vscode.l10n.t('Status'), statusWord(state, t.status));
      const expires = dateText(vscode.l10n, t.expiresAt, now, vscode.env.language);
      line(md, vscode.l10n.t('Expires'), expires ? dateLine(expires) : vscode.l10n.t('no expiry'));
      line(md, vscode.l10n.t('Scopes'), t.scopes.join(' '));
      item.tooltip = md;
      item.command = {
        command: 'oktaTokenExplorer.openToken',
        title: vscode.l10n.t('Open Token Details'),
        arguments: [node],
      };
      return item;
    }
    case 'loadMore': {
      const item = new vscode.TreeItem(
        node.loading ? vscode.l10n.t('Loading more…') : vscode.l10n.t('Load more'),
        C.None,
      );
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon(node.loading ? 'loading~spin' : 'fold-down');
      item.contextValue = 'oktaLoadMore';
      if (!node.loading)
        item.command = {
          command: 'oktaTokenExplorer.loadMore',
          title: vscode.l10n.t('Load more'),
          arguments: [node],
        };
      return item;
    }
    case 'error': {
      const item = new vscode.TreeItem(node.label, C.None);
      item.id = node.id;
      item.description = node.detail;
      item.tooltip = tooltip()
        .appendText(node.detail ?? node.label)
        .appendMarkdown('\n\n')
        .appendText(vscode.l10n.t('Click to retry.'));
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.contextValue = 'oktaError';
      item.command = { command: 'oktaTokenExplorer.retry', title: vscode.l10n.t('Retry'), arguments: [node] };
      return item;
    }
    case 'signedOut': {
      const item = new vscode.TreeItem(node.label, C.None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon('sign-in');
      item.contextValue = 'oktaSignedOut';
      item.command = {
        command: 'oktaTokenExplorer.signIn',
        title: vscode.l10n.t('Sign In'),
        arguments: [node.parent],
      };
      return item;
    }
    case 'empty': {
      const item = new vscode.TreeItem(node.label, C.None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon('info');
      item.contextValue = 'oktaEmpty';
      return item;
    }
  }
}
