// The timeline and "why it expires" panels. Both are detail views (panels/protocol.ts DetailView: fields
// and sortable tables, rendered as text by media/common.ts) built from fresh API calls:
//   timeline   the System Log's OAuth events for a token, a user + client, a user or a client, in time
//              order, with outcome, reason, client, user, IP, user agent and transaction — a token's
//              matched by its expiry or by time, and the panel says which (Okta logs no token ids);
//   expiry     the policy and rule that set the token's lifetime (every one evaluated, in Okta's order,
//              with why it did or did not match), the lifetimes, idle window, rotation and leeway, the
//              expiry and idle deadlines as times, and warnings.
// ReportPanel is the webview around one of them: Refresh reloads it; it is not restored after a window
// reload (it holds nothing worth restoring that a click does not give again).
import * as vscode from 'vscode';
import type { OktaClient } from '../../okta';
import { explainLifetime, loadLifetimeInput, type LifetimeExplanation } from '../../okta/lifetime';
import type { OAuth2RefreshToken } from '../../okta/models';
import {
  OAUTH_EVENTS_FILTER,
  concerns,
  describeEvent,
  eventsForToken,
  type MatchBasis,
  type TimelineEntry,
  type TimelineScope,
} from '../../okta/timeline';
import { makeNonce, panelHtml } from '../panels/html';
import { guardMessages } from '../panels/messageGuard';
import {
  isPageMessage,
  type DetailView,
  type Field,
  type HostMessage,
  type PanelIds,
} from '../panels/protocol';
import { dateLine, dateText } from '../tree/format';
import { kindText, minutesText, reasonText, rotationText, ruleReasonText, warningText } from './words';

export const TIMELINE_VIEW_TYPE = 'oktaTokenExplorer.timelinePanel';
export const EXPIRY_VIEW_TYPE = 'oktaTokenExplorer.expiryPanel';

/** System Log pages of 1000 a timeline reads at most. */
const LOG_PAGES = 10;
const DAY = 24 * 3600_000;

export type TimelineSubject =
  | {
      kind: 'token';
      connectionId: string;
      authServerId: string;
      clientId: string;
      tokenId: string;
      token?: OAuth2RefreshToken;
    }
  | { kind: 'client'; connectionId: string; authServerId?: string; clientId: string; name?: string }
  | { kind: 'user'; connectionId: string; userId: string; clientId?: string; name?: string };

function date(iso: string | undefined, now: number) {
  return dateText(vscode.l10n, iso, now, vscode.env.language);
}

function dateField(label: string, iso: string | undefined, now: number, note?: string): Field | undefined {
  const d = date(iso, now);
  return (
    d && {
      label,
      value: d.text,
      note: [d.relative, note].filter(Boolean).join(' · ') || undefined,
      title: d.iso,
    }
  );
}

function fields(...f: (Field | undefined)[]): Field[] {
  return f.filter((x): x is Field => !!x && x.value !== '');
}

function subjectIds(s: TimelineSubject): PanelIds {
  if (s.kind === 'token')
    return {
      kind: 'token',
      connectionId: s.connectionId,
      authServerId: s.authServerId,
      clientId: s.clientId,
      tokenId: s.tokenId,
    };
  if (s.kind === 'client')
    return {
      kind: 'client',
      connectionId: s.connectionId,
      authServerId: s.authServerId ?? '',
      clientId: s.clientId,
    };
  return { kind: 'user', connectionId: s.connectionId, userId: s.userId };
}

export function timelineKey(s: TimelineSubject): string {
  if (s.kind === 'token')
    return `timeline/token/${s.connectionId}/${s.authServerId}/${s.clientId}/${s.tokenId}`;
  if (s.kind === 'client') return `timeline/client/${s.connectionId}/${s.authServerId ?? ''}/${s.clientId}`;
  return `timeline/user/${s.connectionId}/${s.userId}/${s.clientId ?? ''}`;
}

