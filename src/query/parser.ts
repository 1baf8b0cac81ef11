// Tolerant recursive-descent parser for one statement's tokens. It never throws: on unexpected input
// it records an error with the offending span, keeps the partial tree built so far, and skips to the
// next clause keyword. It never deletes or invents tokens to "repair" input (the SOQL lesson: clever
// recovery turns broken text into confident nonsense).
import type {
  ColumnRef,
  CompareOp,
  DeleteStmt,
  DescribeStmt,
  ExecArg,
  ExecStmt,
  Expr,
  Hint,
  Ident,
  JsonExtract,
  Literal,
  NumberLit,
  Operand,
  OrderItem,
  ResourceRef,
  SelectItem,
  SelectStmt,
  ShowStmt,
  Span,
  Statement,
  StringLit,
  SyntaxError,
} from './ast';
import { didYouMean } from './catalogue';
import type { Token } from './lexer';
import type { StatementSlice } from './splitter';

export interface ParsedStatement {
  slice: StatementSlice;
  stmt: Statement;
  errors: SyntaxError[];
}

const STATEMENT_VERBS = ['SELECT', 'DELETE', 'SHOW', 'DESCRIBE', 'EXEC'];

const UNSUPPORTED = new Set([
  'INSERT',
  'UPDATE',
  'REPLACE',
  'WITH',
  'CREATE',
  'DROP',
  'ALTER',
  'REGISTRY',
  'PURGE',
  'NOP',
  'USE',
  'SET',
  'EXPLAIN',
]);
const NOT_SUPPORTED_CLAUSE = new Set([
  'GROUP',
  'HAVING',
  'UNION',
  'JOIN',
  'INNER',
  'LEFT',
  'RIGHT',
  'CROSS',
  'OUTER',
  'WINDOW',
]);
const CLAUSE_STOP = new Set(['WHERE', 'ORDER', 'LIMIT', 'ON', ...NOT_SUPPORTED_CLAUSE]);
export const STATEMENT_KEYWORDS = ['SELECT', 'DELETE', 'SHOW', 'DESCRIBE', 'EXEC'];

class StatementParser {
  private i = 0;
  readonly errors: SyntaxError[] = [];
  readonly keywords: Span[] = [];

  constructor(
    private readonly toks: Token[],
    private readonly slice: StatementSlice,
  ) {}

  private peek(k = 0): Token | undefined {
    return this.toks[this.i + k];
  }
  private next(): Token | undefined {
    return this.toks[this.i++];
  }
  private atEnd(): boolean {
    return this.i >= this.toks.length;
  }
  private isWord(t: Token | undefined, w: string): boolean {
    return !!t && t.kind === 'ident' && t.text.toUpperCase() === w;
  }
  private isPunct(t: Token | undefined, p: string): boolean {
    return !!t && t.kind === 'punct' && t.text === p;
  }
  private keyword(w: string): boolean {
    if (this.isWord(this.peek(), w)) {
      const t = this.next()!;
      this.keywords.push({ start: t.start, end: t.end });
      return true;
    }
    return false;
  }
  private error(message: string, span?: Span, suggestion?: string): void {
    const at = span ?? this.peek() ?? this.endSpan();
    this.errors.push({ message, start: at.start, end: at.end, ...(suggestion ? { suggestion } : {}) });
  }
  private endSpan(): Span {
    const last = this.toks[this.toks.length - 1];
    const p = this.slice.semicolon?.start ?? last?.end ?? this.slice.end;
    return { start: p, end: p };
  }
  private describe(t: Token | undefined): string {
    if (!t) return 'end of statement';
    if (t.kind === 'string') return `string '${t.value}'`;
    return `'${t.text}'`;
  }
  private lastEnd(fallback: number): number {
    return this.i > 0 ? this.toks[this.i - 1]!.end : fallback;
  }
  /** Skip to the next token that starts one of the given clauses (or the end). */
  private skipTo(stops: Set<string>): void {
    let depth = 0;
    while (!this.atEnd()) {
      const t = this.peek()!;
      if (this.isPunct(t, '(')) depth++;
      else if (this.isPunct(t, ')')) depth = Math.max(0, depth - 1);
      else if (depth === 0 && t.kind === 'ident' && stops.has(t.text.toUpperCase())) return;
      this.i++;
    }
  }

