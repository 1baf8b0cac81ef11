// "Run" for .iql statements in the extension host: picks the statements (under the cursor, in the
// selection, or the whole file), asks for unfilled {{ placeholders }} (offering this session's earlier
// value; an unfilled `after` cursor is left out, not asked), maps each to a saved connection,
// confirms DELETEs the way the tree does, executes with progress and cancellation through the
// connection's Okta client, and shows every result in the results panel.
import * as vscode from 'vscode';
import { analyzeDocument, renderTemplate, statementAt, type AnalyzedStatement } from '../../query/analyzer';
import { execute, ListBrokenOffError, previewDelete, type QueryResult } from '../../query/executor';
import type { DeletePlan } from '../../query/planner';
import { isRevoked } from '../../okta/revokeOutcome';
import { confirmRevoke, confirmTokenOf } from '../commands/confirm';
import { withProgressThatCloses } from '../commands/progress';
import { refuseRevokeIfRestricted } from '../commands/trust';
import type { ConnectionSummary, ExtensionServices } from '../services';
import { resolveConnection } from './connectionResolver';
import type { ResultsPanel } from './resultsPanel';
import type { ResultPayload } from './resultsProtocol';

export type RunScope =
  { kind: 'offset'; offset: number } | { kind: 'selection'; start: number; end: number } | { kind: 'file' };

function pick(text: string, scope: RunScope, vars: Record<string, string>): AnalyzedStatement[] {
  const doc = analyzeDocument(text, { vars });
  if (scope.kind === 'file') return doc.statements;
  if (scope.kind === 'offset') {
    const s = statementAt(doc, scope.offset);
    return s ? [s] : [];
  }
  return doc.statements.filter((s) => s.slice.end > scope.start && s.slice.start < scope.end);
}

/** The statement as it ran: its text with each {{ placeholder }} given a value shown as that value. */
function statementOf(st: AnalyzedStatement, text: string, vars: Record<string, string>): string {
  return renderTemplate(text.slice(st.slice.tokens[0]!.start, st.slice.end), vars).value;
}

function errorPayload(statement: string, error: string, connection?: string): ResultPayload {
  return {
    statement,
    ...(connection ? { connection } : {}),
    columns: [],
    rows: [],
    pagesFetched: 0,
    pageCap: 0,
    truncated: false,
    apiCalls: 0,
    elapsedMs: 0,
    notes: [],
    error,
  };
}

function toPayload(statement: string, r: QueryResult, connection?: string): ResultPayload {
  return {
    statement,
    ...(connection ? { connection } : {}),
    columns: r.columns,
    rows: r.rows,
    ...(r.method ? { method: r.method } : {}),
    pagesFetched: r.pagesFetched,
    pageCap: r.pageCap,
    truncated: r.truncated,
    ...(r.cutShort ? { cutShort: { ...r.cutShort } } : {}),
    apiCalls: r.apiCalls,
    elapsedMs: r.elapsedMs,
    notes: r.notes,
    ...(r.revokes ? { revokes: r.revokes.map((x) => ({ ...x })) } : {}),
  };
}

/**
 * The client a revoke statement names: the server path names a server's client, the user path a user's
 * client, the app path the app (an OIDC app's id is its client id).
 */
function clientOf(plan: DeletePlan): string {
  return plan.params.clientId ?? plan.params.appId ?? '';
}

export class QueryRunner {
  /**
   * The values given for each document's placeholders in this session: the next run offers them
   * again (selected, so typing replaces them), instead of an empty box for every placeholder.
   */
  private readonly remembered = new Map<string, Map<string, string>>();

  constructor(
    private readonly services: ExtensionServices,
    private readonly panel: ResultsPanel,
  ) {}

  async run(document: vscode.TextDocument, scope: RunScope): Promise<ResultPayload[] | undefined> {
    const text = document.getText();
    let statements = pick(text, scope, {});
    if (statements.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no statement to run here.'));
      return undefined;
    }
    // Placeholders: ask once per name, then analyse again with the values.
    const uses = statements.flatMap((s) =>
      s.diagnostics.flatMap((d) =>
        d.code === 'unfilled-placeholder' && d.data && 'placeholder' in d.data ? [d.data] : [],
      ),
    );
    const names = [...new Set(uses.map((u) => u.placeholder))];
    const vars: Record<string, string> = {};
    let seen = this.remembered.get(document.uri.toString());
    if (!seen) this.remembered.set(document.uri.toString(), (seen = new Map()));
    for (const name of names) {
      // A paging cursor (`after = '{{ after }}'`) is not asked: left empty, it is not sent, and the
      // list starts at its first page. A cursor to continue from is written into the statement.
      if (uses.every((u) => u.placeholder !== name || u.cursor)) {
        vars[name] = '';
        continue;
      }
      // The braces go in as an argument: vscode.l10n.t reads '{{ {0} }}' as one unknown key and leaves
      // it unformatted, so the box said "Value for {{ {0} }}" instead of naming the placeholder.
      const placeholder = `{{ ${name} }}`;
      const before = seen.get(name) ?? '';
      const v = await this.services.prompter().input({
        title: vscode.l10n.t('Value for {0}', placeholder),
        prompt: vscode.l10n.t('The statement uses the placeholder {0}.', placeholder),
        value: before,
        valueSelection: [0, before.length],
        ignoreFocusOut: true,
      });
      if (v === undefined) return undefined;
      vars[name] = v;
      seen.set(name, v);
    }
    if (names.length) statements = pick(text, scope, vars);
    const broken = statements.find((s) => s.diagnostics.some((d) => d.severity === 'error'));
    if (broken) {
      const first = broken.diagnostics.find((d) => d.severity === 'error')!;
      const line = document.positionAt(first.start).line + 1;
      void vscode.window.showErrorMessage(vscode.l10n.t('Not run: line {0}: {1}', line, first.message));
      return undefined;
    }
    const results: ResultPayload[] = [];
    const headline = text
      .slice(statements[0]!.slice.tokens[0]!.start, statements[0]!.slice.end)
      .split('\n')[0]!
      .slice(0, 80);
    this.panel.showRunning(
      statements.length > 1
        ? vscode.l10n.t('{0} (and {1} more statements)', headline, statements.length - 1)
        : headline,
    );
    // The results panel says "Running…" at once; a notification (with Cancel) joins it only when the run
    // takes a while, and is gone before the rows show, so no "Running query" toast lingers beside them.
    await withProgressThatCloses({ title: vscode.l10n.t('Running query') }, async (signal, progress) => {
      for (const st of statements) {
        if (signal.aborted) break;
        results.push(await this.runOne(st, text, vars, signal, (m) => progress.report({ message: m })));
      }
    });
    this.panel.showResults(results);
    return results;
  }

