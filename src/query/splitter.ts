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

/**
 * A statement's slice as an analysed document keeps it: offsets only. Its tokens are lexed again from
 * the text when asked for (one statement, cheap), so a document's analysis does not hold a token
 * object for every word of the file.
 */
export class TextSlice implements StatementSlice {
  readonly semicolon?: Token;
  constructor(
    private readonly text: string,
    readonly start: number,
    readonly end: number,
    terminated: boolean,
  ) {
    if (terminated) this.semicolon = { kind: 'punct', start: end - 1, end, text: ';', value: ';' };
  }
  private split(): StatementSlice {
    return splitTokens(lex(this.text, this.start, this.end))[0] ?? { ...this, tokens: [], comments: [] };
  }
  get tokens(): Token[] {
    return this.split().tokens;
  }
  get comments(): Token[] {
    return this.split().comments;
  }
  /** The same statement in a new version of the text, `delta` characters further on. */
  moved(text: string, delta: number): TextSlice {
    return new TextSlice(text, this.start + delta, this.end + delta, !!this.semicolon);
  }
}