  parse(): Statement {
    const first = this.peek();
    const span = { start: this.toks[0]?.start ?? this.slice.start, end: this.slice.end };
    if (!first) return { kind: 'empty', keywords: this.keywords, ...span };
    const word = first.kind === 'ident' ? first.text.toUpperCase() : '';
    let stmt: Statement;
    if (word === 'SELECT') stmt = this.parseSelect(span);
    else if (word === 'DELETE') stmt = this.parseDelete(span);
    else if (word === 'SHOW') stmt = this.parseShow(span);
    else if (word === 'DESCRIBE' || word === 'DESC') stmt = this.parseDescribe(span);
    else if (word === 'EXEC') stmt = this.parseExec(span);
    else if (UNSUPPORTED.has(word)) {
      this.keyword(word);
      this.error(
        `${word} statements are not supported by this extension; it runs SELECT, DELETE and EXEC (reads and refresh-token revokes), SHOW and DESCRIBE`,
        first,
      );
      this.i = this.toks.length;
      return { kind: 'unsupported', verb: word, keywords: this.keywords, ...span };
    } else {
      // A misspelt verb (SELEC, DELET, SHWO) gets a "did you mean" and, through it, a quick fix.
      const meant = first.kind === 'ident' ? didYouMean(first.text, STATEMENT_VERBS) : undefined;
      this.error(
        `expected a statement (SELECT, DELETE, EXEC, SHOW or DESCRIBE) but found ${this.describe(first)}${meant ? `; did you mean '${meant}'?` : ''}`,
        first,
        meant,
      );
      this.i = this.toks.length;
      return { kind: 'empty', keywords: this.keywords, ...span };
    }
    if (!this.atEnd()) {
      const t = this.peek()!;
      const w = t.kind === 'ident' ? t.text.toUpperCase() : '';
      if (NOT_SUPPORTED_CLAUSE.has(w))
        this.error(`${w} is not supported by this extension (one resource per statement, no grouping)`, t);
      else this.error(`unexpected ${this.describe(t)}; expected ';' or the end of the statement`, t);
    }
    if (!this.slice.semicolon && this.toks.length > 0) {
      // Only the last statement of a file may omit its `;`; the analyzer decides whether that matters.
    }
    return stmt;
  }

  /** `EXEC provider.service.resource.method @name = value, … [@@json = '…']`. */
  private parseExec(span: Span): ExecStmt {
    this.keyword('EXEC');
    const s: ExecStmt = {
      kind: 'exec',
      hints: this.parseHints(),
      args: [],
      keywords: this.keywords,
      ...span,
    };
    const first = this.parseIdent();
    if (!first) {
      this.error(
        `expected a method such as okta.authorizationservers.refresh_tokens.get_refresh_token_for_authorization_server_and_client but found ${this.describe(this.peek())}`,
      );
      this.i = this.toks.length;
      return s;
    }
    const parts: Ident[] = [first];
    while (this.isPunct(this.peek(), '.')) {
      const dot = this.next()!;
      const part = this.parseIdent();
      if (!part) {
        this.error(`expected a name after '.' but found ${this.describe(this.peek())}`, dot);
        break;
      }
      parts.push(part);
    }
    const resParts = parts.slice(0, 3);
    s.target = { parts: resParts, start: first.start, end: resParts[resParts.length - 1]!.end };
    if (parts.length === 4) s.method = parts[3]!;
    else if (parts.length > 4)
      this.error(`EXEC names provider.service.resource.method (four parts); found ${parts.length}`, {
        start: first.start,
        end: parts[parts.length - 1]!.end,
      });
    else if (!this.errors.length)
      this.error(
        `EXEC needs the method after the resource: provider.service.resource.method (found ${parts.length} part${parts.length === 1 ? '' : 's'})`,
        { start: first.start, end: parts[parts.length - 1]!.end },
      );
    for (;;) {
      const at = this.peek();
      if (!at) break;
      if (!(at.kind === 'unknown' && (at.text === '@' || at.text === '@@'))) {
        this.error(`expected @name = value but found ${this.describe(at)}`, at);
        this.i = this.toks.length;
        break;
      }
      this.next();
      const name = this.parseIdent();
      if (!name) {
        this.error(`expected a parameter name after '${at.text}' but found ${this.describe(this.peek())}`);
        this.i = this.toks.length;
        break;
      }
      const op = this.peek();
      let value: Literal | undefined;
      if (op?.kind === 'op' && op.text === '=') {
        this.next();
        value = this.parseLiteral();
        if (!value) this.error(`expected a value for @${name.name} but found ${this.describe(this.peek())}`);
      } else this.error(`expected '=' after @${name.name} but found ${this.describe(op)}`);
      const end = value?.end ?? name.end;
      if (at.text === '@@') s.json = { start: at.start, end };
      else {
        const arg: ExecArg = { name, start: at.start, end };
        if (value) arg.value = value;
        s.args.push(arg);
      }
      if (this.isPunct(this.peek(), ',')) {
        this.next();
        continue;
      }
      if (this.atEnd()) break;
      if (this.peek()?.kind === 'unknown' && this.peek()!.text.startsWith('@')) continue;
      this.error(`expected ',' or the end of the statement but found ${this.describe(this.peek())}`);
      this.i = this.toks.length;
      break;
    }
    return s;
  }

