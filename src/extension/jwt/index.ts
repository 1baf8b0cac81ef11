// Tokens in any file: a hover in every language (oktaTokenExplorer.jwtHover.languages limits which)
// that decodes a JWT and gives its verdict, and names Okta ids (aus…, 0oa…, 00u…, oar…) with a link
// that reveals them in the tree; the "Decode and Verify Token…" command and its panel. No diagnostics:
// nothing is drawn in the user's code. Tokens are never logged, stored or put into webview state.
import * as vscode from 'vscode';
import { jwtAt, oktaIdAt } from '../../okta/jwt/decode';
import type { ExtensionServices } from '../services';
import { ids } from '../tree/format';
import type { TreeNode } from '../tree/nodes';
import type { TokenTreeProvider } from '../tree/tokenTree';
import {
  idHoverMarkdown,
  REVEAL_COMMAND,
  tokenHoverMarkdown,
  unreadableTokenMarkdown,
} from './hoverMarkdown';
import { JwtService, type RevealTarget, type TokenReport } from './jwtService';
import { tokenPanelHtml } from './panelHtml';

export const DECODE_COMMAND = 'oktaTokenExplorer.decodeToken';
const PANEL_VIEW_TYPE = 'oktaTokenExplorer.jwtPanel';
/** Lines longer than this (minified bundles) are not searched for tokens. */
const MAX_LINE = 1_000_000;

export interface JwtFeatureDeps {
  services: Pick<ExtensionServices, 'listConnections' | 'onDidChangeConnections' | 'getClient' | 'idCache'>;
  tree: TokenTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  extensionUri: vscode.Uri;
}

export interface JwtFeatures extends vscode.Disposable {
  readonly service: JwtService;
}

function hoverEnabledFor(languageId: string): boolean {
  const langs = vscode.workspace
    .getConfiguration('oktaTokenExplorer')
    .get<unknown>('jwtHover.languages', ['*']);
  if (!Array.isArray(langs)) return true;
  return langs.includes('*') || langs.includes(languageId);
}

function markdown(value: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value, true);
  // Only our own reveal links may run; anything else in the text is escaped or fenced (hoverMarkdown.ts).
  md.isTrusted = { enabledCommands: [REVEAL_COMMAND] };
  md.supportHtml = false;
  return md;
}

function signalOf(token: vscode.CancellationToken): AbortSignal {
  const ac = new AbortController();
  if (token.isCancellationRequested) ac.abort();
  else token.onCancellationRequested(() => ac.abort());
  return ac.signal;
}

