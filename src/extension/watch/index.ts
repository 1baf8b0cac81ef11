// Debugging a refresh flow live: "Watch Tokens" on a client or a user (the Watch panel), "Show Timeline"
// on a token, a client, a user or a user's client (the System Log's OAuth events in order), and "Why It
// Expires" on a token (the policy and rule behind its lifetime). The token panel's buttons run the last
// two with its ids. One Watch per client or user (opening it again reveals it), one timeline and one
// expiry panel per subject. Arguments are tree rows or panel ids, read by shape so the tree's classes can
// change without this module.
import * as vscode from 'vscode';
import type { WatchTarget } from '../../okta/watch/session';
import type { Prompter } from '../prompter';
import type { ExtensionServices } from '../services';
import { webviewOptions } from '../panels/detailPanel';
import {
  EXPIRY_VIEW_TYPE,
  ReportPanel,
  TIMELINE_VIEW_TYPE,
  expiryKey,
  expiryView,
  timelineKey,
  timelineView,
  type TimelineSubject,
} from './reports';
import { WATCH_VIEW_TYPE, WatchPanel } from './watchPanel';

export const WATCH_COMMAND = 'oktaTokenExplorer.watchTokens';
export const TIMELINE_COMMAND = 'oktaTokenExplorer.showTimeline';
export const EXPIRY_COMMAND = 'oktaTokenExplorer.explainExpiry';

export interface WatchFeatureDeps {
  services: Pick<ExtensionServices, 'getClient' | 'idCache' | 'logger'>;
  extensionUri: vscode.Uri;
  prompter: () => Prompter;
  errorText(err: unknown): string;
}

export interface WatchFeatures extends vscode.Disposable {
  watchPanels(): WatchPanel[];
  reportPanels(): ReportPanel[];
}

type Rec = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const rec = (v: unknown): Rec | undefined => (typeof v === 'object' && v !== null ? (v as Rec) : undefined);

/** What to watch, from a client row, a user row or a user's client row. */
export function watchTargetOf(arg: unknown): { connectionId: string; target: WatchTarget } | undefined {
  const a = rec(arg);
  const connectionId = str(a?.connectionId);
  if (!a || !connectionId) return undefined;
  const client = rec(a.client);
  const user = rec(a.user) ?? rec(rec(a.parent)?.user);
  if (a.kind === 'client' && str(a.authServerId) && str(client?.client_id))
    return {
      connectionId,
      target: {
        kind: 'client',
        authServerId: str(a.authServerId)!,
        clientId: str(client?.client_id)!,
        name: str(client?.client_name),
      },
    };
  const userId = str(a.userId) ?? str(user?.id);
  if ((a.kind === 'user' || a.kind === 'userClient') && userId) {
    const profile = rec(user?.profile);
    const name =
      [str(profile?.firstName), str(profile?.lastName)].filter(Boolean).join(' ') || str(profile?.login);
    return { connectionId, target: { kind: 'user', userId, name } };
  }
  return undefined;
}

/** What a timeline is about, from a token row or panel ids, a client row, a user row or a user's client. */
export function timelineSubjectOf(arg: unknown): TimelineSubject | undefined {
  const a = rec(arg);
  const connectionId = str(a?.connectionId);
  if (!a || !connectionId) return undefined;
  const token = rec(a.token);
  if (a.kind === 'token') {
    const tokenId = str(a.tokenId) ?? str(token?.id);
    const authServerId = str(a.authServerId);
    const clientId = str(a.clientId) ?? str(token?.clientId);
    if (!tokenId || !authServerId || !clientId) return undefined;
    return {
      kind: 'token',
      connectionId,
      authServerId,
      clientId,
      tokenId,
    };
  }
  const client = rec(a.client);
  if (a.kind === 'client' && str(client?.client_id ?? a.clientId))
    return {
      kind: 'client',
      connectionId,
      authServerId: str(a.authServerId),
      clientId: str(client?.client_id) ?? str(a.clientId)!,
      name: str(client?.client_name),
    };
  const w = watchTargetOf(arg);
  if (w?.target.kind === 'user')
    return {
      kind: 'user',
      connectionId,
      userId: w.target.userId,
      name: w.target.name,
      clientId: a.kind === 'userClient' ? str(client?.client_id) : undefined,
    };
  return undefined;
}

function expiryIdsOf(arg: unknown) {
  const s = timelineSubjectOf(arg);
  return s?.kind === 'token'
    ? { connectionId: s.connectionId, authServerId: s.authServerId, clientId: s.clientId, tokenId: s.tokenId }
    : undefined;
}

