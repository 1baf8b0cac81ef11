// The `.iql` language server as a factory over any LSP connection (IPC in the extension, streams in
// tests). It wires vscode-languageserver to the pure producers in src/query. Every handler is wrapped so
// that an internal error is logged and answered with an empty result — it never reaches the client as
// a failed request.
import {
  CodeActionKind,
  DiagnosticSeverity,
  TextDocumentSyncKind,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type InitializeResult,
} from 'vscode-languageserver';
import {
  analyzeDocument,
  diffEdit,
  diagnosticsByStatement,
  reusedStatements,
  statementAt,
  statementCount,
  statementsAround,
  StatementCache,
  updateDocument,
  type AnalyzedDocument,
  type DocumentEdit,
  type MissingParamsData,
  type QueryDiagnostic,
  type Severity,
  type StatementReuse,
} from '../query/analyzer';
import { completionContext, completionItems, idRequestFor } from '../query/completion';
import { quickFixes, lensSpecs, lensTitle, type FixInputs, type ParamValues } from '../query/fixes';
import { formatDocument } from '../query/format';
import { hoverAt, idHoverAt, idHoverMarkdown } from '../query/hover';
import { semanticTokens, TOKEN_MODIFIERS, TOKEN_TYPES } from '../query/semanticTokens';
import { LineIndex } from '../query/text';
import {
  CacheChangedNotification,
  DIAGNOSTIC_SOURCE,
  Requests,
  RUN_STATEMENT_COMMAND,
  type CachedId,
  type CachedIdsParams,
  type ConnectionInfo,
  type TokenCountParams,
} from './protocol';
import { mergeEdits, OpenDocument } from './documents';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface ServerOptions {
  /** Delay between the last keystroke and publishing diagnostics. */
  diagnosticsDelayMs?: number;
  /** How long to wait for the extension to answer a custom request before going on without it. */
  requestTimeoutMs?: number;
}

/** A statement's diagnostics as last published: its analysis's own diagnostics, and them in positions. */
interface Published {
  ds: readonly QueryDiagnostic[];
  lsp: Diagnostic[];
}

interface Analysis {
  version: number;
  doc: AnalyzedDocument;
  lines: LineIndex;
}

/**
 * The diagnostics last reported to a client that pulls them (LSP 3.17 textDocument/diagnostic), by
 * statement, so a later pull can answer "unchanged" after comparing only the statements an edit touched.
 */
interface Report {
  resultId: string;
  /** Statements in the reported analysis; `byStatement[i]`: statement i's diagnostics as sent. */
  count: number;
  byStatement: (Diagnostic[] | undefined)[];
  lineCount: number;
}

/**
 * How the current analysis relates to the reported one: its first `head` statements are the reported
 * analysis's first ones where they were, its last `tail` its last ones moved by `edit`, and `edit` the
 * one region of the text that changed since ('scratch': analysed from scratch since, compare nothing).
 */