export async function timelineView(
  client: OktaClient,
  s: TimelineSubject,
  now = Date.now(),
): Promise<DetailView> {
  let since: string;
  let picked: { entry: TimelineEntry; basis?: MatchBasis }[];
  let title: string;
  let subtitle: string;
  let token: OAuth2RefreshToken | undefined;
  const read = async (from: string) => {
    const list = client.listLogEvents({
      since: from,
      until: new Date(now).toISOString(),
      filter: OAUTH_EVENTS_FILTER,
      sortOrder: 'ASCENDING',
    });
    const r = await list.collect({ maxPages: LOG_PAGES });
    return { entries: r.items.map(describeEvent), truncated: r.truncated };
  };
  let truncated: boolean;
  if (s.kind === 'token') {
    token =
      s.token ??
      (await client.getRefreshToken(s.authServerId, s.clientId, s.tokenId, { expandScope: false }));
    const created = token.created ? Date.parse(token.created) : NaN;
    since = new Date(Number.isFinite(created) ? created - 60_000 : now - DAY).toISOString();
    const r = await read(since);
    truncated = r.truncated;
    picked = eventsForToken(r.entries, { ...token, clientId: token.clientId ?? s.clientId }, now);
    title = vscode.l10n.t('Timeline: refresh token {0}', s.tokenId);
    subtitle = vscode.l10n.t(
      "Okta's events do not name refresh-token ids: an event is matched by the token's user and client and its expiry (a rotated token keeps it), or by time within the token's life.",
    );
  } else {
    since = new Date(now - DAY).toISOString();
    const scope: TimelineScope =
      s.kind === 'client'
        ? { clientId: s.clientId, authServerId: s.authServerId }
        : { userId: s.userId, clientId: s.clientId };
    const r = await read(since);
    truncated = r.truncated;
    picked = r.entries.filter((e) => concerns(e, scope)).map((entry) => ({ entry }));
    title =
      s.kind === 'client'
        ? vscode.l10n.t('Timeline: client {0}', s.name ?? s.clientId)
        : s.clientId
          ? vscode.l10n.t('Timeline: {0} in {1}', s.name ?? s.userId, s.clientId)
          : vscode.l10n.t('Timeline: {0}', s.name ?? s.userId);
    subtitle = vscode.l10n.t('The System Log’s OAuth events of the last 24 hours.');
  }
  picked.sort((a, b) => a.entry.at - b.entry.at);
  const rows = picked.map(({ entry: e, basis }) => {
    const d = date(e.published, now);
    return [
      d ? dateLine(d) : e.published,
      kindText(vscode.l10n, e),
      e.outcome ?? '',
      [e.reason, reasonText(vscode.l10n, e.reason)].filter(Boolean).join(' — '),
      e.clientName ? `${e.clientName} (${e.clientId})` : (e.clientId ?? ''),
      e.userName ? `${e.userName} (${e.userId})` : (e.userId ?? ''),
      e.ip ?? '',
      e.userAgent ?? '',
      e.transactionId ?? '',
      e.eventType,
      basis === 'expiry' ? vscode.l10n.t('expiry') : basis === 'time' ? vscode.l10n.t('time') : '',
    ];
  });
  const columns = [
    vscode.l10n.t('Time'),
    vscode.l10n.t('What happened'),
    vscode.l10n.t('Outcome'),
    vscode.l10n.t('Reason'),
    vscode.l10n.t('Client'),
    vscode.l10n.t('User'),
    vscode.l10n.t('IP'),
    vscode.l10n.t('User agent'),
    vscode.l10n.t('Transaction'),
    vscode.l10n.t('Event type'),
  ];
  if (s.kind === 'token') columns.push(vscode.l10n.t('Matched by'));
  else rows.forEach((r) => r.pop());
  return {
    ids: subjectIds(s),
    title,
    subtitle,
    fields: fields(
      dateField(vscode.l10n.t('Since'), since, now),
      {
        label: vscode.l10n.t('Events'),
        value: String(rows.length),
        note: truncated ? vscode.l10n.t('more events than were read: the newest may be missing') : undefined,
      },
      token ? { label: vscode.l10n.t('User ID'), value: token.userId ?? '' } : undefined,
      token ? dateField(vscode.l10n.t('Expires'), token.expiresAt, now) : undefined,
    ),
    tables: [
      {
        caption: vscode.l10n.t('System Log events ({0})', rows.length),
        columns,
        rows,
        kinds: ['text', 'text', 'code', 'text', 'text', 'text', 'code', 'text', 'id', 'code', 'text'],
        sortKeys: { 0: picked.map((p) => p.entry.published) },
        titles: { 0: picked.map((p) => p.entry.published) },
        empty: vscode.l10n.t('No OAuth event in the System Log for this.'),
      },
    ],
    actions: [{ id: 'refresh', label: vscode.l10n.t('Refresh') }],
  };
}