function setting<T>(key: string, fallback: T): T {
  return vscode.workspace.getConfiguration('oktaTokenExplorer').get<T>(key, fallback);
}

export function registerWatchFeatures(deps: WatchFeatureDeps): WatchFeatures {
  const watches = new Map<string, WatchPanel>();
  const reports = new Map<string, ReportPanel>();
  const log = deps.services.logger;

  const userName = (connectionId: string, userId?: string) =>
    userId
      ? deps.services.idCache.tokens(connectionId).find((t) => t.userId === userId && t.userName)?.userName
      : undefined;

  const openWatch = async (arg: unknown) => {
    const w = watchTargetOf(arg);
    if (!w) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Choose a client or a user in the Okta Tokens view to watch.'),
      );
      return undefined;
    }
    const key = `${w.connectionId}/${w.target.kind}/${w.target.kind === 'client' ? `${w.target.authServerId}/${w.target.clientId}` : w.target.userId}`;
    const open = watches.get(key);
    if (open) {
      open.panel.reveal();
      return open;
    }
    const client = await deps.services.getClient(w.connectionId);
    const panel = vscode.window.createWebviewPanel(
      WATCH_VIEW_TYPE,
      vscode.l10n.t('Watch'),
      vscode.ViewColumn.Active,
      {
        ...webviewOptions(deps.extensionUri),
        // The watch keeps running while its tab is hidden; the page is rebuilt from the host's state.
      },
    );
    const p = new WatchPanel(panel, w.connectionId, w.target, client, {
      extensionUri: deps.extensionUri,
      log,
      prompter: deps.prompter,
      userName,
      intervalMs: () => Math.max(0.25, setting<number>('watch.intervalSeconds', 5)) * 1000,
      share: () => Math.min(1, Math.max(0.01, setting<number>('watch.sharePercent', 10) / 100)),
    });
    panel.title = p.title;
    watches.set(key, p);
    p.onDidDispose(() => {
      if (watches.get(key) === p) watches.delete(key);
    });
    return p;
  };

  const openReport = (
    key: string,
    viewType: string,
    load: () => Promise<import('../panels/protocol').DetailView>,
  ) => {
    const open = reports.get(key);
    if (open) {
      open.panel.reveal();
      void open.reload();
      return open;
    }
    const panel = vscode.window.createWebviewPanel(
      viewType,
      vscode.l10n.t('Loading…'),
      vscode.ViewColumn.Active,
      webviewOptions(deps.extensionUri),
    );
    const p = new ReportPanel(panel, key, deps.extensionUri, load, deps.errorText);
    reports.set(key, p);
    p.onDidDispose(() => {
      if (reports.get(key) === p) reports.delete(key);
    });
    return p;
  };

  const showTimeline = (arg: unknown) => {
    const s = timelineSubjectOf(arg);
    if (!s) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Choose a token, a client or a user in the Okta Tokens view.'),
      );
      return undefined;
    }
    return openReport(timelineKey(s), TIMELINE_VIEW_TYPE, async () =>
      timelineView(await deps.services.getClient(s.connectionId), s),
    );
  };

  const explainExpiry = (arg: unknown) => {
    const ids = expiryIdsOf(arg);
    if (!ids) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Choose a token in the Okta Tokens view.'));
      return undefined;
    }
    return openReport(
      expiryKey(ids),
      EXPIRY_VIEW_TYPE,
      async () => (await expiryView(await deps.services.getClient(ids.connectionId), ids)).view,
    );
  };

  const subs = [
    vscode.commands.registerCommand(WATCH_COMMAND, async (arg: unknown) => {
      try {
        await openWatch(arg);
      } catch (err) {
        const reason = deps.errorText(err);
        log.error(`Watch Tokens failed: ${reason}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not start the watch: {0}', reason));
      }
    }),
    vscode.commands.registerCommand(TIMELINE_COMMAND, (arg: unknown) => void showTimeline(arg)),
    vscode.commands.registerCommand(EXPIRY_COMMAND, (arg: unknown) => void explainExpiry(arg)),
  ];

  return {
    watchPanels: () => [...watches.values()],
    reportPanels: () => [...reports.values()],
    dispose() {
      for (const p of [...watches.values(), ...reports.values()]) p.dispose();
      for (const s of subs) s.dispose();
    },
  };
}
