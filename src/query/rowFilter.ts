// Local evaluation of what the API cannot do: WHERE predicates on fields, json_extract, ORDER BY and
// projection, applied to the rows a method returned. Semantics follow SQLite (StackQL's local engine)
// where it matters to users: LIKE is case-insensitive with % and _, comparisons on ISO date-times
// compare as text (which orders them correctly), NULL never equals anything.
import type { Comparison, Expr, Literal, Operand, OrderItem } from './ast';
import { placeholderValue, renderTemplate } from './template';
import { likeMatcher } from './like';
import type { Projection } from './planner';

export type Row = Record<string, unknown>;

/** `$.a.b[0]` style path lookup; returns undefined when any step is missing. */
export function jsonExtract(value: unknown, path: string): unknown {
  let cur: unknown = typeof value === 'string' && /^[[{]/.test(value) ? safeJson(value) : value;
  const steps = path.replace(/^\$/, '').match(/\.[^.[\]]+|\[\d+\]|\["[^"]*"\]/g) ?? [];
  for (const s of steps) {
    if (cur === null || cur === undefined) return undefined;
    if (s.startsWith('[') && /^\[\d+\]$/.test(s))
      cur = Array.isArray(cur) ? cur[Number(s.slice(1, -1))] : undefined;
    else {
      const key = s.startsWith('.') ? s.slice(1) : s.slice(2, -2);
      cur = typeof cur === 'object' ? (cur as Record<string, unknown>)[key] : undefined;
    }
  }
  return cur;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s) as unknown;
  } catch {
    return s;
  }
}

function operand(row: Row, o: Operand): unknown {
  if (o.kind === 'column') return row[o.name.name];
  return o.column ? jsonExtract(row[o.column.name.name], o.path?.value ?? '$') : undefined;
}

function literal(l: Literal, vars: Record<string, string> | undefined): unknown {
  switch (l.kind) {
    case 'string':
      return renderTemplate(l.value, vars).value;
    case 'number':
      return l.value;
    case 'placeholder':
      return placeholderValue(vars, l.name);
    case 'null':
      return null;
    case 'true':
      return true;
    case 'false':
      return false;
  }
}

function compare(a: unknown, b: unknown): number | undefined {
  if (a === null || a === undefined || b === null || b === undefined) return undefined;
  const na =
    typeof a === 'number' ? a : typeof a === 'string' && b !== '' && typeof b === 'number' ? Number(a) : NaN;
  const nb = typeof b === 'number' ? b : typeof b === 'string' && typeof a === 'number' ? Number(b) : NaN;
  if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  const sa = typeof a === 'object' ? JSON.stringify(a) : String(a);
  const sb = typeof b === 'object' ? JSON.stringify(b) : String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

// A WHERE … LIKE is tested on every row with the same pattern: compile it once.
let lastLike: { pattern: string; match: (s: string) => boolean } | undefined;
function matcherFor(pattern: string): (s: string) => boolean {
  if (lastLike?.pattern !== pattern) lastLike = { pattern, match: likeMatcher(pattern) };
  return lastLike.match;
}

function equals(v: unknown, lit: unknown): boolean {
  // An array column (scopes) "equals" a value it contains: the natural reading of scopes = 'offline_access'.
  if (Array.isArray(v)) return v.some((x) => compare(x, lit) === 0);
  return compare(v, lit) === 0;
}

function evalCompare(row: Row, c: Comparison, vars: Record<string, string> | undefined): boolean {
  const v = operand(row, c.left);
  if (c.op === 'IS NULL') return v === null || v === undefined;
  if (c.op === 'IS NOT NULL') return v !== null && v !== undefined;
  if (v === null || v === undefined) return false;
  if (Array.isArray(c.right)) {
    const hit = c.right.some((l) => equals(v, literal(l, vars)));
    return c.op === 'IN' ? hit : !hit;
  }
  if (!c.right) return false;
  const lit = literal(c.right, vars);
  switch (c.op) {
    case '=':
      return equals(v, lit);
    case '!=':
    case '<>':
      return !equals(v, lit);
    case 'LIKE':
    case 'NOT LIKE': {
      const like = matcherFor(String(lit));
      const hit = Array.isArray(v)
        ? v.some((x) => like(String(x)))
        : like(typeof v === 'object' ? JSON.stringify(v) : String(v));
      return c.op === 'LIKE' ? hit : !hit;
    }
    default: {
      const d = compare(v, lit);
      if (d === undefined) return false;
      return c.op === '<' ? d < 0 : c.op === '>' ? d > 0 : c.op === '<=' ? d <= 0 : d >= 0;
    }
  }
}

export function matches(row: Row, e: Expr | undefined, vars?: Record<string, string>): boolean {
  if (!e) return true;
  switch (e.kind) {
    case 'compare':
      return evalCompare(row, e, vars);
    case 'and':
      return matches(row, e.left, vars) && matches(row, e.right, vars);
    case 'or':
      return matches(row, e.left, vars) || (e.right ? matches(row, e.right, vars) : false);
    case 'not':
      return !matches(row, e.expr, vars);
  }
}

export function project(row: Row, projection: Projection[] | '*', fields: string[]): Row {
  if (projection === '*') {
    const out: Row = {};
    for (const f of fields) out[f] = row[f] ?? null;
    return out;
  }
  const out: Row = {};
  for (const p of projection)
    out[p.name] = (p.jsonPath ? jsonExtract(row[p.field], p.jsonPath) : row[p.field]) ?? null;
  return out;
}

export function sortRows(rows: Row[], order: OrderItem[]): Row[] {
  if (order.length === 0) return rows;
  return [...rows].sort((a, b) => {
    for (const o of order) {
      const k = o.column.name.name;
      const av = a[k];
      const bv = b[k];
      // NULLs sort first ascending, as in SQLite.
      const d =
        av === null || av === undefined
          ? bv === null || bv === undefined
            ? 0
            : -1
          : bv === null || bv === undefined
            ? 1
            : (compare(av, bv) ?? 0);
      if (d !== 0) return o.desc ? -d : d;
    }
    return 0;
  });
}