export function registerJwtFeatures(deps: JwtFeatureDeps): JwtFeatures {
  const service = new JwtService(deps.services);
  const opts = () => ({ now: Date.now(), locale: vscode.env.language });
  let panel: vscode.WebviewPanel | undefined;

  const hover = vscode.languages.registerHoverProvider('*', {
    async provideHover(doc, pos, cancel) {
      if (!hoverEnabledFor(doc.languageId)) return undefined;
      const line = doc.lineAt(pos.line).text;
      if (line.length > MAX_LINE) return undefined;
      const jwt = jwtAt(line, pos.character);
      const range = (start: number, end: number) => new vscode.Range(pos.line, start, pos.line, end);
      if (jwt) {
        const r = await service.inspectToken(jwt.text, { signal: signalOf(cancel), lookups: true });
        const md = r.ok
          ? tokenHoverMarkdown(vscode.l10n, r.report, opts())
          : unreadableTokenMarkdown(vscode.l10n, r.reason);
        return new vscode.Hover(markdown(md), range(jwt.start, jwt.end));
      }
      // In .iql files the language server already names ids (with the query's own context).
      if (doc.languageId === 'stackql') return undefined;
      const id = oktaIdAt(line, pos.character);
      if (!id) return undefined;
      const info = await service.describe(id.text, id.value);
      return new vscode.Hover(markdown(idHoverMarkdown(vscode.l10n, info)), range(id.start, id.end));
    },
  });

  const showPanel = (report: TokenReport) => {
    const mediaRoot = vscode.Uri.joinPath(deps.extensionUri, 'media');
    if (!panel) {
      panel = vscode.window.createWebviewPanel(
        PANEL_VIEW_TYPE,
        vscode.l10n.t('Decoded token'),
        vscode.ViewColumn.Beside,
        {
          enableScripts: false,
          enableCommandUris: [REVEAL_COMMAND],
          enableFindWidget: true,
          localResourceRoots: [mediaRoot],
        },
      );
      panel.onDidDispose(() => (panel = undefined));
    }
    const styleUri = panel.webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'panel.css')).toString();
    panel.webview.html = tokenPanelHtml(vscode.l10n, report, {
      cspSource: panel.webview.cspSource,
      styleUri,
      lang: vscode.env.language,
      ...opts(),
    });
    panel.reveal();
  };

  const decode = vscode.commands.registerCommand(DECODE_COMMAND, async (given?: unknown) => {
    let text = typeof given === 'string' ? given : undefined;
    const editor = vscode.window.activeTextEditor;
    if (!text && editor) {
      const sel = editor.document.getText(editor.selection).trim();
      if (sel) text = sel;
      else {
        const at = editor.selection.active;
        text = jwtAt(editor.document.lineAt(at.line).text, at.character)?.text;
      }
    }
    if (!text) {
      const clip = (await vscode.env.clipboard.readText()).trim();
      if (/^(Bearer\s+)?eyJ[\w-]+\.[\w-]+\.[\w-]*$/.test(clip)) text = clip;
    }
    if (!text) {
      text = await vscode.window.showInputBox({
        title: vscode.l10n.t('Decode and Verify Token'),
        prompt: vscode.l10n.t(
          'Paste a JWT (an access or ID token). It is checked here and sent nowhere but to its own org.',
        ),
        password: true,
        ignoreFocusOut: true,
      });
      if (!text) return;
    }
    text = text
      .trim()
      .replace(/^(Bearer|DPoP)\s+/i, '')
      .replace(/^["']|["']$/g, '');
    const r = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Verifying token…') },
      () => service.inspectToken(text!, { lookups: true }),
    );
    if (!r.ok) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Not a readable JWT: {0}', r.reason));
      return;
    }
    showPanel(r.report);
  });

  const reveal = vscode.commands.registerCommand(REVEAL_COMMAND, async (target?: RevealTarget) => {
    if (!target || typeof target !== 'object' || typeof target.id !== 'string') return;
    const node = await findInTree(deps.tree, target);
    if (!node) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          '{0} is not in the tree: it may be on a page not loaded yet, hidden by a filter, or no longer listed.',
          target.id,
        ),
      );
      return;
    }
    await vscode.commands.executeCommand('workbench.view.extension.oktaTokenExplorer');
    await deps.treeView.reveal(node, { select: true, focus: true, expand: target.kind !== 'token' });
  });

  const changed = deps.services.onDidChangeConnections(() => service.reset());
  return {
    service,
    dispose() {
      for (const d of [hover, decode, reveal, changed]) d.dispose();
      panel?.dispose();
    },
  };
}

/** Loads the tree down to the object (connection → server → client → token) and returns its node. */
async function findInTree(tree: TokenTreeProvider, t: RevealTarget): Promise<TreeNode | undefined> {
  const c = t.connectionId;
  await tree.getChildren();
  const conn = tree.node(ids.connection(c));
  if (!conn) return undefined;
  if (t.kind === 'user') {
    // Users are listed under the connection's Users row (its first pages, as loaded).
    await tree.getChildren(conn);
    const users = tree.node(ids.users(c));
    if (!users) return undefined;
    await tree.getChildren(users);
    return tree.node(ids.user(c, t.id));
  }
  const serverId = t.kind === 'server' ? t.id : t.serverId;
  if (!serverId) return undefined;
  await tree.getChildren(conn);
  const server = tree.node(ids.server(c, serverId));
  if (!server || t.kind === 'server') return server;
  const clientId = t.kind === 'client' ? t.id : t.clientId;
  if (!clientId) return undefined;
  await tree.getChildren(server);
  const client = tree.node(ids.client(c, serverId, clientId));
  if (!client || t.kind === 'client') return client;
  await tree.getChildren(client);
  return tree.node(ids.token(c, serverId, clientId, t.id));
}
