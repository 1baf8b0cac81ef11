// Statement splitter: cuts a document into `;`-terminated statements using the lexer, so semicolons
// inside strings, quoted identifiers, comments and `{{ }}` placeholders never split. Every later stage
// works per statement, which keeps one broken statement from blocking diagnostics or completion in
// the next one.
import { isComment, lex, type Token } from './lexer';

export interface StatementSlice {
  /** Offset of the first token (comment or code) of the statement. */
  start: number;
  /** Offset just after the terminating `;`, or after the last token when unterminated. */
  end: number;
  /** Code tokens (no comments, no terminating `;`). */
  tokens: Token[];
  /** Comments inside or directly before the statement (after the previous `;`). */
  comments: Token[];
  /** The `;` token, when present. */
  semicolon?: Token;
}

export function splitTokens(all: Token[]): StatementSlice[] {
  const out: StatementSlice[] = [];
  let cur: StatementSlice | undefined;
  for (const t of all) {
    if (!cur) cur = { start: t.start, end: t.end, tokens: [], comments: [] };
    cur.end = t.end;
    if (t.kind === 'punct' && t.text === ';') {
      cur.semicolon = t;
      out.push(cur);
      cur = undefined;
    } else if (isComment(t)) cur.comments.push(t);
    else cur.tokens.push(t);
  }
  if (cur) out.push(cur);
  return out;
}

export function splitStatements(text: string): StatementSlice[] {
  return splitTokens(lex(text));
}
