// Hosts the query results webview: one panel reused for every run, locked down (nonce CSP, local
// resources only), fed with plain result data; it answers the page's export (CSV / JSON to a file the
// user picks) and copy (clipboard) requests.
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import { makeNonce, panelHtml } from '../panels/html';
import { exportFileName, toCsv, toJson } from '../../query/serialize';
import type { Prompter } from '../prompter';
import { guardMessages, messageAction } from '../panels/messageGuard';
import { isResultsMessage, type HostToPage, type ResultPayload } from './resultsProtocol';

export const RESULTS_VIEW_TYPE = 'oktaTokenExplorer.queryResults';

export class ResultsPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private pending: HostToPage | undefined;
  private last: ResultPayload[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    /** The services' prompter (the extension-host tests answer the save dialog through it). */
    private readonly prompter: () => Prompter,
  ) {}

  get lastResults(): ResultPayload[] {
    return this.last;
  }

  private ensure(): vscode.WebviewPanel {
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return this.panel;
    }
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(
      RESULTS_VIEW_TYPE,
      vscode.l10n.t('Query Results'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      {
        enableScripts: true,
        localResourceRoots: [dist, media],
        retainContextWhenHidden: true,
      },
    );
    const nonce = makeNonce();
    panel.webview.html = panelHtml({
      cspSource: panel.webview.cspSource,
      nonce,
      scriptUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(dist, 'resultsPanel.js')).toString(),
      styleUri: panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'resultsPanel.css')).toString(),
      title: vscode.l10n.t('Query Results'),
      loadingText: vscode.l10n.t('Running…'),
    });
    panel.webview.onDidReceiveMessage(
      guardMessages(
        (m: unknown) => this.onMessage(m),
        (err, m) => this.failed(messageAction(m), err),
      ),
    );
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
    });
    this.panel = panel;
    return panel;
  }

  private post(m: HostToPage): void {
    this.ensure();
    if (this.ready) void this.panel!.webview.postMessage(m);
    else this.pending = m;
  }

  showRunning(statement: string, connection?: string): void {
    this.post({ type: 'running', statement, ...(connection ? { connection } : {}) });
  }

  showResults(results: ResultPayload[]): void {
    this.last = results;
    this.post({ type: 'results', results });
  }

  private async onMessage(m: unknown): Promise<void> {
    // Malformed or unknown messages are dropped before anything acts on them (logged by their type
    // only: the message could carry row data).
    if (!isResultsMessage(m)) {
      this.log.warn(
        `results panel: ignored a malformed or unknown "${messageAction(m).slice(0, 40)}" message`,
      );
      return;
    }
    if (m.type === 'ready') {
      this.ready = true;
      if (this.pending) void this.panel?.webview.postMessage(this.pending);
      this.pending = undefined;
    } else if (m.type === 'copy') {
      await vscode.env.clipboard.writeText(m.text);
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', m.what), 3000);
    } else {
      const r = this.last[m.index];
      if (!r) return;
      await this.export(r, m.format);
    }
  }

  private failed(action: string, e: unknown): void {
    const msg = e instanceof Error ? e.message : String(e);
    this.log.error(`results panel: ${action} failed: ${msg}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not complete the action: {0}', msg));
  }

  /** Writes the result to a file the user picks; returns the file, or undefined when cancelled. */
  async export(
    r: ResultPayload,
    format: 'csv' | 'json',
    target?: vscode.Uri,
  ): Promise<vscode.Uri | undefined> {
    // The dialog opens on a named file (refresh_tokens-<day>.csv) in the workspace folder, not on a bare
    // folder with an empty name.
    const name = exportFileName(r.statement, format);
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    const uri =
      target ??
      (await this.prompter().saveFile({
        defaultUri: vscode.Uri.joinPath(folder, name),
        filters: format === 'csv' ? { CSV: ['csv'] } : { JSON: ['json'] },
        saveLabel: vscode.l10n.t('Export'),
      }));
    if (!uri) return undefined;
    const text = format === 'csv' ? toCsv(r.columns, r.rows) : toJson(r.columns, r.rows);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    void vscode.window.showInformationMessage(
      vscode.l10n.t('Exported {0} rows to {1}', r.rows.length, uri.fsPath),
    );
    return uri;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
