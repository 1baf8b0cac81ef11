// Lexer for the `.iql` dialect. It never fails: every character of the input ends up in exactly one
// token (whitespace is skipped), unknown characters become `unknown` tokens the parser reports, and
// an unterminated string or quoted identifier stops at the end of its line so that one typo cannot
// swallow the rest of the file (the editor keeps working on the following statements).

export type TokenKind =
  | 'ident' // bare word; keywords are decided by the parser from position, so `limit = 5` works
  | 'quoted' // `name` or "name"
  | 'string' // 'text'
  | 'number'
  | 'placeholder' // {{ var }} outside a string
  | 'op' // = != <> < > <= >=
  | 'punct' // , . ; ( ) *
  | 'lineComment'
  | 'blockComment'
  | 'unknown';

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Source text of the token. */
  text: string;
  /** Decoded value: string contents without quotes, identifier without quotes. */
  value: string;
  /** Set on strings / quoted identifiers / block comments that are missing their closing mark. */
  unterminated?: boolean;
}

const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdentPart = (c: number) => isIdentStart(c) || (c >= 48 && c <= 57) || c === 36;
const isDigit = (c: number) => c >= 48 && c <= 57;

export function lex(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let i = from;
  const push = (kind: TokenKind, start: number, end: number, value?: string, unterminated?: boolean) => {
    const t: Token = {
      kind,
      start,
      end,
      text: text.slice(start, end),
      value: value ?? text.slice(start, end),
    };
    if (unterminated) t.unterminated = true;
    out.push(t);
  };
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0xfeff) {
      i++;
      continue;
    }
    const start = i;
    const n = i + 1 < to ? text.charCodeAt(i + 1) : -1;
    if (c === 45 /* - */ && n === 45) {
      let j = i + 2;
      while (j < to && text.charCodeAt(j) !== 10) j++;
      push('lineComment', start, j);
      i = j;
    } else if (c === 35 /* # */) {
      // MySQL-style comment, which StackQL's vitess parser accepts too.
      let j = i + 1;
      while (j < to && text.charCodeAt(j) !== 10) j++;
      push('lineComment', start, j);
      i = j;
    } else if (c === 47 /* / */ && n === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 || close + 2 > to ? to : close + 2;
      push('blockComment', start, end, undefined, close < 0 || close + 2 > to);
      i = end;
    } else if (c === 39 /* ' */ || c === 34 /* " */ || c === 96 /* ` */) {
      let j = i + 1;
      let value = '';
      let closed = false;
      while (j < to) {
        const d = text.charCodeAt(j);
        if (d === 10) break;
        if (d === c) {
          if (j + 1 < to && text.charCodeAt(j + 1) === c) {
            value += text[j];
            j += 2;
            continue;
          }
          closed = true;
          j++;
          break;
        }
        if (d === 92 /* \ */ && c === 39 && j + 1 < to && text.charCodeAt(j + 1) !== 10) {
          value += text[j + 1];
          j += 2;
          continue;
        }
        value += text[j];
        j++;
      }
      push(c === 39 ? 'string' : 'quoted', start, j, value, !closed);
      i = j;
    } else if (c === 123 /* { */ && n === 123) {
      // A placeholder ends at '}}' on its own line. Scanned here rather than with indexOf('}}'), which
      // searched to the end of the text for every unclosed '{{' (quadratic on a file of them).
      let j = i + 2;
      const closes = (k: number) =>
        k + 2 <= to && text.charCodeAt(k) === 125 && text.charCodeAt(k + 1) === 125;
      while (j < to && text.charCodeAt(j) !== 10 && !closes(j)) j++;
      const bad = j >= to || text.charCodeAt(j) === 10;
      const end = bad ? j : j + 2;
      push('placeholder', start, end, text.slice(i + 2, bad ? end : j).trim(), bad);
      i = end;
    } else if (isIdentStart(c)) {
      let j = i + 1;
      while (j < to && isIdentPart(text.charCodeAt(j))) j++;
      push('ident', start, j);
      i = j;
    } else if (isDigit(c)) {
      let j = i + 1;
      while (j < to && isDigit(text.charCodeAt(j))) j++;
      if (j + 1 < to && text.charCodeAt(j) === 46 && isDigit(text.charCodeAt(j + 1))) {
        j++;
        while (j < to && isDigit(text.charCodeAt(j))) j++;
      }
      // "12abc" is not a number followed by an identifier; keep it as one (bad) identifier token.
      if (j < to && isIdentStart(text.charCodeAt(j))) {
        while (j < to && isIdentPart(text.charCodeAt(j))) j++;
        push('unknown', start, j);
      } else push('number', start, j);
      i = j;
    } else if (c === 61 /* = */) {
      push('op', start, i + 1);
      i++;
    } else if (c === 33 /* ! */ && n === 61) {
      push('op', start, i + 2);
      i += 2;
    } else if (c === 60 /* < */) {
      const len = n === 61 || n === 62 ? 2 : 1;
      push('op', start, i + len);
      i += len;
    } else if (c === 62 /* > */) {
      const len = n === 61 ? 2 : 1;
      push('op', start, i + len);
      i += len;
    } else if (c === 44 || c === 46 || c === 59 || c === 40 || c === 41 || c === 42) {
      push('punct', start, i + 1);
      i++;
    } else {
      // One unknown token per run of characters the dialect has no use for (e.g. "@@", "|").
      let j = i + 1;
      while (j < to) {
        const d = text.charCodeAt(j);
        if (d <= 32 || isIdentPart(d) || '\'"`-/{=!<>,.;()*#'.includes(text[j])) break;
        j++;
      }
      push('unknown', start, j);
      i = j;
    }
  }
  return out;
}

export const isComment = (t: Token) => t.kind === 'lineComment' || t.kind === 'blockComment';