  private parseHints(): Hint[] {
    // Hints like /*+ FANOUT */ are comments; the splitter keeps them, so look them up by position.
    return [];
  }

  private parseSelect(span: Span): SelectStmt {
    this.keyword('SELECT');
    const s: SelectStmt = {
      kind: 'select',
      hints: this.parseHints(),
      items: [],
      orderBy: [],
      keywords: this.keywords,
      ...span,
    };
    this.parseSelectList(s.items);
    if (this.keyword('FROM')) {
      s.from = this.parseResource(true);
    } else if (!this.atEnd() || s.items.length > 0) {
      this.error(`expected FROM <resource> but found ${this.describe(this.peek())}`);
      this.skipTo(new Set(['FROM', ...CLAUSE_STOP]));
      if (this.keyword('FROM')) s.from = this.parseResource(true);
    }
    if (this.isWord(this.peek(), 'WHERE')) {
      const w = this.peek()!;
      this.keyword('WHERE');
      s.whereKeyword = { start: w.start, end: w.end };
      s.where = this.parseWhere(w);
    }
    if (this.isWord(this.peek(), 'ORDER')) {
      this.keyword('ORDER');
      if (!this.keyword('BY')) this.error(`expected BY after ORDER but found ${this.describe(this.peek())}`);
      this.parseOrderBy(s.orderBy);
    }
    if (this.keyword('LIMIT')) {
      const t = this.peek();
      if (t?.kind === 'number' && /^\d+$/.test(t.text)) {
        this.next();
        s.limit = { kind: 'number', value: Number(t.text), raw: t.text, start: t.start, end: t.end };
      } else {
        this.error(`expected a whole number after LIMIT but found ${this.describe(t)}`);
        if (t && !this.isPunct(t, ';')) this.next();
      }
    }
    return s;
  }

  private parseSelectList(items: SelectItem[]): void {
    for (;;) {
      const t = this.peek();
      if (!t || this.isWord(t, 'FROM')) {
        if (items.length === 0)
          this.error(`expected '*' or column names after SELECT but found ${this.describe(t)}`);
        return;
      }
      const item = this.parseSelectItem();
      if (!item) {
        this.error(`expected a column name, '*' or json_extract(…) but found ${this.describe(t)}`);
        this.skipTo(new Set(['FROM', ...CLAUSE_STOP]));
        return;
      }
      items.push(item);
      if (this.isPunct(this.peek(), ',')) {
        this.next();
        continue;
      }
      return;
    }
  }

  private parseAlias(): Ident | undefined {
    if (this.keyword('AS')) {
      const id = this.parseIdent();
      if (!id) this.error(`expected an alias name after AS but found ${this.describe(this.peek())}`);
      return id;
    }
    return undefined;
  }

  private parseSelectItem(): SelectItem | undefined {
    const t = this.peek()!;
    if (this.isPunct(t, '*')) {
      this.next();
      return { kind: 'star', start: t.start, end: t.end };
    }
    if (t.kind === 'ident' && this.isPunct(this.peek(1), '(')) {
      if (t.text.toLowerCase() === 'json_extract') {
        const je = this.parseJsonExtract();
        const alias = this.parseAlias();
        return alias ? { ...je, alias } : je;
      }
      // Any other function: read its argument list so the rest still parses, then report it.
      const name = this.parseIdent()!;
      const end = this.skipParens();
      this.error(`function ${name.name}() is not supported; only json_extract(column, '$.path') is`, {
        start: name.start,
        end,
      });
      const item: SelectItem = { kind: 'call', name, start: name.start, end };
      const alias = this.parseAlias();
      if (alias) item.alias = alias;
      return item;
    }
    const col = this.parseColumnRef();
    if (!col) return undefined;
    const alias = this.parseAlias();
    return alias ? { ...col, alias } : col;
  }

