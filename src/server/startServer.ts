// The `.iql` language server as a factory over any LSP connection (IPC in the extension, streams in
// tests). It wires vscode-languageserver to the pure producers in src/query. Every handler is wrapped so
// that an internal error is logged and answered with an empty result — it never reaches the client as
// a failed request.
import {
  CodeActionKind,
  DiagnosticSeverity,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type Connection,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyzeDocument,
  diffEdit,
  diagnosticsByStatement,
  statementAt,
  statementsAround,
  StatementCache,
  updateDocument,
  type AnalyzedDocument,
  type DocumentEdit,
  type MissingParamsData,
  type QueryDiagnostic,
  type Severity,
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

/** Two edits in a row as one: the region of the text that differs from the text before both. */
function mergeEdits(
  first: DocumentEdit | undefined,
  start: number,
  end: number,
  length: number,
): DocumentEdit {
  if (!first) return { start, oldEnd: end, newEnd: start + length };
  // Past the end of the first edit's new text, the text lines up with the old text `oldEnd - newEnd` back.
  const upTo = Math.max(first.newEnd, end);
  return {
    start: Math.min(first.start, start),
    oldEnd: first.oldEnd + (upTo - first.newEnd),
    newEnd: upTo + length - (end - start),
  };
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  // What changed in each document since its last analysis, so the next one redoes only that part
  // ('full' when the client sent the whole text: the changed part is found by comparing).
  const edits = new Map<string, DocumentEdit | 'full'>();
  const cache = new Map<string, Analysis>();
  // Per document: the statements' published diagnostics by where the statement starts (line, column).
  const published = new Map<string, Map<string, Published>>();
  const documents = new TextDocuments<TextDocument>({
    create: (uri, languageId, version, text) => {
      edits.delete(uri);
      cache.delete(uri);
      published.delete(uri);
      return TextDocument.create(uri, languageId, version, text);
    },
    update: (doc, changes, version) => {
      for (const c of changes) {
        const pending = edits.get(doc.uri);
        if ('range' in c && pending !== 'full') {
          const a = doc.offsetAt(c.range.start);
          const b = doc.offsetAt(c.range.end);
          edits.set(doc.uri, mergeEdits(pending, Math.min(a, b), Math.max(a, b), c.text.length));
        } else edits.set(doc.uri, 'full');
        TextDocument.update(doc, [c], version);
      }
      return doc;
    },
  });
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
    const text = td.getText();
    let sc = statementCaches.get(uri);
    if (!sc) statementCaches.set(uri, (sc = new StatementCache()));
    const pending = edits.get(uri);
    edits.delete(uri);
    // The editor asks for unfilled placeholders when a statement runs: its advice is not the CLI's --var.
    const ctx = { editor: true };
    let a: Analysis;
    if (hit) {
      // Only the statements around the change are lexed and analysed again; the rest are moved.
      const e = !pending || pending === 'full' ? diffEdit(hit.doc.text, text) : pending;
      a = {
        version: td.version,
        doc: updateDocument(hit.doc, text, e, ctx, sc),
        lines: hit.lines.edited(text, e.start, e.oldEnd, e.newEnd),
      };
    } else a = { version: td.version, doc: analyzeDocument(text, ctx, sc), lines: new LineIndex(text) };
    cache.set(uri, a);
    return a;
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

  const publish = safe('diagnostics', undefined, (uri: string) => {
    const a = analysis(uri);
    if (!a) return;
    // Per statement: what was sent for the same analysis at the same line and column is sent again
    // as it was; only the statements an edit touched or moved to another line are converted.
    const before = published.get(uri);
    const now = new Map<string, Published>();
    const diagnostics: Diagnostic[] = [];
    diagnosticsByStatement(a.doc, (ds, base) => {
      const at = a.lines.position(base);
      const key = `${at.line}:${at.character}`;
      const hit = before?.get(key);
      const lsp = hit && hit.ds === ds ? hit.lsp : ds.map((d) => toDiagnostic(d, a.lines, base));
      now.set(key, { ds, lsp });
      for (const d of lsp) diagnostics.push(d);
    });
    published.set(uri, now);
    void connection.sendDiagnostics({ uri, version: a.version, diagnostics });
  });

  connection.onInitialize((params): InitializeResult => {
    // Benchmarks and tests may turn the typing debounce off; nothing else is configurable here.
    const init = params.initializationOptions as { diagnosticsDelayMs?: unknown } | undefined;
    if (typeof init?.diagnosticsDelayMs === 'number' && init.diagnosticsDelayMs >= 0)
      delay = init.diagnosticsDelayMs;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
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
          full: true,
        },
      },
      serverInfo: { name: 'okta-iql-language-server', version: '0.1.0' },
    };
  });

  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    clearTimeout(timers.get(uri));
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void publish(uri);
      }, delay),
    );
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    cache.delete(e.document.uri);
    edits.delete(e.document.uri);
    published.delete(e.document.uri);
    statementCaches.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

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

  connection.onNotification(CacheChangedNotification, () => {
    void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  });

  documents.listen(connection);
  connection.listen();
}
