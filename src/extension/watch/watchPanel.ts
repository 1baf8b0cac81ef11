// The Watch panel: one live WatchSession (src/okta/watch) on a client or a user, shown as a list of what
// happened (newest on top), the rotation chains it touched and a status line with the poll interval and
// how much of the rate limit it uses. Pause/Resume, a new interval, Mark (asks for a label) and Export
// (JSON through a save dialog) come from the page. The host keeps everything the page shows and sends it
// whole on every "ready" (the page is re-created when its tab is hidden). Closing the panel stops the
// watch: it sends nothing after that.
import * as vscode from 'vscode';
import type { OktaClient } from '../../okta';
import { WatchSession, type WatchEvent, type WatchTarget } from '../../okta/watch/session';
import { makeNonce, panelHtml } from '../panels/html';
import { guardMessages } from '../panels/messageGuard';
import type { Prompter } from '../prompter';
import { isWatchPageMessage, type WatchHostMessage, type WatchLabels, type WatchState } from './protocol';
import { chainViews, statusText, watchRow, type WatchRow } from './words';

export const WATCH_VIEW_TYPE = 'oktaTokenExplorer.watchPanel';

export interface WatchPanelDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  prompter: () => Prompter;
  /** The user's name when the tree or an event has named them. */
  userName(connectionId: string, userId?: string): string | undefined;
  intervalMs(): number;
  share(): number;
}

function labels(): WatchLabels {
  return {
    pause: vscode.l10n.t('Pause'),
    resume: vscode.l10n.t('Resume'),
    mark: vscode.l10n.t('Mark…'),
    export: vscode.l10n.t('Export JSON…'),
    interval: vscode.l10n.t('Interval'),
    seconds: vscode.l10n.t('seconds'),
    apply: vscode.l10n.t('Apply'),
    events: vscode.l10n.t('What happened'),
    chains: vscode.l10n.t('Rotation chains'),
    noEvents: vscode.l10n.t('Nothing has happened since the watch began.'),
    noChains: vscode.l10n.t('No token has been issued or revoked since the watch began.'),
  };
}