  private skipParens(): number {
    let depth = 0;
    let end = this.peek()?.end ?? this.slice.end;
    while (!this.atEnd()) {
      const t = this.next()!;
      end = t.end;
      if (this.isPunct(t, '(')) depth++;
      else if (this.isPunct(t, ')') && --depth <= 0) break;
    }
    return end;
  }

  private parseJsonExtract(): JsonExtract {
    const name = this.next()!;
    const open = this.next()!; // '('
    const je: JsonExtract = { kind: 'json_extract', start: name.start, end: open.end };
    const col = this.parseColumnRef();
    if (!col)
      this.error(
        `expected a column name as the first argument of json_extract but found ${this.describe(this.peek())}`,
      );
    else je.column = col;
    if (this.isPunct(this.peek(), ',')) {
      this.next();
      const p = this.peek();
      if (p?.kind === 'string') {
        this.next();
        je.path = { kind: 'string', value: p.value, start: p.start, end: p.end };
      } else this.error(`expected a JSON path string such as '$.scopes' but found ${this.describe(p)}`);
    } else this.error(`expected ',' and a JSON path in json_extract but found ${this.describe(this.peek())}`);
    if (this.isPunct(this.peek(), ')')) je.end = this.next()!.end;
    else {
      this.error(`expected ')' to close json_extract but found ${this.describe(this.peek())}`);
      je.end = this.lastEnd(je.end);
    }
    return je;
  }