export function expiryKey(ids: {
  connectionId: string;
  authServerId: string;
  clientId: string;
  tokenId: string;
}): string {
  return `expiry/${ids.connectionId}/${ids.authServerId}/${ids.clientId}/${ids.tokenId}`;
}

export async function expiryView(
  client: OktaClient,
  ids: { connectionId: string; authServerId: string; clientId: string; tokenId: string },
  now = Date.now(),
): Promise<{ view: DetailView; explanation: LifetimeExplanation }> {
  const token = await client.getRefreshToken(ids.authServerId, ids.clientId, ids.tokenId, {
    expandScope: false,
  });
  const input = await loadLifetimeInput(client, ids.authServerId, ids.clientId, token);
  const x = explainLifetime(input);
  const verdictWord = (v: string) =>
    v === 'matches'
      ? vscode.l10n.t('matches')
      : v === 'maybe'
        ? vscode.l10n.t('maybe')
        : v === 'inactive'
          ? vscode.l10n.t('inactive')
          : vscode.l10n.t('no');
  const minutes = (m: number | undefined, defaulted: boolean, none: string) =>
    m === undefined
      ? none
      : defaulted
        ? vscode.l10n.t('{0} (Okta’s default)', minutesText(vscode.l10n, m))
        : minutesText(vscode.l10n, m);
  const matched = x.matched;
  const view: DetailView = {
    ids: { kind: 'token', ...ids },
    title: vscode.l10n.t('Why it expires: refresh token {0}', ids.tokenId),
    subtitle: matched
      ? vscode.l10n.t(
          'Rule "{0}" of policy "{1}" sets its lifetime.',
          matched.rule.name ?? matched.rule.id,
          matched.policy.name ?? matched.policy.id,
        )
      : vscode.l10n.t('No rule of this server matches the token now.'),
    fields: fields(
      x.deadline
        ? dateField(
            vscode.l10n.t('Ends first'),
            x.deadline.at,
            now,
            x.deadline.by === 'idle'
              ? vscode.l10n.t('idle window, unless refreshed before')
              : vscode.l10n.t('lifetime'),
          )
        : { label: vscode.l10n.t('Ends first'), value: vscode.l10n.t('never (no expiry, no idle window)') },
      dateField(
        vscode.l10n.t('Expires'),
        x.expiresAt,
        now,
        x.keepsOriginalExpiry ? vscode.l10n.t('kept through rotations') : undefined,
      ),
      dateField(vscode.l10n.t('Idle deadline'), x.idleDeadline, now),
      dateField(vscode.l10n.t('Idle window counted from'), x.idleFrom, now),
      {
        label: vscode.l10n.t('Refresh token lifetime'),
        value: minutes(x.refreshTokenMinutes, x.defaulted.refresh, vscode.l10n.t('unlimited')),
      },
      {
        label: vscode.l10n.t('Idle window'),
        value: minutes(x.idleWindowMinutes, x.defaulted.idle, vscode.l10n.t('none')),
      },
      {
        label: vscode.l10n.t('Access token lifetime'),
        value: minutes(x.accessTokenMinutes, x.defaulted.access, ''),
      },
      {
        label: vscode.l10n.t('Rotation'),
        value: rotationText(vscode.l10n, x),
        note: x.defaulted.rotation ? vscode.l10n.t('Okta’s default for this kind of app') : undefined,
      },
      matched
        ? {
            label: vscode.l10n.t('Policy'),
            value: matched.policy.name ?? matched.policy.id,
            note: matched.policy.id,
          }
        : undefined,
      matched
        ? { label: vscode.l10n.t('Rule'), value: matched.rule.name ?? matched.rule.id, note: matched.rule.id }
        : undefined,
    ),
    tables: [
      {
        caption: vscode.l10n.t('Warnings ({0})', x.warnings.length),
        columns: [vscode.l10n.t('Warning')],
        rows: x.warnings.map((w) => [warningText(vscode.l10n, w)]),
        empty: vscode.l10n.t('None: the numbers fit Okta’s constraints.'),
      },
      {
        caption: vscode.l10n.t('Policies and rules, in the order Okta evaluates them'),
        columns: [
          vscode.l10n.t('Policy'),
          vscode.l10n.t('Rule'),
          vscode.l10n.t('Priority'),
          vscode.l10n.t('Matches'),
          vscode.l10n.t('Why'),
        ],
        rows: x.evaluated.map((v) => [
          v.policyName ?? v.policyId,
          v.ruleName ?? (v.ruleId ? v.ruleId : vscode.l10n.t('(its clients)')),
          String(v.ruleId ? (v.rulePriority ?? '') : (v.policyPriority ?? '')),
          verdictWord(v.verdict),
          v.reasons.map((r) => ruleReasonText(vscode.l10n, r)).join('; '),
        ]),
        empty: vscode.l10n.t('This server has no access policies.'),
      },
    ],
    actions: [{ id: 'refresh', label: vscode.l10n.t('Refresh') }],
  };
  return { view, explanation: x };
}