  private async runOne(
    st: AnalyzedStatement,
    text: string,
    vars: Record<string, string>,
    signal: AbortSignal,
    report: (m: string) => void,
  ): Promise<ResultPayload> {
    const plan = st.plan!;
    const statement = statementOf(st, text, vars);
    if (plan.kind === 'meta') return toPayload(statement, await execute(plan, undefined), undefined);
    const res = resolveConnection(this.services.listConnections(), plan.params.subdomain, plan.connection);
    if (!res.ok) return errorPayload(statement, res.message);
    const name = res.connection.name;
    // The same trust gate as the tree and panels, before any question or request: a DELETE in a file
    // must not revoke in a workspace where the Revoke menus are hidden.
    if (plan.kind === 'delete') {
      const refused = refuseRevokeIfRestricted(this.services.logger, 'Query DELETE');
      if (refused) return errorPayload(statement, refused, name);
    }
    try {
      const client = await this.services.getClient(res.connection.id);
      if (plan.kind === 'delete' && !(await this.confirm(plan, client, res.connection)))
        return errorPayload(statement, vscode.l10n.t('Cancelled: nothing was revoked.'), name);
      this.services.logger.info(`query: running ${plan.method.name} on connection "${name}" (${res.via})`);
      const r = await execute(plan, client, {
        signal,
        vars,
        onProgress: report,
        pageCap: vscode.workspace.getConfiguration('oktaTokenExplorer.query').get<number>('pageCap', 20),
      });
      if (plan.kind === 'delete') this.reportRevoked(plan, r, res.connection.id);
      return toPayload(statement, r, name);
    } catch (e) {
      const msg = signal.aborted ? vscode.l10n.t('Cancelled.') : (e as Error).message;
      this.services.logger.warn(`query on "${name}" failed: ${msg}`);
      // A list that broke off mid-way keeps what arrived: shown under the error, and exportable.
      if (e instanceof ListBrokenOffError && !signal.aborted && e.partial.rows.length)
        return { ...toPayload(statement, { ...e.partial, truncated: false }, name), error: msg };
      return errorPayload(statement, msg, name);
    }
  }

  private async confirm(
    plan: DeletePlan,
    client: Awaited<ReturnType<ExtensionServices['getClient']>>,
    conn: ConnectionSummary,
  ): Promise<boolean> {
    const p = plan.params;
    // The tree may know the client's name from any server.
    const clientId = clientOf(plan);
    const cached = this.services.idCache.clients(conn.id, p.authServerId).find((c) => c.id === clientId);
    const clientName = cached?.name ?? clientId;
    // The services' prompter, not the window directly: the extension-host tests answer it.
    const prompter = this.services.prompter();
    // The file's `-- connection:` line or subdomain picked the org, so the modal names it.
    const connection = { name: conn.name, orgUrl: conn.orgUrl };
    if (!plan.bulk) {
      // Its user, when the tree has loaded the token: the modal names whose token goes.
      const seen = this.services.idCache
        .tokens(conn.id, p.authServerId, clientId)
        .find((t) => t.id === p.tokenId);
      const user = seen?.userName ?? seen?.userId ?? p.userId;
      const token = {
        tokenId: p.tokenId!,
        clientName,
        ...(user ? { user } : {}),
        ...(seen?.userId ? { userId: seen.userId } : {}),
      };
      return confirmRevoke(prompter, { count: 1, clientNames: [clientName], connection, tokens: [token] });
    }
    // Revoke-all removes every token, listed or not, so it is confirmed as "ALL" (with the typed-name
    // step); the preview count from Okta is only shown as how many are known now.
    const tokens = await previewDelete(plan, client).catch(() => undefined);
    return confirmRevoke(prompter, {
      count: undefined,
      clientNames: [clientName],
      connection,
      listedCount: tokens ? tokens.filter((t) => (t.status ?? '').toUpperCase() !== 'REVOKED').length : null,
      tokens: tokens
        ?.filter((t) => (t.status ?? '').toUpperCase() !== 'REVOKED')
        .map((t) => confirmTokenOf(t, clientName)),
    });
  }

  /** Lets the tree and open panels show what the DELETE revoked, without reloading from Okta. */
  private reportRevoked(plan: DeletePlan, r: QueryResult, connectionId: string): void {
    const done = (r.revokes ?? []).filter((x) => isRevoked(x.outcome));
    if (done.length === 0) return;
    const p = plan.params;
    this.services.tokensRevoked(
      connectionId,
      {
        clientId: clientOf(plan),
        ...(p.authServerId !== undefined ? { authServerId: p.authServerId } : {}),
        ...(p.userId !== undefined ? { userId: p.userId } : {}),
      },
      plan.bulk ? 'all' : done.map((x) => x.tokenId),
    );
  }
}