  private parseIdent(): Ident | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.kind === 'ident' || t.kind === 'quoted') {
      this.next();
      return { name: t.value, quoted: t.kind === 'quoted', start: t.start, end: t.end };
    }
    return undefined;
  }

  private parseColumnRef(): ColumnRef | undefined {
    const t = this.peek();
    if (!t || (t.kind !== 'ident' && t.kind !== 'quoted')) return undefined;
    if (
      t.kind === 'ident' &&
      ['FROM', 'WHERE', 'AND', 'OR', 'NOT'].includes(t.text.toUpperCase()) &&
      !this.isOpNext(1)
    )
      return undefined;
    const first = this.parseIdent()!;
    if (
      this.isPunct(this.peek(), '.') &&
      (this.peek(1)?.kind === 'ident' || this.peek(1)?.kind === 'quoted')
    ) {
      this.next();
      const name = this.parseIdent()!;
      return { kind: 'column', qualifier: first, name, start: first.start, end: name.end };
    }
    return { kind: 'column', name: first, start: first.start, end: first.end };
  }

  private isOpNext(k: number): boolean {
    const t = this.peek(k);
    return !!t && (t.kind === 'op' || this.isWord(t, 'LIKE') || this.isWord(t, 'IN'));
  }

  parseResource(allowAlias: boolean): ResourceRef | undefined {
    const first = this.parseIdent();
    if (!first) {
      this.error(
        `expected a resource name such as okta.authorizationservers.refresh_tokens but found ${this.describe(this.peek())}`,
      );
      return undefined;
    }
    const ref: ResourceRef = { parts: [first], start: first.start, end: first.end };
    while (this.isPunct(this.peek(), '.')) {
      const dot = this.next()!;
      const part = this.parseIdent();
      if (!part) {
        ref.end = dot.end;
        this.error(`expected a name after '.' but found ${this.describe(this.peek())}`, {
          start: dot.start,
          end: dot.end,
        });
        break;
      }
      ref.parts.push(part);
      ref.end = part.end;
    }
    if (ref.parts.length > 3) {
      // A dotted resource name (as in some StackQL providers) must be quoted with backticks.
      this.error(
        `a resource name has three parts (provider.service.resource); found ${ref.parts.length}`,
        ref,
      );
    }
    if (allowAlias) {
      if (this.keyword('AS')) {
        const a = this.parseIdent();
        if (a) ref.alias = a;
        else this.error(`expected an alias after AS but found ${this.describe(this.peek())}`);
      } else {
        const t = this.peek();
        if (t && (t.kind === 'ident' || t.kind === 'quoted') && !CLAUSE_STOP.has(t.text.toUpperCase()))
          ref.alias = this.parseIdent();
      }
    }
    return ref;
  }

  private parseWhere(whereTok: Token): Expr | undefined {
    if (this.atEnd() || this.isWord(this.peek(), 'ORDER') || this.isWord(this.peek(), 'LIMIT')) {
      this.error("expected a condition after WHERE, such as subdomain = 'my-org'", {
        start: whereTok.start,
        end: whereTok.end,
      });
      return undefined;
    }
    const e = this.parseOr();
    if (!this.atEnd() && !this.isWord(this.peek(), 'ORDER') && !this.isWord(this.peek(), 'LIMIT')) {
      const t = this.peek()!;
      if (!NOT_SUPPORTED_CLAUSE.has(t.text.toUpperCase())) {
        this.error(`unexpected ${this.describe(t)} in WHERE; join conditions with AND or OR`, t);
        this.skipTo(new Set(['ORDER', 'LIMIT', ...NOT_SUPPORTED_CLAUSE]));
      }
    }
    return e;
  }

  private parseOr(): Expr | undefined {
    return this.parseChain('or', 'OR', () => this.parseAnd());
  }

  private parseAnd(): Expr | undefined {
    return this.parseChain('and', 'AND', () => this.parseNot());
  }

  /** A left-associative chain `operand (WORD operand)*`; a missing right operand ends it, kept partial. */
  private parseChain(kind: 'or' | 'and', word: string, operand: () => Expr | undefined): Expr | undefined {
    let left = operand();
    while (left && this.isWord(this.peek(), word)) {
      this.keyword(word);
      const right = operand();
      left = {
        kind,
        left,
        start: left.start,
        end: right?.end ?? this.lastEnd(left.end),
        ...(right ? { right } : {}),
      };
      if (!right) break;
    }
    return left;
  }

  private parseNot(): Expr | undefined {
    const t = this.peek();
    if (this.isWord(t, 'NOT') && !this.isOpNext(1)) {
      this.keyword('NOT');
      const e = this.parseNot();
      return { kind: 'not', start: t!.start, end: e?.end ?? t!.end, ...(e ? { expr: e } : {}) };
    }
    if (this.isPunct(t, '(')) {
      this.next();
      const e = this.parseOr();
      if (this.isPunct(this.peek(), ')')) {
        const close = this.next()!;
        if (e) return { ...e, start: t!.start, end: close.end };
      } else this.error(`expected ')' but found ${this.describe(this.peek())}`);
      return e;
    }
    return this.parseComparison();
  }

  private parseOperand(): Operand | undefined {
    const t = this.peek();
    if (t?.kind === 'ident' && t.text.toLowerCase() === 'json_extract' && this.isPunct(this.peek(1), '('))
      return this.parseJsonExtract();
    return this.parseColumnRef();
  }

  private parseComparison(): Expr | undefined {
    const start = this.peek();
    const left = this.parseOperand();
    if (!left) {
      this.error(`expected a condition such as authServerId = '…' but found ${this.describe(start)}`);
      this.skipTo(new Set(['AND', 'OR', 'ORDER', 'LIMIT']));
      return undefined;
    }
    const t = this.peek();
    let op: CompareOp | undefined;
    const opStart = t?.start ?? left.end;
    if (t?.kind === 'op') {
      this.next();
      op = t.text as CompareOp;
    } else if (this.isWord(t, 'LIKE')) {
      this.keyword('LIKE');
      op = 'LIKE';
    } else if (this.isWord(t, 'IN')) {
      this.keyword('IN');
      op = 'IN';
    } else if (
      this.isWord(t, 'NOT') &&
      (this.isWord(this.peek(1), 'LIKE') || this.isWord(this.peek(1), 'IN'))
    ) {
      this.keyword('NOT');
      op = this.keyword('LIKE') ? 'NOT LIKE' : (this.keyword('IN'), 'NOT IN');
    } else if (this.isWord(t, 'IS')) {
      this.keyword('IS');
      const neg = this.keyword('NOT');
      if (!this.keyword('NULL'))
        this.error(`expected NULL after IS${neg ? ' NOT' : ''} but found ${this.describe(this.peek())}`);
      op = neg ? 'IS NOT NULL' : 'IS NULL';
    }
    if (!op) {
      this.error(
        `expected an operator (=, !=, <, >, LIKE, IN) after ${this.describe(this.toks[this.i - 1])} but found ${this.describe(t)}`,
        t ?? { start: left.end, end: left.end },
      );
      return {
        kind: 'compare',
        left,
        op: '=',
        opSpan: { start: left.end, end: left.end },
        start: left.start,
        end: left.end,
      };
    }
    const opSpan = { start: opStart, end: this.lastEnd(opStart) };
    const cmp: Expr = { kind: 'compare', left, op, opSpan, start: left.start, end: opSpan.end };
    if (op === 'IS NULL' || op === 'IS NOT NULL') return cmp;
    if (op === 'IN' || op === 'NOT IN') {
      if (!this.isPunct(this.peek(), '(')) {
        this.error(`expected '(' and a list of values after IN but found ${this.describe(this.peek())}`);
        return cmp;
      }
      this.next();
      const list: Literal[] = [];
      for (;;) {
        const lit = this.parseLiteral();
        if (!lit) {
          this.error(`expected a value in the IN list but found ${this.describe(this.peek())}`);
          break;
        }
        list.push(lit);
        if (this.isPunct(this.peek(), ',')) this.next();
        else break;
      }
      if (this.isPunct(this.peek(), ')')) cmp.end = this.next()!.end;
      else this.error(`expected ')' to close the IN list but found ${this.describe(this.peek())}`);
      cmp.right = list;
      if (cmp.end < (list[list.length - 1]?.end ?? 0)) cmp.end = list[list.length - 1]!.end;
      return cmp;
    }
    const lit = this.parseLiteral();
    if (!lit) {
      this.error(
        `expected a value ('text', a number or {{ placeholder }}) after ${op} but found ${this.describe(this.peek())}`,
        this.peek() ?? { start: opSpan.end, end: opSpan.end },
      );
      return cmp;
    }
    cmp.right = lit;
    cmp.end = lit.end;
    return cmp;
  }

  private parseLiteral(): Literal | undefined {
    const t = this.peek();
    if (!t) return undefined;
    if (t.kind === 'string') {
      this.next();
      if (t.unterminated) this.error('this string is missing its closing quote', t);
      return { kind: 'string', value: t.value, start: t.start, end: t.end };
    }
    if (t.kind === 'number') {
      this.next();
      return { kind: 'number', value: Number(t.text), raw: t.text, start: t.start, end: t.end };
    }
    if (t.kind === 'op' && t.text === '<') return undefined;
    if (t.kind === 'placeholder') {
      this.next();
      if (t.unterminated) this.error("this placeholder is missing its closing '}}'", t);
      return { kind: 'placeholder', name: t.value, start: t.start, end: t.end };
    }
    if (t.kind === 'ident') {
      const w = t.text.toUpperCase();
      if (w === 'NULL' || w === 'TRUE' || w === 'FALSE') {
        this.keyword(w);
        return { kind: w.toLowerCase() as 'null' | 'true' | 'false', start: t.start, end: t.end };
      }
    }
    return undefined;
  }

  private parseOrderBy(out: OrderItem[]): void {
    for (;;) {
      const col = this.parseColumnRef();
      if (!col) {
        this.error(`expected a column name after ORDER BY but found ${this.describe(this.peek())}`);
        this.skipTo(new Set(['LIMIT']));
        return;
      }
      let desc = false;
      let end = col.end;
      if (this.isWord(this.peek(), 'DESC') || this.isWord(this.peek(), 'ASC')) {
        const t = this.peek()!;
        desc = t.text.toUpperCase() === 'DESC';
        this.keyword(t.text.toUpperCase());
        end = t.end;
      }
      out.push({ column: col, desc, start: col.start, end });
      if (this.isPunct(this.peek(), ',')) this.next();
      else return;
    }
  }

  private parseDelete(span: Span): DeleteStmt {
    this.keyword('DELETE');
    const d: DeleteStmt = { kind: 'delete', keywords: this.keywords, ...span };
    if (!this.keyword('FROM'))
      this.error(`expected FROM after DELETE but found ${this.describe(this.peek())}`);
    if (!this.atEnd()) d.from = this.parseResource(false);
    if (this.isWord(this.peek(), 'WHERE')) {
      const w = this.peek()!;
      this.keyword('WHERE');
      d.whereKeyword = { start: w.start, end: w.end };
      d.where = this.parseWhere(w);
    }
    return d;
  }

  private parseShow(span: Span): ShowStmt {
    this.keyword('SHOW');
    const s: ShowStmt = {
      kind: 'show',
      extended: this.keyword('EXTENDED'),
      keywords: this.keywords,
      ...span,
    };
    const t = this.peek();
    const w = t?.kind === 'ident' ? t.text.toUpperCase() : '';
    if (w === 'SERVICES' || w === 'RESOURCES' || w === 'METHODS' || w === 'PROVIDERS') {
      this.keyword(w);
      s.what = w.toLowerCase() as ShowStmt['what'];
    } else {
      this.error(`expected SERVICES, RESOURCES or METHODS after SHOW but found ${this.describe(t)}`);
      this.i = this.toks.length;
      return s;
    }
    if (this.keyword('IN') || this.keyword('FROM')) s.target = this.parseResource(false);
    if (this.keyword('LIKE')) {
      const p = this.peek();
      if (p?.kind === 'string') {
        this.next();
        s.like = { kind: 'string', value: p.value, start: p.start, end: p.end } satisfies StringLit;
      } else this.error(`expected a pattern string after LIKE but found ${this.describe(p)}`);
    }
    return s;
  }

  private parseDescribe(span: Span): DescribeStmt {
    this.keyword(this.isWord(this.peek(), 'DESC') ? 'DESC' : 'DESCRIBE');
    if (this.isWord(this.peek(), 'METHOD')) {
      this.error('DESCRIBE METHOD is not supported; use SHOW METHODS IN <resource>', this.peek());
      this.keyword('METHOD');
    }
    const d: DescribeStmt = {
      kind: 'describe',
      extended: this.keyword('EXTENDED'),
      keywords: this.keywords,
      ...span,
    };
    if (this.atEnd())
      this.error('expected a resource name after DESCRIBE, such as okta.authorizationservers.refresh_tokens');
    else d.target = this.parseResource(false);
    return d;
  }
}

