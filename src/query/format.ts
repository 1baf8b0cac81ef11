// Document formatter. Each statement without syntax errors is re-printed from its tokens: keywords in
// upper case, one clause per line (SELECT / FROM / WHERE / ORDER BY / LIMIT), top-level AND/OR
// conditions on their own indented lines, comments kept where they were. Statements with syntax errors
// and the text between statements are left exactly as written, so formatting never loses text and
// formatting twice gives the same result.
import type { AnalyzedDocument, AnalyzedStatement } from './analyzer';
import { lex, type Token } from './lexer';

export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

const CLAUSES = new Set(['FROM', 'WHERE', 'ORDER', 'LIMIT']);

/**
 * The printed text as a list of non-empty pieces joined once at the end. Growing one string and asking
 * it `endsWith` / trimming it with a RegExp made every token cost the length of the text so far: a
 * statement with 20,000 ids took seconds. Here each question looks at the last piece only.
 */
class Printer {
  private readonly parts: string[] = [];

  get empty(): boolean {
    return this.parts.length === 0;
  }

  /** The last character printed ('' when nothing is). */
  lastChar(): string {
    const p = this.parts[this.parts.length - 1];
    return p === undefined ? '' : p[p.length - 1]!;
  }

  push(s: string): void {
    if (s !== '') this.parts.push(s);
  }

  /** Drops trailing spaces and tabs; each character is dropped at most once, so this is linear overall. */
  trimEnd(): void {
    while (this.parts.length) {
      const p = this.parts[this.parts.length - 1]!;
      const kept = trimSpaceEnd(p);
      if (kept.length === p.length) return;
      if (kept !== '') {
        this.parts[this.parts.length - 1] = kept;
        return;
      }
      this.parts.pop();
    }
  }

  text(): string {
    return this.parts.join('');
  }
}

function trimSpaceEnd(s: string): string {
  let end = s.length;
  while (end > 0 && (s[end - 1] === ' ' || s[end - 1] === '\t')) end--;
  return s.slice(0, end);
}

/** Drops spaces and tabs at the end of every line of a comment (without a backtracking RegExp). */
function trimLineEnds(s: string): string {
  return s
    .split(/(\r\n|[\n\r\u2028\u2029])/)
    .map((piece, i) => (i % 2 ? piece : trimSpaceEnd(piece)))
    .join('');
}

function printStatement(st: AnalyzedStatement, text: string): string {
  const toks: Token[] = lex(text, st.slice.start, st.slice.end);
  const kw = new Set(st.stmt.keywords.map((k) => st.base + k.start));
  const out = new Printer();
  let depth = 0;
  let needNl = false;
  let prev: Token | undefined;
  const nl = (indent: string) => {
    out.trimEnd();
    if (!out.empty && out.lastChar() !== '\n') out.push('\n');
    out.push(indent);
  };
  for (const t of toks) {
    const upper = kw.has(t.start) ? t.text.toUpperCase() : t.text;
    const isKw = kw.has(t.start);
    if (needNl) {
      // After a line comment the statement continues on a new line: clause keywords at the margin,
      // everything else indented as a continuation.
      nl(isKw && depth === 0 && CLAUSES.has(upper) ? '' : '  ');
      needNl = false;
    } else if (
      isKw &&
      depth === 0 &&
      CLAUSES.has(upper) &&
      prev &&
      !(prev.kind === 'ident' && prev.text.toUpperCase() === 'DELETE')
    )
      nl('');
    else if (isKw && depth === 0 && (upper === 'AND' || upper === 'OR') && prev) nl('  ');
    else if (prev) {
      const glue =
        t.text === ',' ||
        t.text === ';' ||
        t.text === ')' ||
        t.text === '.' ||
        prev.text === '.' ||
        prev.text === '(' ||
        (t.text === '(' && prev.kind === 'ident' && !kw.has(prev.start));
      if (!glue && out.lastChar() !== '\n' && out.lastChar() !== ' ') out.push(' ');
    }
    if (t.text === '(') depth++;
    if (t.text === ')') depth = Math.max(0, depth - 1);
    out.push(t.kind === 'blockComment' || t.kind === 'lineComment' ? trimLineEnds(t.text) : upper);
    if (t.kind === 'lineComment') needNl = true;
    prev = t;
  }
  return out.text();
}

export function formatDocument(doc: AnalyzedDocument): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const st of doc.statements) {
    if (
      st.diagnostics.some((d) => d.code === 'syntax') ||
      st.stmt.kind === 'empty' ||
      st.stmt.kind === 'unsupported' ||
      // EXEC's @name arguments are kept as written (the printer knows no spacing rule for '@').
      st.stmt.kind === 'exec'
    )
      continue;
    // Reprint from the first code token; leading comments between statements stay as they are.
    const start = st.slice.tokens[0]!.start;
    const end = st.slice.end;
    const original = doc.text.slice(start, end);
    const printed = printStatement({ ...st, slice: { ...st.slice, start } }, doc.text);
    if (printed !== original) edits.push({ start, end, newText: printed });
  }
  return edits;
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
