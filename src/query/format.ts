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

function printStatement(st: AnalyzedStatement, text: string): string {
  const toks: Token[] = lex(text, st.slice.start, st.slice.end);
  const kw = new Set(st.stmt.keywords.map((k) => st.base + k.start));
  let out = '';
  let depth = 0;
  let needNl = false;
  let prev: Token | undefined;
  const nl = (indent: string) => {
    out = out.replace(/[ \t]+$/, '');
    if (out !== '' && !out.endsWith('\n')) out += '\n';
    out += indent;
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
      if (!glue && !out.endsWith('\n') && !out.endsWith(' ')) out += ' ';
    }
    if (t.text === '(') depth++;
    if (t.text === ')') depth = Math.max(0, depth - 1);
    out += t.kind === 'blockComment' || t.kind === 'lineComment' ? t.text.replace(/[ \t]+$/gm, '') : upper;
    if (t.kind === 'lineComment') needNl = true;
    prev = t;
  }
  return out;
}

export function formatDocument(doc: AnalyzedDocument): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const st of doc.statements) {
    if (
      st.diagnostics.some((d) => d.code === 'syntax') ||
      st.stmt.kind === 'empty' ||
      st.stmt.kind === 'unsupported'
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