/** Parses one statement slice; never throws (an internal failure becomes a syntax error). */
export function parseStatement(slice: StatementSlice): ParsedStatement {
  const p = new StatementParser(slice.tokens, slice);
  try {
    const stmt = p.parse();
    // EXEC's `@name` / `@@json` markers are read by parseExec; anywhere else '@' is unexpected.
    const execMarks = new Set(
      stmt.kind === 'exec' ? [...stmt.args, ...(stmt.json ? [stmt.json] : [])].map((a) => a.start) : [],
    );
    for (const t of slice.tokens) {
      if (execMarks.has(t.start)) continue;
      if (t.kind === 'unknown' && !p.errors.some((e) => e.start <= t.start && e.end >= t.end)) {
        p.errors.push({ message: `unexpected characters '${t.text}'`, start: t.start, end: t.end });
      }
    }
    for (const c of slice.comments) {
      if (c.kind === 'blockComment' && c.text.length >= 2 && !c.text.endsWith('*/'))
        p.errors.push({ message: "this comment is missing its closing '*/'", start: c.start, end: c.end });
    }
    if (stmt.kind === 'select') stmt.hints = hintsOf(slice);
    return { slice, stmt, errors: p.errors };
  } catch (e) {
    const start = slice.tokens[0]?.start ?? slice.start;
    return {
      slice,
      stmt: { kind: 'empty', keywords: [], start, end: slice.end },
      errors: [{ message: `internal parser error: ${(e as Error).message}`, start, end: slice.end }],
    };
  }
}

/** Optimizer-style hints (`/*+ FANOUT *\/`), StackQL's way of marking statement options. */
export function hintsOf(slice: StatementSlice): Hint[] {
  const out: Hint[] = [];
  for (const c of slice.comments) {
    // Sliced, not matched with /^\/\*\+\s*([\s\S]*?)\s*\*\/$/: that backtracked quadratically on
    // a hint holding a long run of spaces, and hints are read on every keystroke.
    if (c.text.length < 5 || !c.text.startsWith('/*+') || !c.text.endsWith('*/')) continue;
    for (const w of c.text.slice(3, -2).split(/[\s,]+/))
      if (w) out.push({ name: w.toUpperCase(), start: c.start, end: c.end });
  }
  return out;
}

export type { NumberLit };
