// Semantic tokens: colours that a TextMate grammar cannot know — whether a word is a keyword here or a
// column named `limit`, whether a WHERE name is a request parameter or a field, and which parts form
// the resource name. Output is LSP's relative integer encoding, lines split for multi-line comments.
import { statementsIn, type AnalyzedDocument, type TextReader } from './analyzer';
import { findField, findParam } from './catalogue';
import { lex } from './lexer';
import { LineIndex } from './text';

export const TOKEN_TYPES = [
  'keyword',
  'string',
  'number',
  'comment',
  'operator',
  'namespace',
  'class',
  'property',
  'parameter',
  'function',
  'macro',
  'variable',
] as const;
export const TOKEN_MODIFIERS = ['declaration', 'readonly'] as const;
const T = Object.fromEntries(TOKEN_TYPES.map((t, i) => [t, i])) as Record<
  (typeof TOKEN_TYPES)[number],
  number
>;

/**
 * The document's tokens, or (with `range`, document offsets) those of the statements overlapping it:
 * an editor asks for the visible part, which in a large file is far less work than all of it.
 * `range.read` reads that part of the text (the language server's store), so that V8 does not copy the
 * whole text of a large document into one string just to colour a screenful.
 */
export function semanticTokens(
  doc: AnalyzedDocument,
  lines = new LineIndex(doc.text),
  range?: { start: number; end: number; read?: TextReader },
): number[] {
  const part = range && statementsIn(doc, range.start, range.end);
  const statements = part ? part.statements : doc.statements;
  // Lexing starts after a statement's `;` (where the lexer starts afresh) and stops where the next
  // statement starts, so no token is cut short.
  const lexFrom = part ? part.before : 0;
  const lexTo = Math.min(part ? part.after : doc.text.length, doc.text.length);
  // The text lexed: the document's, or only the part, read, with offsets `base` less than the document's.
  const src = part && range.read ? range.read(lexFrom, lexTo) : doc.text;
  const base = part && range.read ? lexFrom : 0;
  const out: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  const emit = (start: number, end: number, type: number) => {
    // Split tokens that span lines: LSP tokens are single-line.
    let s = start;
    while (s < end) {
      const p = lines.position(s);
      const at = src.indexOf('\n', s - base);
      const nl = at < 0 ? -1 : at + base;
      const e = nl >= 0 && nl < end ? nl : end;
      if (e > s) {
        const dl = p.line - prevLine;
        out.push(dl, dl === 0 ? p.character - prevChar : p.character, e - s, type, 0);
        prevLine = p.line;
        prevChar = p.character;
      }
      s = e + 1;
    }
  };
  const roles = new Map<number, number>();
  for (const st of statements) {
    const b = st.base;
    for (const k of st.stmt.keywords) roles.set(b + k.start, T.keyword);
    const s = st.stmt;
    const ref = 'from' in s ? s.from : 'target' in s ? s.target : undefined;
    ref?.parts.forEach((p, i) =>
      roles.set(b + p.start, i === ref.parts.length - 1 && i === 2 ? T.class : T.namespace),
    );
    for (const [, v] of st.givenParams) roles.set(b + v.span.start, T.parameter);
  }
  let si = 0;
  for (const t of lex(src, lexFrom - base, lexTo - base)) {
    t.start += base;
    t.end += base;
    if (range && t.end <= range.start) continue;
    // Tokens come in document order, so the statement pointer only moves forward.
    while (si < statements.length && statements[si]!.slice.end < t.end) si++;
    let type: number | undefined;
    switch (t.kind) {
      case 'lineComment':
      case 'blockComment':
        type = t.text.startsWith('/*+') ? T.macro : T.comment;
        break;
      case 'string':
        type = T.string;
        break;
      case 'number':
        type = T.number;
        break;
      case 'placeholder':
        type = T.macro;
        break;
      case 'op':
        type = T.operator;
        break;
      case 'ident':
      case 'quoted': {
        type = roles.get(t.start);
        if (type === undefined) {
          const cand = statements[si];
          const st = cand && cand.slice.start <= t.start ? cand : undefined;
          if (t.text.toLowerCase() === 'json_extract') type = T.function;
          else if (st?.resource) {
            if (findField(st.resource, t.value)) type = T.property;
            else if (findParam(st.resource, st.verb ?? 'select', t.value)) type = T.parameter;
          }
        }
        break;
      }
      default:
        break;
    }
    if (type !== undefined) emit(t.start, t.end, type);
  }
  return out;
}
