// Syntax tree of one `.iql` statement. Every node carries its source span (document offsets) so that
// diagnostics, hover, quick fixes and semantic tokens can point at exact text. Nodes may be partial:
// a statement with a syntax error still has whatever the parser could read before the error.

export interface Span {
  start: number;
  end: number;
}

export interface Ident extends Span {
  /** Identifier text without quotes. */
  name: string;
  quoted: boolean;
}

/** `okta.authorizationservers.refresh_tokens` (1–3 parts; more than three is an error). */
export interface ResourceRef extends Span {
  parts: Ident[];
  alias?: Ident;
}

export interface StringLit extends Span {
  kind: 'string';
  value: string;
}
export interface NumberLit extends Span {
  kind: 'number';
  value: number;
  raw: string;
}
export interface PlaceholderLit extends Span {
  kind: 'placeholder';
  name: string;
}
export interface KeywordLit extends Span {
  kind: 'null' | 'true' | 'false';
}
export type Literal = StringLit | NumberLit | PlaceholderLit | KeywordLit;

export interface ColumnRef extends Span {
  kind: 'column';
  /** Qualifier such as an alias in `t.status`, if written. */
  qualifier?: Ident;
  name: Ident;
}
export interface JsonExtract extends Span {
  kind: 'json_extract';
  column?: ColumnRef;
  path?: StringLit;
}
export type Operand = ColumnRef | JsonExtract;

export type CompareOp =
  | '='
  | '!='
  | '<>'
  | '<'
  | '>'
  | '<='
  | '>='
  | 'LIKE'
  | 'NOT LIKE'
  | 'IN'
  | 'NOT IN'
  | 'IS NULL'
  | 'IS NOT NULL';

export interface Comparison extends Span {
  kind: 'compare';
  left: Operand;
  op: CompareOp;
  opSpan: Span;
  /** One literal, or a list for IN; absent for IS [NOT] NULL or when the parser stopped early. */
  right?: Literal | Literal[];
}
export interface Logical extends Span {
  kind: 'and' | 'or';
  left: Expr;
  right?: Expr;
}
export interface Not extends Span {
  kind: 'not';
  expr?: Expr;
}
export type Expr = Comparison | Logical | Not;

export type SelectItem =
  | (Span & { kind: 'star' })
  | (ColumnRef & { alias?: Ident })
  | (JsonExtract & { alias?: Ident })
  | (Span & { kind: 'call'; name: Ident; alias?: Ident });

export interface OrderItem extends Span {
  column: ColumnRef;
  desc: boolean;
}

export interface Hint extends Span {
  name: string;
}

interface StatementBase extends Span {
  /** Positions of tokens the parser read as keywords (used for formatting and semantic colouring). */
  keywords: Span[];
}

export interface SelectStmt extends StatementBase {
  kind: 'select';
  hints: Hint[];
  items: SelectItem[];
  from?: ResourceRef;
  where?: Expr;
  whereKeyword?: Span;
  orderBy: OrderItem[];
  limit?: NumberLit;
}
export interface DeleteStmt extends StatementBase {
  kind: 'delete';
  from?: ResourceRef;
  where?: Expr;
  whereKeyword?: Span;
}
export interface ShowStmt extends StatementBase {
  kind: 'show';
  extended: boolean;
  what?: 'services' | 'resources' | 'methods' | 'providers';
  target?: ResourceRef;
  like?: StringLit;
}
export interface DescribeStmt extends StatementBase {
  kind: 'describe';
  extended: boolean;
  target?: ResourceRef;
}
/** One `@name = value` argument of an EXEC. */
export interface ExecArg extends Span {
  name: Ident;
  value?: Literal;
}
/**
 * `EXEC okta.<service>.<resource>.<method> @param = 'value', …;` (StackQL's EXEC): runs the named
 * method. `target` is the resource (three parts), `method` the fourth name.
 */
export interface ExecStmt extends StatementBase {
  kind: 'exec';
  hints: Hint[];
  target?: ResourceRef;
  method?: Ident;
  args: ExecArg[];
  /** `@@json = '…'`, a request body: read so it can be refused by name (no method with a body runs here). */
  json?: Span;
}
/** A statement of a kind the dialect knows but this extension does not run (INSERT, UPDATE…). */
export interface UnsupportedStmt extends StatementBase {
  kind: 'unsupported';
  verb: string;
}
/** Nothing but comments, or a statement whose first word is not a statement keyword. */
export interface EmptyStmt extends StatementBase {
  kind: 'empty';
}

export type Statement =
  SelectStmt | DeleteStmt | ShowStmt | DescribeStmt | ExecStmt | UnsupportedStmt | EmptyStmt;

export interface SyntaxError extends Span {
  message: string;
  /** A replacement for the span that would fix it (a misspelt statement keyword); offered as a quick fix. */
  suggestion?: string;
}
