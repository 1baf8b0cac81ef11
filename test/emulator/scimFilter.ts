// Okta's SCIM-style filter expressions (`filter` and `search` on users, `filter` on the System Log):
// `attr op "value"`, `attr pr`, `and`, `or`, `not`, parentheses. Each API accepts only some attributes,
// operators and logic words; the caller passes those rules and gets a predicate or a FilterError that
// says what was refused. Precedence (Okta's core reference): attribute operators, `()`, `and`, `or`.

export type FilterOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'sw' | 'ew' | 'co' | 'pr';
const OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'sw', 'ew', 'co', 'pr']);

export type FilterNode =
  | { kind: 'cmp'; attr: string; op: FilterOp; value?: string | number | boolean | null }
  | { kind: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; inner: FilterNode };

export class FilterError extends Error {}

export interface FilterRules {
  /** Whether an attribute may be used with an operator; the message of a refusal names both. */
  allows(attr: string, op: FilterOp): boolean;
  logic: ReadonlyArray<'and' | 'or' | 'not'>;
  /** Compare strings ignoring case (user `search`), or exactly (user `filter`). */
  caseInsensitive: boolean;
}

type Tok = { t: 'word' | 'str' | '(' | ')'; v: string };

function lex(text: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ t: c, v: c });
      i++;
    } else if (c === '"') {
      let v = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        v += text[i++];
      }
      if (i >= text.length) throw new FilterError('a quoted value is not closed');
      i++;
      out.push({ t: 'str', v });
    } else {
      let v = '';
      while (i < text.length && !/[\s()"]/.test(text[i])) v += text[i++];
      out.push({ t: 'word', v });
    }
  }
  return out;
}

export function parseFilter(text: string, rules: FilterRules): FilterNode {
  const toks = lex(text);
  let pos = 0;
  const peekWord = (w: string): boolean => toks[pos]?.t === 'word' && toks[pos].v.toLowerCase() === w;
  const logic = (w: 'and' | 'or' | 'not'): void => {
    if (!rules.logic.includes(w)) throw new FilterError(`the logical operator '${w}' is not supported here`);
  };
  const primary = (): FilterNode => {
    const tok = toks[pos];
    if (!tok) throw new FilterError('the expression ends too early');
    if (tok.t === '(') {
      pos++;
      const inner = orExpr();
      if (toks[pos]?.t !== ')') throw new FilterError("a '(' is not closed");
      pos++;
      return inner;
    }
    if (peekWord('not')) {
      logic('not');
      pos++;
      return { kind: 'not', inner: primary() };
    }
    if (tok.t !== 'word') throw new FilterError(`expected an attribute name, found "${tok.v}"`);
    const attr = tok.v;
    pos++;
    const opTok = toks[pos];
    const op = opTok?.t === 'word' ? opTok.v.toLowerCase() : '';
    if (!OPS.has(op)) throw new FilterError(`'${opTok?.v ?? ''}' after ${attr} is not an operator`);
    pos++;
    if (!rules.allows(attr, op as FilterOp))
      throw new FilterError(`the operator '${op}' is not supported on ${attr}`);
    if (op === 'pr') return { kind: 'cmp', attr, op };
    const v = toks[pos];
    if (!v || v.t === '(' || v.t === ')') throw new FilterError(`${attr} ${op} needs a value`);
    pos++;
    if (v.t === 'str') return { kind: 'cmp', attr, op: op as FilterOp, value: v.v };
    if (v.v === 'true' || v.v === 'false')
      return { kind: 'cmp', attr, op: op as FilterOp, value: v.v === 'true' };
    if (v.v === 'null') return { kind: 'cmp', attr, op: op as FilterOp, value: null };
    if (/^-?\d+(\.\d+)?$/.test(v.v)) return { kind: 'cmp', attr, op: op as FilterOp, value: Number(v.v) };
    throw new FilterError(`the value ${v.v} of ${attr} must be quoted`);
  };
  const andExpr = (): FilterNode => {
    let left = primary();
    while (peekWord('and')) {
      logic('and');
      pos++;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const orExpr = (): FilterNode => {
    let left = andExpr();
    while (peekWord('or')) {
      logic('or');
      pos++;
      left = { kind: 'or', left, right: andExpr() };
    }
    return left;
  };
  if (toks.length === 0) throw new FilterError('the expression is empty');
  const tree = orExpr();
  if (pos < toks.length) throw new FilterError(`unexpected "${toks[pos].v}"`);
  return tree;
}

/** The values at a dotted path; arrays along the way fan out (target.id matches any target). */
function valuesAt(obj: unknown, path: string[]): unknown[] {
  if (path.length === 0) return Array.isArray(obj) ? obj : [obj];
  if (Array.isArray(obj)) return obj.flatMap((o) => valuesAt(o, path));
  if (obj === null || typeof obj !== 'object') return [];
  return valuesAt((obj as Record<string, unknown>)[path[0]], path.slice(1));
}

function compare(
  actual: unknown,
  op: FilterOp,
  expected: FilterNode & { kind: 'cmp' },
  ci: boolean,
): boolean {
  if (op === 'pr') return actual !== undefined && actual !== null && actual !== '';
  const want = expected.value;
  if (typeof actual === 'string' && typeof want === 'string') {
    const a = ci ? actual.toLowerCase() : actual;
    const w = ci ? want.toLowerCase() : want;
    switch (op) {
      case 'eq':
        return a === w;
      case 'ne':
        return a !== w;
      case 'sw':
        return a.startsWith(w);
      case 'ew':
        return a.endsWith(w);
      case 'co':
        return a.includes(w);
      default: {
        // Dates compare as instants; other strings by code unit.
        const da = Date.parse(actual);
        const dw = Date.parse(want);
        const [x, y] = Number.isFinite(da) && Number.isFinite(dw) ? [da, dw] : [a, w];
        return op === 'gt' ? x > y : op === 'ge' ? x >= y : op === 'lt' ? x < y : x <= y;
      }
    }
  }
  if (op === 'eq') return actual === want;
  if (op === 'ne') return actual !== want;
  if (typeof actual === 'number' && typeof want === 'number')
    return op === 'gt'
      ? actual > want
      : op === 'ge'
        ? actual >= want
        : op === 'lt'
          ? actual < want
          : actual <= want;
  return false;
}

/** Evaluates a parsed filter against a JSON body (the same one the API sends). */
export function matches(node: FilterNode, body: unknown, ci: boolean): boolean {
  switch (node.kind) {
    case 'and':
      return matches(node.left, body, ci) && matches(node.right, body, ci);
    case 'or':
      return matches(node.left, body, ci) || matches(node.right, body, ci);
    case 'not':
      return !matches(node.inner, body, ci);
    default: {
      const values = valuesAt(body, node.attr.split('.'));
      if (node.op === 'ne') return values.every((v) => compare(v, 'ne', node, ci));
      if (node.op === 'pr') return values.some((v) => compare(v, 'pr', node, ci));
      return values.some((v) => compare(v, node.op, node, ci));
    }
  }
}

/** Parses and returns a predicate over API bodies. */
export function compileFilter(text: string, rules: FilterRules): (body: unknown) => boolean {
  const tree = parseFilter(text, rules);
  return (body) => matches(tree, body, rules.caseInsensitive);
}
