// One detail panel (token, client or server): owns its WebviewPanel, waits for the page's "ready" before
// sending anything, re-fetches on Refresh, and routes the page's actions to the host. The panel keeps
// only ids; the page stores the same ids with setState so VS Code can restore the panel after a reload.
// The page is discarded whenever its tab is hidden (no retainContextWhenHidden: it would keep every
// panel's page alive) and comes back as a fresh page that says "ready" again, so the host keeps what the
// page shows — the newest view or error and the busy label — and sends it on every "ready", not once.
import * as vscode from 'vscode';
import { makeNonce, panelHtml } from './html';
import { guardMessages, messageAction } from './messageGuard';
import { isPageMessage, type DetailView, type HostMessage, type PanelIds } from './protocol';

export const VIEW_TYPES = {
  token: 'oktaTokenExplorer.tokenPanel',
  client: 'oktaTokenExplorer.clientPanel',
  server: 'oktaTokenExplorer.serverPanel',
  user: 'oktaTokenExplorer.userPanel',
} as const;

export interface PanelHooks {
  load(ids: PanelIds): Promise<DetailView>;
  action(panel: DetailPanel, action: string): Promise<void>;
  open(panel: DetailPanel, key: string): Promise<void>;
  errorText(err: unknown): string;
  /** A page action failed: log it (masked) and tell the user. */
  failed(panel: DetailPanel, action: string, err: unknown): void;
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    // Only the bundled page scripts and the stylesheet; nothing else can be loaded.
    localResourceRoots: [
      vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
      vscode.Uri.joinPath(extensionUri, 'media'),
    ],
  };
}

export class DetailPanel implements vscode.Disposable {
  private ready = false;
  /** True once the page has said "ready" (the handshake completed). */
  get isReady(): boolean {
    return this.ready;
  }
  /** The newest view or error the page must show, re-sent on every "ready". */
  private content: HostMessage | undefined;
  private busy: string | undefined;
  private readonly subs: vscode.Disposable[] = [];
  /** What the page was last sent (for the test API); undefined until the first load completes. */
  lastView: DetailView | undefined;
  lastError: string | undefined;
  private loading: Promise<void> | undefined;
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly ids: PanelIds,
    private readonly extensionUri: vscode.Uri,
    private readonly hooks: PanelHooks,
  ) {
    panel.webview.options = webviewOptions(extensionUri);
    this.subs.push(
      panel.webview.onDidReceiveMessage(
        guardMessages(
          (m: unknown) => this.onMessage(m),
          (err, m) => this.hooks.failed(this, messageAction(m), err),
        ),
      ),
      panel.onDidDispose(() => this.dispose()),
    );
    this.render();
    void this.reload();
  }

  private render(): void {
    const webview = this.panel.webview;
    const script = vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', `${this.ids.kind}Panel.js`);
    const style = vscode.Uri.joinPath(this.extensionUri, 'media', 'panel.css');
    // A fresh nonce on every render, from crypto.
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(script).toString(),
      styleUri: webview.asWebviewUri(style).toString(),
      title: this.panel.title,
      lang: vscode.env.language,
      loadingText: vscode.l10n.t('Loading…'),
    });
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!isPageMessage(m)) return; // unknown messages are ignored
    if (m.type === 'ready') {
      // A first page, or one re-created after its tab was hidden or the window reloaded: give it all.
      this.ready = true;
      if (this.content) void this.panel.webview.postMessage(this.content);
      if (this.busy !== undefined) void this.panel.webview.postMessage({ type: 'busy', label: this.busy });
      return;
    }
    if (m.type === 'action') {
      if (m.action === 'refresh') await this.reload();
      else await this.hooks.action(this, m.action);
      return;
    }
    await this.hooks.open(this, m.key);
  }

  /** Records what the page shows and sends it now if the page is listening (else on its "ready"). */
  private post(message: HostMessage): void {
    if (message.type === 'busy') this.busy = message.label;
    else this.content = message;
    if (this.ready) void this.panel.webview.postMessage(message);
  }

  /** Re-fetches and re-renders; concurrent calls share one fetch. */
  reload(): Promise<void> {
    if (this.loading) return this.loading;
    this.loading = (async () => {
      try {
        const view = await this.hooks.load(this.ids);
        this.lastView = view;
        this.lastError = undefined;
        this.panel.title = view.title;
        this.post({ type: 'view', view });
      } catch (err) {
        this.lastError = this.hooks.errorText(err);
        this.post({ type: 'error', message: this.lastError, retryLabel: vscode.l10n.t('Retry') });
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  setBusy(label: string | undefined): void {
    this.post({ type: 'busy', label });
  }

  private disposed = false;

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const s of this.subs.splice(0)) s.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
    this.panel.dispose();
  }
}
