// Registers everything the `.iql` query language adds to the extension: the language client (server
// over IPC), the Run commands (statement under cursor / code lens, selection, file), the results
// panel, and "Open as Query" on tree nodes. Called once from activate() with the shared services;
// returns the results panel's state and export for the test API only (never as commands).
import * as vscode from 'vscode';
import { RUN_STATEMENT_COMMAND, LANGUAGE_ID } from '../../server/protocol';
import type { ExtensionServices } from '../services';
import { lazyBundle } from '../lazyBundle';
import type { OAuth2RefreshToken, User } from '../../okta/models';
import { tokenUserName, userDisplayName } from '../tree/filters';
import { openAsQueryText, userTokensQueryText } from './openAsQuery';
import { ResultsPanel } from './resultsPanel';
import type { ResultPayload } from './resultsProtocol';
import { QueryRunner } from './runner';

interface NodeLike {
  kind?: string;
  connectionId?: string;
  authServerId?: string;
  clientId?: string;
  server?: { id: string; name?: string };
  client?: { client_id: string; client_name?: string };
  token?: OAuth2RefreshToken;
  user?: User;
  userId?: string;
  parent?: NodeLike;
}

/** What the test API (and nothing else) reaches of the query features: the results panel's state and export. */
export interface QueryFeatures {
  lastResults(): ResultPayload[];
  exportLast(format: 'csv' | 'json', target?: string): Promise<string | undefined>;
}

export function registerQueryFeatures(
  context: vscode.ExtensionContext,
  services: ExtensionServices,
): QueryFeatures {
  const panel = new ResultsPanel(context.extensionUri, services.logger, () => services.prompter());
  const runner = new QueryRunner(services, panel);
  context.subscriptions.push(panel);

  // The language client (about 400 KB with its protocol libraries) is its own bundle, loaded and
  // started when the first .iql document opens rather than at activation.
  let clientStarted = false;
  const startClientFor = (doc: vscode.TextDocument): void => {
    if (clientStarted || doc.languageId !== LANGUAGE_ID) return;
    clientStarted = true;
    lazyBundle<typeof import('./languageClient')>('languageClient.js', ['query', 'languageClient'])
      .startLanguageClient(context, services)
      .catch((e: unknown) =>
        services.logger.error(`query language server did not start: ${(e as Error).message}`),
      );
  };
  vscode.workspace.textDocuments.forEach(startClientFor);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(startClientFor));

  const editorFor = async (uri?: string | vscode.Uri): Promise<vscode.TextEditor | undefined> => {
    const active = vscode.window.activeTextEditor;
    if (!uri) return active?.document.languageId === LANGUAGE_ID ? active : undefined;
    const u = typeof uri === 'string' ? vscode.Uri.parse(uri) : uri;
    if (active && active.document.uri.toString() === u.toString()) return active;
    return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(u), {
      preserveFocus: true,
    });
  };
  const noEditor = () =>
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a .iql query file to run it.'));

  context.subscriptions.push(
    // Code lens / keyboard: the statement under the cursor, or at the offset the lens passes.
    vscode.commands.registerCommand(
      RUN_STATEMENT_COMMAND,
      async (uri?: string, offset?: number): Promise<ResultPayload[] | undefined> => {
        const ed = await editorFor(uri);
        if (!ed) return noEditor();
        const at = typeof offset === 'number' ? offset : ed.document.offsetAt(ed.selection.active);
        return runner.run(ed.document, { kind: 'offset', offset: at });
      },
    ),
    vscode.commands.registerCommand(
      'oktaTokens.query.runSelection',
      async (): Promise<ResultPayload[] | undefined> => {
        const ed = await editorFor();
        if (!ed) return noEditor();
        if (ed.selection.isEmpty)
          return runner.run(ed.document, {
            kind: 'offset',
            offset: ed.document.offsetAt(ed.selection.active),
          });
        return runner.run(ed.document, {
          kind: 'selection',
          start: ed.document.offsetAt(ed.selection.start),
          end: ed.document.offsetAt(ed.selection.end),
        });
      },
    ),
    vscode.commands.registerCommand(
      'oktaTokens.query.runFile',
      async (): Promise<ResultPayload[] | undefined> => {
        const ed = await editorFor();
        if (!ed) return noEditor();
        return runner.run(ed.document, { kind: 'file' });
      },
    ),
    vscode.commands.registerCommand('oktaTokens.query.openAsQuery', async (node?: NodeLike) => {
      if (!node?.connectionId) return undefined;
      const conn = services.listConnections().find((c) => c.id === node.connectionId);
      if (!conn) return undefined;
      const ids = {
        orgUrl: conn.orgUrl,
        connectionName: conn.name,
        ...(node.kind === 'server' && node.server ? { authServerId: node.server.id } : {}),
        ...(node.kind === 'client' && node.client
          ? { authServerId: node.authServerId, clientId: node.client.client_id }
          : {}),
        ...(node.kind === 'token' && node.token
          ? { authServerId: node.authServerId, clientId: node.clientId, tokenId: node.token.id }
          : {}),
        ...(node.kind === 'user' && node.user ? { userId: node.user.id } : {}),
        ...(node.kind === 'userClient' && node.client && node.userId
          ? { userId: node.userId, clientId: node.client.client_id }
          : {}),
      };
      // Names as the tree shows them, for the first line (the untitled tab's title).
      const names = {
        serverName: node.server?.name ?? node.parent?.server?.name,
        clientName: node.client?.client_name ?? node.parent?.client?.client_name,
        userName: node.token
          ? tokenUserName(node.token)
          : node.user
            ? userDisplayName(node.user)
            : node.parent?.user && userDisplayName(node.parent.user),
      };
      const doc = await vscode.workspace.openTextDocument({
        language: LANGUAGE_ID,
        content: openAsQueryText(ids, names, vscode.l10n),
      });
      return vscode.window.showTextDocument(doc);
    }),
    // A token row's user, on every server and client of its connection: the FANOUT query, run straight
    // into the results grid (with the runner's progress and Cancel), not left in an editor to run.
    vscode.commands.registerCommand(
      'oktaTokenExplorer.userTokensEverywhere',
      async (node?: NodeLike): Promise<ResultPayload[] | undefined> => {
        // A token row's user, or a user row under Users.
        const conn = services.listConnections().find((c) => c.id === node?.connectionId);
        const userId = node?.token?.userId ?? node?.user?.id;
        if (!conn || !node || !userId) {
          void vscode.window.showInformationMessage(
            vscode.l10n.t('Select a token of a user in the Okta Tokens view first.'),
          );
          return undefined;
        }
        const userName = node.token ? tokenUserName(node.token) : node.user && userDisplayName(node.user);
        const text = userTokensQueryText(
          { orgUrl: conn.orgUrl, connectionName: conn.name },
          { userId, ...(userName ? { userName } : {}) },
          vscode.l10n,
        );
        const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: text });
        return runner.run(doc, { kind: 'file' });
      },
    ),
  );

  // Not commands: a command any extension could run that exports to a path without a dialog would
  // write files without the user. Only the test API (present only under the test harness) calls these.
  return {
    lastResults: () => panel.lastResults,
    async exportLast(format, target) {
      const r = panel.lastResults[0];
      const to = target === undefined ? undefined : vscode.Uri.file(target);
      return r ? (await panel.export(r, format, to))?.fsPath : undefined;
    },
  };
}
