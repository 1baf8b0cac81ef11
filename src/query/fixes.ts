// Quick fixes for diagnostics, as text edits: insert the missing required parameters (filled with ids
// the tree has loaded, or with {{ placeholders }} when none are known), replace a misspelt name with
// the "did you mean" suggestion, add the FANOUT hint, and cap `limit` at 200. Also the code lenses
// ("Run", "Run — revokes N tokens") per runnable statement.
import type { AnalyzedDocument, MissingParamsData, QueryDiagnostic } from './analyzer';
import type { TextEdit } from './format';
import { bindingOf } from './resources';
import { sqlString } from './sqlString';

export interface QuickFix {
  title: string;
  edits: TextEdit[];
  preferred?: boolean;
}

/** Candidate values for the missing parameters, one map per quick fix offered. */
export type ParamValues = Record<string, string>;

export function insertParamsEdit(data: MissingParamsData, values: ParamValues): TextEdit {
  const preds = data.missing.map((p) => `${p} = ${sqlString(values[p] ?? `{{ ${p} }}`)}`);
  const text = data.needsWhere ? `\nWHERE ${preds.join(' AND ')}` : ` AND ${preds.join(' AND ')}`;
  return { start: data.insertAt, end: data.insertAt, newText: text };
}

function describeValues(
  data: MissingParamsData,
  values: ParamValues,
  labels: Record<string, string>,
): string {
  return data.missing
    .map((p) => (values[p] ? `${p} = ${values[p]}${labels[p] ? ` (${labels[p]})` : ''}` : p))
    .join(', ');
}

export interface FixInputs {
  /** Value choices per missing parameter, with labels, most likely first (from the tree's cache). */
  choices?: { values: ParamValues; labels?: Record<string, string> }[];
}

export function quickFixes(d: QueryDiagnostic, inputs: FixInputs = {}): QuickFix[] {
  const out: QuickFix[] = [];
  if (d.code === 'missing-required-params' && d.data && 'missing' in d.data) {
    const data = d.data;
    for (const c of (inputs.choices ?? []).slice(0, 5)) {
      out.push({
        title: `Add missing parameters: ${describeValues(data, c.values, c.labels ?? {})}`,
        edits: [insertParamsEdit(data, c.values)],
        preferred: out.length === 0,
      });
    }
    out.push({
      title: `Add missing parameters: { ${data.missing.join(', ')} } as placeholders`,
      edits: [insertParamsEdit(data, {})],
      preferred: out.length === 0,
    });
  } else if (d.code === 'fanout' && d.data && 'hintAt' in d.data && d.data.hintAt !== undefined) {
    out.push({
      title: `Fan out over all ${d.data.missing.includes('authServerId') ? 'authorization servers and clients' : 'clients'} (add /*+ FANOUT */)`,
      edits: [{ start: d.data.hintAt, end: d.data.hintAt, newText: ' /*+ FANOUT */' }],
    });
  } else if (d.data && 'suggestion' in d.data) {
    out.push({
      title: `Change to '${d.data.suggestion}'`,
      edits: [{ start: d.start, end: d.end, newText: d.data.suggestion }],
      preferred: true,
    });
  } else if (d.code === 'limit-too-large') {
    out.push({
      title: 'Use limit = 200',
      edits: [{ start: d.start, end: d.end, newText: 'limit = 200' }],
      preferred: true,
    });
  }
  return out;
}

export interface LensSpec {
  /** Offset of the statement's first code token. */
  start: number;
  end: number;
  kind: 'select' | 'delete' | 'meta';
  bulk?: boolean;
  /** Whose tokens a revoke-all takes: a client's on a server, a user's for a client, or an app's. */
  holder?: 'server' | 'user' | 'app';
  /**
   * For a DELETE through the server path: the parameters, so the count of tokens the tree loaded can be
   * looked up (the tree caches tokens by server and client).
   */
  params?: Record<string, string>;
  hasErrors: boolean;
}

export function lensSpecs(doc: AnalyzedDocument): LensSpec[] {
  const out: LensSpec[] = [];
  for (const st of doc.statements) {
    const k = st.stmt.kind;
    if (k !== 'select' && k !== 'delete' && k !== 'show' && k !== 'describe' && k !== 'exec') continue;
    const hasErrors = st.diagnostics.some((d) => d.severity === 'error');
    const spec: LensSpec = {
      start: st.slice.tokens[0]!.start,
      end: st.slice.end,
      // An EXEC runs as the verb of its method: a revoke is a delete (confirmed), a read a select.
      kind:
        k === 'select'
          ? 'select'
          : k === 'delete' || (k === 'exec' && st.plan?.kind === 'delete')
            ? 'delete'
            : k === 'exec'
              ? 'select'
              : 'meta',
      hasErrors,
    };
    if (st.plan?.kind === 'delete') {
      spec.bulk = st.plan.bulk;
      const b = bindingOf(st.plan.resource, st.plan.method);
      spec.holder = b?.kind === 'revoke' ? b.path(st.plan.params).via : 'server';
      if (spec.holder === 'server') spec.params = st.plan.params;
    }
    out.push(spec);
  }
  return out;
}

export function lensTitle(spec: LensSpec, tokenCount?: number): string {
  if (spec.kind !== 'delete') return '▶ Run';
  if (!spec.bulk) return '▶ Run — revokes 1 token';
  return tokenCount !== undefined
    ? `▶ Run — revokes ${tokenCount} token${tokenCount === 1 ? '' : 's'}`
    : `▶ Run — revokes all tokens ${spec.holder === 'user' ? "of the user's client" : spec.holder === 'app' ? 'of the app' : 'of the client'}`;
}