interface SinceReport extends StatementReuse {
  edit?: DocumentEdit;
}

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  return (
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character &&
    a.severity === b.severity &&
    a.code === b.code &&
    a.message === b.message
  );
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new Map<string, OpenDocument>();
  const cache = new Map<string, Analysis>();
  // Per document: the statements' published diagnostics by where the statement starts (line, column).
  const published = new Map<string, Map<string, Published>>();
  // Per document, for a client that pulls diagnostics: what it was last sent and what changed since.
  const reports = new Map<string, Report>();
  const sinceReport = new Map<string, SinceReport | 'scratch'>();
  let reportCounter = 0;
  // Set at initialize: the client pulls diagnostics (LSP 3.17), so none are pushed.
  let pull = false;
  // Per document: analysed statements by text, so an edit re-analyses only the statement it touched.
  const statementCaches = new Map<string, StatementCache>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let delay = options.diagnosticsDelayMs ?? 150;
  const requestTimeout = options.requestTimeoutMs ?? 1500;
  let clientAnswersCustom = true;

  const log = (msg: string) => connection.console.error(msg);

  function safe<A extends unknown[], R>(
    name: string,
    fallback: R,
    fn: (...args: A) => R | Promise<R>,
  ): (...args: A) => Promise<R> {
    return async (...args: A) => {
      try {
        return await fn(...args);
      } catch (e) {
        log(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return fallback;
      }
    };
  }

  /** Asks the extension; any failure or timeout means "nothing known", never an error. */
  async function ask<T>(method: string, params: unknown, fallback: T): Promise<T> {
    if (!clientAnswersCustom) return fallback;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const timeout = new Promise<T>((resolve) => {
        timer = setTimeout(() => resolve(fallback), requestTimeout);
      });
      const answer = (await Promise.race([connection.sendRequest<T>(method, params), timeout])) as
        T | null | undefined;
      return answer ?? fallback;
    } catch (e) {
      const code = (e as { code?: number }).code;
      if (code === -32601)
        clientAnswersCustom = false; // method not found: a client without our extension
      else log(`request ${method} failed: ${(e as Error).message}`);
      return fallback;
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  function analysis(uri: string): Analysis | undefined {
    const td = documents.get(uri);
    if (!td) return undefined;
    const hit = cache.get(uri);
    if (hit && hit.version === td.version) return hit;
    const text = td.text;
    let sc = statementCaches.get(uri);
    if (!sc) statementCaches.set(uri, (sc = new StatementCache()));
    const pending = td.takeEdit();
    // The editor asks for unfilled placeholders when a statement runs: its advice is not the CLI's --var.
    const ctx = { editor: true };
    let a: Analysis;
    if (hit) {
      // Only the statements around the change are lexed and analysed again; the rest are moved.
      const e = !pending || pending === 'full' ? diffEdit(hit.doc.text, text) : pending;
      // The statements around the edit are read from the document's chunks, not from `text`.
      const doc = updateDocument(hit.doc, text, e, ctx, sc, td.read);
      a = { version: td.version, doc, lines: td.lines };
      noteReuse(uri, a.doc, e);
    } else {
      a = { version: td.version, doc: analyzeDocument(text, ctx, sc), lines: td.lines };
      sinceReport.set(uri, 'scratch');
    }
    cache.set(uri, a);
    return a;
  }

  /** Folds one incremental update into what changed since the diagnostics last reported. */
  function noteReuse(uri: string, doc: AnalyzedDocument, e: DocumentEdit): void {
    const since = sinceReport.get(uri);
    const r = reusedStatements(doc);
    if (since === 'scratch' || !since || !r) {
      sinceReport.set(uri, 'scratch');
      return;
    }
    sinceReport.set(uri, {
      head: Math.min(since.head, r.head),
      tail: Math.min(since.tail, r.tail),
      edit: mergeEdits(since.edit, e.start, e.oldEnd, e.newEnd - e.start),
    });
  }

  function toDiagnostic(d: QueryDiagnostic, lines: LineIndex, base = 0): Diagnostic {
    return {
      range: lines.range(base + d.start, base + d.end),
      severity: SEVERITY[d.severity],
      code: d.code,
      source: DIAGNOSTIC_SOURCE,
      message: d.message,
      // No `data`: code actions look the diagnostic up in the server's own current analysis, so the
      // payload stays small for files with thousands of findings.
    };
  }

  /**
   * Every diagnostic of the document in positions. Per statement: what was sent for the same analysis
   * at the same line and column is sent again as it was; only the statements an edit touched or moved
   * to another line are converted. `byStatement` (when given) gets each statement's, by index.
   */
  function allDiagnostics(
    uri: string,
    a: Analysis,
    byStatement?: (Diagnostic[] | undefined)[],
  ): Diagnostic[] {
    const before = published.get(uri);
    const now = new Map<string, Published>();
    const diagnostics: Diagnostic[] = [];
    diagnosticsByStatement(a.doc, (ds, base, i) => {
      const at = a.lines.position(base);
      const key = `${at.line}:${at.character}`;
      const hit = before?.get(key);
      const lsp = hit && hit.ds === ds ? hit.lsp : ds.map((d) => toDiagnostic(d, a.lines, base));
      now.set(key, { ds, lsp });
      if (byStatement) byStatement[i] = lsp;
      for (const d of lsp) diagnostics.push(d);
    });
    published.set(uri, now);
    return diagnostics;
  }

  const publish = safe('diagnostics', undefined, (uri: string) => {
    const a = analysis(uri);
    if (!a) return;
    void connection.sendDiagnostics({ uri, version: a.version, diagnostics: allDiagnostics(uri, a) });
  });

  /**
   * Whether the current analysis's diagnostics are those last reported, looking only at what changed:
   * the statements between the reused head and tail are converted and compared, and the tail (moved by
   * the edit) is checked to start on a line the edit did not touch, with as many lines before it.
   */
  function sameAsReported(a: Analysis, report: Report, since: SinceReport): boolean {
    if (!since.edit) return true;
    const count = statementCount(a.doc);
    const { head, tail } = since;
    const now: Diagnostic[] = [];
    diagnosticsByStatement(
      a.doc,
      (ds, base) => {
        for (const d of ds) now.push(toDiagnostic(d, a.lines, base));
      },
      head,
      count - tail,
    );
    const then: Diagnostic[] = [];
    for (let i = head; i < report.count - tail; i++) then.push(...(report.byStatement[i] ?? []));
    if (now.length !== then.length || now.some((d, k) => !sameDiagnostic(d, then[k]!))) return false;
    let tailStart = -1;
    diagnosticsByStatement(
      a.doc,
      (_, base) => {
        tailStart = base;
        return false;
      },
      count - tail,
    );
    if (tailStart < 0) return true;
    // The tail's diagnostics keep their lines and columns when no line was added or removed and the
    // first of them starts on a line after the one the edit ends on (the text from there is unchanged).
    const line = a.lines.position(since.edit.newEnd).line;
    return (
      a.lines.lineCount === report.lineCount &&
      line + 1 < a.lines.lineCount &&
      tailStart >= a.lines.offset({ line: line + 1, character: 0 })
    );
  }

  /** textDocument/diagnostic: "unchanged" when the client has what the document's diagnostics are. */
  const pullDiagnostics = safe(
    'diagnostics',
    { kind: 'full', items: [] } as DocumentDiagnosticReport,
    (uri: string, previousResultId: string | undefined): DocumentDiagnosticReport => {
      const a = analysis(uri);
      if (!a) return { kind: 'full', items: [] };
      const report = reports.get(uri);
      const since = sinceReport.get(uri);
      if (
        report &&
        previousResultId === report.resultId &&
        since &&
        since !== 'scratch' &&
        sameAsReported(a, report, since)
      )
        return { kind: 'unchanged', resultId: report.resultId };
      const count = statementCount(a.doc);
      const byStatement = new Array<Diagnostic[] | undefined>(count);
      const items = allDiagnostics(uri, a, byStatement);
      const next: Report = {
        resultId: `${a.version}.${++reportCounter}`,
        count,
        byStatement,
        lineCount: a.lines.lineCount,
      };
      reports.set(uri, next);
      // From now on changes are counted from this analysis: every statement is its own head and tail.
      sinceReport.set(uri, { head: count, tail: count });
      return { kind: 'full', resultId: next.resultId, items };
    },
  );

  connection.onInitialize((params): InitializeResult => {
    // A client that pulls diagnostics (VS Code's does) is told "unchanged" when an edit changed none,
    // instead of being sent every diagnostic of the file after each change.
    pull = !!params.capabilities.textDocument?.diagnostic;
    // Benchmarks and tests may turn the typing debounce off; nothing else is configurable here.
    const init = params.initializationOptions as { diagnosticsDelayMs?: unknown } | undefined;
    if (typeof init?.diagnosticsDelayMs === 'number' && init.diagnosticsDelayMs >= 0)
      delay = init.diagnosticsDelayMs;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        ...(pull
          ? { diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false } }
          : {}),
        completionProvider: {
          triggerCharacters: ['.', "'", ' ', '='],
          // Names of ids go in labelDetails so every row of the list shows them.
          completionItem: { labelDetailsSupport: true },
        },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        documentFormattingProvider: true,
        semanticTokensProvider: {
          legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] },
          // Range only: VS Code then asks for what is on screen after each edit, not for the whole file
          // (2.8 s on a 50,000-line file; a full request is still answered for clients that send one).
          range: true,
        },
      },
      serverInfo: { name: 'okta-iql-language-server', version: '0.1.0' },
    };
  });

  /** Pushes the document's diagnostics once typing pauses (a client that pulls asks for them itself). */
  function changed(uri: string): void {
    if (pull) return;
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void publish(uri);
      }, delay),
    );
  }
  function forget(uri: string): void {
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    documents.delete(uri);
    cache.delete(uri);
    published.delete(uri);
    reports.delete(uri);
    sinceReport.delete(uri);
    statementCaches.delete(uri);
  }
  connection.onDidOpenTextDocument((p) => {
    const d = p.textDocument;
    forget(d.uri);
    documents.set(d.uri, new OpenDocument(d.uri, d.languageId, d.version, d.text));
    changed(d.uri);
  });
  connection.onDidChangeTextDocument((p) => {
    const doc = documents.get(p.textDocument.uri);
    if (!doc) return;
    doc.apply(p.contentChanges, p.textDocument.version);
    changed(doc.uri);
  });
  connection.onDidCloseTextDocument((p) => {
    forget(p.textDocument.uri);
    if (!pull) void connection.sendDiagnostics({ uri: p.textDocument.uri, diagnostics: [] });
  });
  connection.languages.diagnostics.on((params) =>
    pullDiagnostics(params.textDocument.uri, params.previousResultId),
  );

  connection.onCompletion(
    safe('completion', [] as CompletionItem[], async (params) => {
      const a = analysis(params.textDocument.uri);
      if (!a) return [];
      const offset = a.lines.offset(params.position);
      // The statements around the cursor are enough to find its statement (a large file's others stay unplaced).
      const at = completionContext(a.doc.text, offset, { statements: statementsAround(a.doc, offset) });
      const idReq = idRequestFor(at);
      const env: { subdomains?: string[]; ids?: CachedId[]; connectionNames?: string[] } = {};
      if (at.ctx.kind === 'value' && at.ctx.name === 'subdomain') {
        const conns = await ask<ConnectionInfo[]>(Requests.connections, null, []);
        env.subdomains = conns.map((c) => c.subdomain).filter((s): s is string => !!s);
      }
      if (at.ctx.kind === 'connection')
        env.connectionNames = (await ask<ConnectionInfo[]>(Requests.connections, null, [])).map(
          (c) => c.name,
        );
      if (idReq) {
        // A "-- connection:" line picks the connection whose cache answers, as it does for Run.
        const directive = statementAt(a.doc, offset)?.connection;
        const req: CachedIdsParams = { ...idReq, ...(directive ? { connection: directive } : {}) };
        env.ids = await ask<CachedId[]>(Requests.cachedIds, req, []);
      }
      return completionItems(at, env).map((i) => {
        const item: CompletionItem = {
          label: i.label,
          kind: i.kind as CompletionItem['kind'],
          textEdit: {
            range: a.lines.range(i.replace.start, i.replace.end),
            newText: i.insertText ?? i.label,
          },
        };
        if (i.detail) item.detail = i.detail;
        if (i.labelDetails) item.labelDetails = i.labelDetails;
        if (i.documentation) item.documentation = { kind: 'markdown', value: i.documentation };
        if (i.sortText) item.sortText = i.sortText;
        if (i.filterText) item.filterText = i.filterText;
        if (i.insertTextFormat) item.insertTextFormat = i.insertTextFormat;
        if (i.retrigger) item.command = { title: 'Suggest values', command: 'editor.action.triggerSuggest' };
        return item;
      });
    }),
  );

  connection.onHover(
    safe('hover', null, async (params) => {
      const a = analysis(params.textDocument.uri);
      if (!a) return null;
      const offset = a.lines.offset(params.position);
      const h = hoverAt(a.doc, offset);
      if (h)
        return {
          contents: { kind: 'markdown' as const, value: h.markdown },
          range: a.lines.range(h.start, h.end),
        };
      // An id written as a value: name it from what the tree has loaded (only the extension knows).
      const q = idHoverAt(a.doc, offset);
      if (!q) return null;
      const req: CachedIdsParams = {
        param: q.param,
        given: q.given,
        ...(q.connection ? { connection: q.connection } : {}),
      };
      const loaded = await ask<CachedId[]>(Requests.cachedIds, req, []);
      return {
        contents: { kind: 'markdown' as const, value: idHoverMarkdown(q, loaded) },
        range: a.lines.range(q.start, q.end),
      };
    }),
  );

  async function fixInputs(data: MissingParamsData): Promise<FixInputs> {
    const given = { ...data.given };
    const choices: { values: ParamValues; labels: Record<string, string> }[] = [];
    const base: ParamValues = {};
    const labels: Record<string, string> = {};
    if (data.missing.includes('subdomain')) {
      const conns = await ask<ConnectionInfo[]>(Requests.connections, null, []);
      const s = conns.find((c) => c.subdomain)?.subdomain;
      if (s) {
        base.subdomain = s;
        given.subdomain = s;
      }
    }
    const servers = data.missing.includes('authServerId')
      ? (
          await ask<CachedId[]>(
            Requests.cachedIds,
            { param: 'authServerId', given } satisfies CachedIdsParams,
            [],
          )
        ).slice(0, 3)
      : [{ id: given.authServerId ?? '' }];
    for (const srv of servers) {
      const values: ParamValues = { ...base };
      const lab = { ...labels };
      if (data.missing.includes('authServerId')) {
        values.authServerId = srv.id;
        if (srv.label) lab.authServerId = srv.label;
      }
      if (data.missing.includes('clientId')) {
        const clients = await ask<CachedId[]>(
          Requests.cachedIds,
          { param: 'clientId', given: { ...given, authServerId: srv.id } } satisfies CachedIdsParams,
          [],
        );
        if (clients.length === 0 && data.missing.includes('authServerId')) continue;
        for (const c of clients.slice(0, 3))
          choices.push({
            values: { ...values, clientId: c.id },
            labels: { ...lab, ...(c.label ? { clientId: c.label } : {}) },
          });
        if (clients.length === 0 && Object.keys(values).length > 0) choices.push({ values, labels: lab });
      } else if (Object.keys(values).length > 0) choices.push({ values, labels: lab });
    }
    if (choices.length === 0 && Object.keys(base).length > 0) choices.push({ values: base, labels });
    return { choices };
  }

  connection.onCodeAction(
    safe('codeAction', [] as CodeAction[], async (params) => {
      const a = analysis(params.textDocument.uri);
      if (!a) return [];
      const out: CodeAction[] = [];
      for (const diag of params.context.diagnostics) {
        if (diag.source !== DIAGNOSTIC_SOURCE) continue;
        const start = a.lines.offset(diag.range.start);
        const end = a.lines.offset(diag.range.end);
        // Match against our current analysis (the client's copy may carry stale data).
        const ours = a.doc.diagnostics.find(
          (d) => d.start === start && d.end === end && d.code === diag.code,
        );
        if (!ours) continue;
        const inputs =
          ours.code === 'missing-required-params' && ours.data && 'missing' in ours.data
            ? await fixInputs(ours.data)
            : {};
        for (const fix of quickFixes(ours, inputs)) {
          out.push({
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diag],
            ...(fix.preferred ? { isPreferred: true } : {}),
            edit: {
              changes: {
                [params.textDocument.uri]: fix.edits.map((e) => ({
                  range: a.lines.range(e.start, e.end),
                  newText: e.newText,
                })),
              },
            },
          });
        }
      }
      return out;
    }),
  );

  connection.onCodeLens(
    safe('codeLens', [] as CodeLens[], async (params) => {
      const a = analysis(params.textDocument.uri);
      if (!a) return [];
      const lenses: CodeLens[] = [];
      for (const spec of lensSpecs(a.doc)) {
        let count: number | undefined;
        if (spec.kind === 'delete' && spec.bulk && spec.params) {
          const n = await ask<number | null>(
            Requests.tokenCount,
            { given: spec.params } satisfies TokenCountParams,
            null,
          );
          if (typeof n === 'number') count = n;
        }
        const range = a.lines.range(spec.start, spec.start);
        lenses.push({
          range,
          command: {
            title: lensTitle(spec, count),
            command: RUN_STATEMENT_COMMAND,
            arguments: [params.textDocument.uri, spec.start],
          },
        });
      }
      return lenses;
    }),
  );

  connection.onDocumentFormatting(
    safe('formatting', [], (params) => {
      const a = analysis(params.textDocument.uri);
      if (!a) return [];
      return formatDocument(a.doc).map((e) => ({ range: a.lines.range(e.start, e.end), newText: e.newText }));
    }),
  );

  connection.languages.semanticTokens.on(
    safe('semanticTokens', { data: [] as number[] }, (params) => {
      const a = analysis(params.textDocument.uri);
      return { data: a ? semanticTokens(a.doc, a.lines) : [] };
    }),
  );
  connection.languages.semanticTokens.onRange(
    safe('semanticTokens', { data: [] as number[] }, (params) => {
      const a = analysis(params.textDocument.uri);
      if (!a) return { data: [] };
      const read = documents.get(params.textDocument.uri)?.read;
      const range = {
        start: a.lines.offset(params.range.start),
        end: a.lines.offset(params.range.end),
        ...(read ? { read } : {}),
      };
      return { data: semanticTokens(a.doc, a.lines, range) };
    }),
  );

  connection.onNotification(CacheChangedNotification, () => {
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  });

  connection.listen();
}