/** One timeline or expiry panel. */
export class ReportPanel implements vscode.Disposable {
  private ready = false;
  private content: HostMessage | undefined;
  lastView: DetailView | undefined;
  lastError: string | undefined;
  private loading: Promise<void> | undefined;
  private disposed = false;
  private readonly subs: vscode.Disposable[] = [];
  private readonly disposedEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposedEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly key: string,
    extensionUri: vscode.Uri,
    private readonly load: () => Promise<DetailView>,
    private readonly errorText: (err: unknown) => string,
  ) {
    this.subs.push(
      panel.webview.onDidReceiveMessage(
        guardMessages(
          (m: unknown) => this.onMessage(m),
          () => undefined,
        ),
      ),
      panel.onDidDispose(() => this.dispose()),
    );
    const webview = panel.webview;
    webview.html = panelHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview
        .asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'reportPanel.js'))
        .toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css')).toString(),
      title: panel.title,
      lang: vscode.env.language,
      loadingText: vscode.l10n.t('Loading…'),
    });
    void this.reload();
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!isPageMessage(m)) return;
    if (m.type === 'ready') {
      this.ready = true;
      if (this.content) void this.panel.webview.postMessage(this.content);
    } else if (m.type === 'action' && m.action === 'refresh') await this.reload();
  }

  private post(m: HostMessage): void {
    this.content = m;
    if (this.ready && !this.disposed) void this.panel.webview.postMessage(m);
  }

  reload(): Promise<void> {
    if (this.loading) return this.loading;
    this.loading = (async () => {
      try {
        const view = await this.load();
        this.lastView = view;
        this.lastError = undefined;
        if (!this.disposed) this.panel.title = view.title;
        this.post({ type: 'view', view });
      } catch (err) {
        this.lastError = this.errorText(err);
        this.post({ type: 'error', message: this.lastError, retryLabel: vscode.l10n.t('Retry') });
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const s of this.subs.splice(0)) s.dispose();
    this.disposedEmitter.fire();
    this.disposedEmitter.dispose();
    this.panel.dispose();
  }
}