export class WatchPanel implements vscode.Disposable {
  readonly session: WatchSession;
  private readonly rows: WatchRow[] = [];
  private ready = false;
  private readonly subs: vscode.Disposable[] = [];
  private readonly timer: ReturnType<typeof setInterval>;
  private disposed = false;
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;
  /** Names seen in System Log events, by user id (the token list gives only ids). */
  private readonly seenNames = new Map<string, string>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly connectionId: string,
    readonly target: WatchTarget,
    client: OktaClient,
    private readonly deps: WatchPanelDeps,
  ) {
    this.session = new WatchSession(client, target, { intervalMs: deps.intervalMs(), share: deps.share() });
    this.subs.push(
      panel.webview.onDidReceiveMessage(
        guardMessages(
          (m: unknown) => this.onMessage(m),
          (err) => this.deps.log.error(`Watch panel: ${(err as Error).message}`),
        ),
      ),
      panel.onDidDispose(() => this.dispose()),
    );
    this.session.onEvent((e) => this.onEvent(e));
    this.render();
    // The status line moves on its own (requests leaving the last minute, the next poll coming).
    this.timer = setInterval(() => this.postStatus(), 1000);
    void this.session
      .run()
      .catch((e: unknown) => this.deps.log.error(`Watch stopped: ${(e as Error).message}`));
    this.deps.log.info(
      `Watch started on ${target.kind === 'client' ? `client ${target.clientId}` : `user ${target.userId}`}`,
    );
  }

  private names = (userId?: string) =>
    userId ? (this.seenNames.get(userId) ?? this.deps.userName(this.connectionId, userId)) : undefined;

  get title(): string {
    const t = this.target;
    return t.kind === 'client'
      ? vscode.l10n.t('Watch: {0}', t.name ?? t.clientId)
      : vscode.l10n.t('Watch: {0}', t.name ?? t.userId);
  }

  private subtitle(): string {
    const t = this.target;
    return t.kind === 'client'
      ? vscode.l10n.t('Refresh tokens of client {0} on authorization server {1}', t.clientId, t.authServerId)
      : vscode.l10n.t('Refresh tokens of user {0}, every client', t.userId);
  }

  private render(): void {
    const webview = this.panel.webview;
    const script = vscode.Uri.joinPath(this.deps.extensionUri, 'dist', 'webview', 'watchPanel.js');
    const style = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'panel.css');
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(script).toString(),
      styleUri: webview.asWebviewUri(style).toString(),
      title: this.title,
      lang: vscode.env.language,
      loadingText: vscode.l10n.t('Loading…'),
    });
  }

  /** Everything the page shows (also for the test API). */
  state(): WatchState {
    const s = this.session.status();
    return {
      title: this.title,
      subtitle: this.subtitle(),
      labels: labels(),
      status: statusText(vscode.l10n, s),
      paused: s.state === 'paused',
      stopped: s.state === 'stopped',
      intervalSeconds: s.intervalMs / 1000,
      rows: [...this.rows],
      chains: this.chains(),
    };
  }

  private chains() {
    return chainViews(
      vscode.l10n,
      this.session.events,
      this.session.chains(),
      this.names,
      vscode.env.language,
    );
  }

  private post(m: WatchHostMessage): void {
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(m);
  }

  private postStatus(): void {
    const s = this.session.status();
    this.post({
      type: 'status',
      status: statusText(vscode.l10n, s),
      paused: s.state === 'paused',
      stopped: s.state === 'stopped',
      intervalSeconds: s.intervalMs / 1000,
    });
  }

  private onEvent(e: WatchEvent): void {
    if (e.type === 'log' && e.entry.userId && e.entry.userName)
      this.seenNames.set(e.entry.userId, e.entry.userName);
    const row = watchRow(vscode.l10n, e, this.names, vscode.env.language);
    if (!row) return;
    this.rows.push(row);
    this.post({ type: 'rows', rows: [row], chains: this.chains() });
    this.postStatus();
    if (e.type === 'error') this.deps.log.warn(`Watch: a poll failed: ${e.message}`);
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!isWatchPageMessage(m)) return;
    switch (m.type) {
      case 'ready':
        this.ready = true;
        void this.panel.webview.postMessage({
          type: 'state',
          state: this.state(),
        } satisfies WatchHostMessage);
        return;
      case 'pause':
        this.session.pause();
        break;
      case 'resume':
        this.session.resume();
        break;
      case 'interval':
        this.session.setInterval(Math.max(0.25, m.seconds) * 1000);
        break;
      case 'mark': {
        const label = await this.deps.prompter().input({
          title: vscode.l10n.t('Mark'),
          prompt: vscode.l10n.t('A label for this moment, e.g. "start of test"'),
          value: vscode.l10n.t('start of test'),
        });
        if (label !== undefined) this.session.mark(label);
        break;
      }
      case 'export':
        await this.exportJson();
        break;
    }
    this.postStatus();
  }

  /** Writes what the watch saw as JSON; returns the file, or undefined when the person cancelled. */
  async exportJson(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const uri =
      target ??
      (await this.deps.prompter().saveFile({
        title: vscode.l10n.t('Export what the watch saw'),
        filters: { JSON: ['json'] },
        defaultUri: vscode.Uri.file(`okta-watch-${new Date().toISOString().replace(/[:.]/g, '-')}.json`),
      }));
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(
      uri,
      Buffer.from(JSON.stringify(this.session.export(), null, 2), 'utf8'),
    );
    this.deps.log.info(`Watch exported to ${uri.fsPath}`);
    return uri;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    clearInterval(this.timer);
    this.session.stop();
    for (const s of this.subs.splice(0)) s.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
    this.panel.dispose();
  }
}
