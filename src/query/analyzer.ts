// Semantic pass over parsed statements: resolves the resource against the catalogue, sorts WHERE
// predicates into request parameters and local filters, checks columns and parameters, picks the
// method, and reports every problem as a diagnostic with a code and the data a quick fix needs. The
// message wording for missing parameters is StackQL's own ("missing required parameters: { … }").
import type {
  ColumnRef,
  Comparison,
  Expr,
  Ident,
  Literal,
  ResourceRef,
  SelectStmt,
  DeleteStmt,
  ExecStmt,
  Span,
  Statement,
} from './ast';
import {
  didYouMean,
  findField,
  findParam,
  findResource,
  findService,
  paramsFor,
  PROVIDER,
  services,
  type CatalogueMethod,
  type CatalogueParam,
  type CatalogueResource,
  type SqlVerb,
} from './catalogue';
import { lex, type Token } from './lexer';
import { describePlan, showPlan } from './meta';
import { parseStatement, type ParsedStatement } from './parser';
import { chooseMethod, pushDownLimit, type Plan, type Projection } from './planner';
import { bindingOf, describeResource, RESOURCES, revokes, revokeTarget } from './resources';
import { splitTokens, TextSlice, type StatementSlice } from './splitter';
import { isSubdomainLabel, subdomainProblem } from './subdomain';
import { NONE, placeholderValue, renderTemplate } from './template';

// Callers (the runner, tests) have long imported these from here.
export { placeholderValue, renderTemplate };

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type DiagnosticCode =
  | 'syntax'
  | 'not-supported'
  | 'unknown-provider'
  | 'unknown-service'
  | 'unknown-resource'
  | 'unknown-column'
  | 'unknown-parameter'
  | 'missing-required-params'
  | 'missing-where'
  | 'fanout'
  | 'param-operator'
  | 'limit-too-large'
  | 'unfilled-placeholder'
  | 'bulk-revoke'
  | 'invalid-value';

export interface MissingParamsData {
  resource: string;
  missing: string[];
  /** Offset where `AND p = '…'` (or `WHERE …`) text goes. */
  insertAt: number;
  /** True when the statement has no WHERE yet. */
  needsWhere: boolean;
  /** Values already given in the statement, for looking up ids (e.g. clients of the given server). */
  given: Record<string, string>;
  /** True when a FANOUT hint would make the statement runnable (refresh_tokens SELECT). */
  fanoutPossible: boolean;
  /** Offset just after SELECT, where a hint comment goes. */
  hintAt?: number;
}

export interface QueryDiagnostic extends Span {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** `cursor`: the placeholder is the value of `after`, a paging cursor the editor leaves out when unfilled. */
  data?: MissingParamsData | { suggestion: string } | { placeholder: string; cursor?: boolean };
}

export interface AnalysisContext {
  /** Values for `{{ name }}` placeholders (CLI --var); unfilled placeholders are reported. */
  vars?: Record<string, string>;
  /** A connection is chosen outside the text (CLI --org-url), so `subdomain` may be left out. */
  connectionGiven?: boolean;
  /** The editor: Run asks for unfilled placeholders, so their advice is that and not the CLI's --var. */
  editor?: boolean;
}

/**
 * One statement's analysis. Its syntax tree (`stmt`, `givenParams`, `errors`, plan expressions) uses
 * offsets relative to `base`, so an unchanged statement can be reused from the cache after an edit
 * above it moved it; `slice` and `diagnostics` are absolute document offsets.
 */
export interface AnalyzedStatement extends ParsedStatement {
  /** Document offset that the syntax tree's offsets are relative to. */
  base: number;
  diagnostics: QueryDiagnostic[];
  resource?: CatalogueResource;
  verb?: SqlVerb;
  /** Present when the statement has no errors and can run. */
  plan?: Plan;
  /** `-- connection: name` directive in force for this statement. */
  connection?: string;
  /** Parameter names given as top-level `=` predicates, with their spans. */
  givenParams: Map<string, { value: string; span: Span; literal: Literal }>;
}

export interface AnalyzedDocument {
  text: string;
  statements: AnalyzedStatement[];
  diagnostics: QueryDiagnostic[];
}

function literalValue(
  l: Literal,
  vars: Record<string, string> | undefined,
): { value: string; unfilled: string[] } {
  switch (l.kind) {
    case 'string':
      return renderTemplate(l.value, vars);
    case 'number':
      return { value: l.raw, unfilled: NONE };
    case 'placeholder': {
      const v = placeholderValue(vars, l.name);
      return v === undefined
        ? { value: `{{ ${l.name} }}`, unfilled: [l.name] }
        : { value: v, unfilled: NONE };
    }
    default:
      return { value: l.kind, unfilled: NONE };
  }
}

/** Flattens a top-level AND chain into its conjuncts. */
export function conjuncts(e: Expr | undefined): Expr[] {
  if (!e) return [];
  if (e.kind === 'and') return [...conjuncts(e.left), ...conjuncts(e.right)];
  return [e];
}

function comparisons(e: Expr | undefined, out: Comparison[] = []): Comparison[] {
  if (!e) return out;
  if (e.kind === 'compare') out.push(e);
  else if (e.kind === 'not') comparisons(e.expr, out);
  else {
    comparisons(e.left, out);
    comparisons(e.right, out);
  }
  return out;
}

class StatementAnalyzer {
  readonly diagnostics: QueryDiagnostic[] = [];
  readonly givenParams = new Map<string, { value: string; span: Span; literal: Literal }>();
  resource?: CatalogueResource;
  verb?: SqlVerb;
  plan?: Plan;

  constructor(
    private readonly parsed: ParsedStatement,
    private readonly ctx: AnalysisContext,
    private readonly connection: string | undefined,
  ) {}

  private diag(
    severity: Severity,
    code: DiagnosticCode,
    message: string,
    span: Span,
    data?: QueryDiagnostic['data'],
  ): void {
    this.diagnostics.push({
      severity,
      code,
      message,
      start: span.start,
      end: span.end,
      ...(data ? { data } : {}),
    });
  }

  run(): void {
    for (const e of this.parsed.errors) {
      const notSupported = /not supported/.test(e.message);
      this.diag(
        'error',
        notSupported ? 'not-supported' : 'syntax',
        e.message,
        e,
        e.suggestion ? { suggestion: e.suggestion } : undefined,
      );
    }
    const s = this.parsed.stmt;
    this.placeholders(s);
    switch (s.kind) {
      case 'select':
        this.verb = 'select';
        this.resource = this.resolve(s.from);
        if (this.resource) this.select(s, this.resource);
        break;
      case 'delete':
        this.verb = 'delete';
        this.resource = this.resolve(s.from);
        if (this.resource) this.delete(s, this.resource);
        break;
      case 'exec':
        this.resource = this.resolve(s.target);
        if (this.resource) this.exec(s, this.resource);
        break;
      case 'show': {
        let svc: string | undefined;
        if (s.target) {
          if (s.what === 'methods') this.resource = this.resolve(s.target);
          else svc = this.resolveService(s.target);
        } else if (s.what === 'methods')
          this.diag(
            'error',
            'syntax',
            'SHOW METHODS needs IN <resource>, e.g. SHOW METHODS IN okta.authorizationservers.refresh_tokens',
            s,
          );
        if (s.what && this.clean()) this.plan = showPlan(s, this.resource, svc);
        break;
      }
      case 'describe':
        this.resource = this.resolve(s.target);
        if (this.resource && this.clean()) this.plan = describePlan(this.resource, s.extended);
        break;
      default:
        break;
    }
  }

  private clean(): boolean {
    return !this.diagnostics.some((d) => d.severity === 'error');
  }

  private placeholders(s: Statement): void {
    // Placeholders are only a problem where they will be sent; report each unfilled one once.
    const seen = new Set<number>();
    const visit = (l: Literal, cursor: boolean) => {
      if (seen.has(l.start)) return;
      seen.add(l.start);
      const { unfilled } = literalValue(l, this.ctx.vars);
      for (const name of unfilled) {
        const advice = !this.ctx.editor
          ? `replace it with a value, or run with --var ${name || 'name'}=…`
          : cursor
            ? 'after is a paging cursor, left out when the statement runs (write one here to continue a list)'
            : 'its value is asked when the statement runs (or replace it with a value)';
        this.diag('warning', 'unfilled-placeholder', `unfilled placeholder {{ ${name} }}: ${advice}`, l, {
          placeholder: name,
          ...(cursor ? { cursor } : {}),
        });
      }
    };
    if (s.kind === 'select' || s.kind === 'delete') {
      for (const c of comparisons(s.where)) {
        const cursor = c.op === '=' && c.left.kind === 'column' && c.left.name.name.toLowerCase() === 'after';
        if (Array.isArray(c.right)) c.right.forEach((l) => visit(l, false));
        else if (c.right) visit(c.right, cursor);
      }
    }
  }

  private resolveService(ref: ResourceRef): string | undefined {
    const [p, s] = ref.parts;
    if (!this.checkProvider(p!)) return undefined;
    if (!s) return undefined;
    if (!findService(s.name)) {
      this.unknown(
        'unknown-service',
        `unknown service '${s.name}' in provider ${PROVIDER}`,
        s,
        services().map((x) => x.name),
      );
      return undefined;
    }
    return s.name.toLowerCase();
  }

  private checkProvider(p: Ident): boolean {
    if (p.name.toLowerCase() !== PROVIDER) {
      this.unknown(
        'unknown-provider',
        `unknown provider '${p.name}'; this extension knows only '${PROVIDER}'`,
        p,
        [PROVIDER],
      );
      return false;
    }
    return true;
  }

  private unknown(code: DiagnosticCode, message: string, span: Span, candidates: Iterable<string>): void {
    const name = 'name' in span ? String((span as Ident).name) : '';
    const suggestion = didYouMean(name, candidates);
    this.diag(
      'error',
      code,
      suggestion ? `${message}; did you mean '${suggestion}'?` : message,
      span,
      suggestion ? { suggestion } : undefined,
    );
  }

  private resolve(ref: ResourceRef | undefined): CatalogueResource | undefined {
    if (!ref) return undefined;
    const [p, s, r] = ref.parts;
    if (ref.parts.length < 3) {
      // Only complain when the parser did not already (e.g. "okta." with nothing after the dot).
      if (!this.parsed.errors.some((e) => e.start >= ref.start && e.start <= ref.end + 1))
        this.diag(
          'error',
          'unknown-resource',
          `expected a full resource name provider.service.resource, such as ${PROVIDER}.authorizationservers.refresh_tokens`,
          ref,
        );
      return undefined;
    }
    if (!this.checkProvider(p!)) return undefined;
    const svc = findService(s!.name);
    if (!svc) {
      this.unknown(
        'unknown-service',
        `unknown service '${s!.name}' in provider ${PROVIDER}`,
        s!,
        services().map((x) => x.name),
      );
      return undefined;
    }
    const res = findResource(svc.name, r!.name);
    if (!res) {
      this.unknown(
        'unknown-resource',
        `unknown resource '${r!.name}' in ${PROVIDER}.${svc.name}`,
        r!,
        Object.keys(svc.resources),
      );
      return undefined;
    }
    return res;
  }

  private columnName(c: ColumnRef, alias: Ident | undefined): string | undefined {
    if (c.qualifier && (!alias || alias.name !== c.qualifier.name)) {
      this.diag(
        'error',
        'unknown-column',
        `unknown table alias '${c.qualifier.name}'${alias ? `; the resource is aliased '${alias.name}'` : ''}`,
        c.qualifier,
      );
      return undefined;
    }
    return c.name.name;
  }

  private checkField(r: CatalogueResource, c: ColumnRef, alias: Ident | undefined): string | undefined {
    const name = this.columnName(c, alias);
    if (name === undefined) return undefined;
    const f = findField(r, name);
    if (!f) {
      this.unknown(
        'unknown-column',
        `unknown column '${name}' of ${r.id}`,
        c.name,
        r.fields.map((x) => x.name),
      );
      return undefined;
    }
    return f.name;
  }

  /** Sorts WHERE conjuncts into parameters and local filters, reporting misuse of parameters. */
  private where(
    r: CatalogueResource,
    verb: SqlVerb,
    where: Expr | undefined,
    alias: Ident | undefined,
  ): Expr[] {
    const filters: Expr[] = [];
    for (const c of conjuncts(where)) {
      if (
        c.kind === 'compare' &&
        c.left.kind === 'column' &&
        c.op === '=' &&
        c.right &&
        !Array.isArray(c.right)
      ) {
        const name = this.columnName(c.left, alias);
        if (name === undefined) continue;
        const param = findParam(r, verb, name);
        if (param) {
          const { value } = literalValue(c.right, this.ctx.vars);
          if (this.givenParams.has(param.name))
            this.diag('error', 'invalid-value', `parameter ${param.name} is given twice`, c);
          this.givenParams.set(param.name, { value, span: c, literal: c.right });
          this.checkParamValue(param, value, c);
          continue;
        }
      }
      // Not a parameter assignment: every column inside must be a field; parameters here are misuse.
      for (const cmp of comparisons(c)) {
        const col = cmp.left.kind === 'column' ? cmp.left : cmp.left.column;
        if (!col) continue;
        const name = this.columnName(col, alias);
        if (name === undefined) continue;
        const isField = !!findField(r, name);
        const param = findParam(r, verb, name);
        // A parameter every method needs (a path parameter such as clientId) cannot be a local filter
        // even when a field has the same name: it has to be sent, so only `=` makes sense.
        const neededByAll =
          !!param &&
          r.methods.filter((m) => m.sqlVerb === verb).every((m) => m.required.includes(param.name));
        if (param && (!isField || neededByAll)) {
          this.diag(
            'error',
            'param-operator',
            `${param.name} is a request parameter: it can only be used as '${param.name} = value' joined to the rest with AND (${c.kind !== 'compare' ? 'not inside OR / NOT' : `not ${cmp.op}`})`,
            cmp,
          );
        } else if (!isField) {
          const candidates = [...r.fields.map((f) => f.name), ...paramsFor(r, verb).map((p) => p.name)];
          this.unknown(
            'unknown-parameter',
            `unknown column or parameter '${name}' of ${r.id}`,
            col.name,
            candidates,
          );
        } else if (verb === 'delete') {
          this.diag(
            'error',
            'not-supported',
            `DELETE can only name request parameters (${paramsFor(r, verb)
              .map((p) => p.name)
              .join(', ')}); '${name}' is a field`,
            cmp,
          );
        }
      }
      filters.push(c);
    }
    return filters;
  }

  private checkParamValue(param: CatalogueParam, value: string, span: Span): void {
    const { name, maximum, enum: allowed } = param;
    if (/\{\{/.test(value)) return;
    // A blank path parameter drops a path segment (…/tokens/), so a request for one token would go
    // to a different endpoint; a blank subdomain has no host at all.
    if ((param.in === 'path' || param.in === 'server') && value.trim() === '') {
      this.diag(
        'error',
        'invalid-value',
        `${name} is empty: it is part of the request path, so it needs a value (an empty {{ placeholder }} value counts too)`,
        span,
      );
      return;
    }
    if (name === 'subdomain' && !isSubdomainLabel(value)) {
      this.diag('error', 'invalid-value', subdomainProblem(value), span);
      return;
    }
    if (maximum !== undefined) {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1)
        this.diag('error', 'invalid-value', `${name} must be a whole number between 1 and ${maximum}`, span);
      else if (n > maximum)
        this.diag(
          'warning',
          'limit-too-large',
          `${name} = ${n} is over the API maximum of ${maximum}: it is sent as ${maximum} (more rows come from following pages)`,
          span,
        );
    }
    if (allowed && !allowed.includes(value))
      this.diag(
        'error',
        'invalid-value',
        `${name} accepts only ${allowed.map((a) => `'${a}'`).join(', ')}; got '${value}'`,
        span,
      );
  }

  private given(): Set<string> {
    const g = new Set(this.givenParams.keys());
    if (this.connection || this.ctx.connectionGiven) g.add('subdomain');
    return g;
  }

  private missingData(
    r: CatalogueResource,
    s: SelectStmt | DeleteStmt,
    missing: string[],
    fanoutPossible: boolean,
  ): MissingParamsData | undefined {
    // With a syntax error the parameters the parser recovered may not be all that is written (a
    // condition after a stray ')' is lost), and after an unterminated string the insertion would land
    // inside it: the problem is still reported, but without a fix that would make the text worse.
    if (this.parsed.errors.length > 0) return undefined;
    const given: Record<string, string> = {};
    for (const [k, v] of this.givenParams) given[k] = v.value;
    const lastTok = s.where ? s.where.end : (s.from?.alias?.end ?? s.from?.end ?? s.end);
    const data: MissingParamsData = {
      resource: r.id,
      missing,
      insertAt: lastTok,
      needsWhere: !s.where,
      given,
      fanoutPossible,
    };
    if (s.kind === 'select') data.hintAt = s.keywords[0]?.end ?? s.start + 6;
    return data;
  }

  private select(s: SelectStmt, r: CatalogueResource): void {
    const alias = s.from?.alias;
    const projection: Projection[] = [];
    let star = false;
    for (const it of s.items) {
      if (it.kind === 'star') star = true;
      else if (it.kind === 'column') {
        const f = this.checkField(r, it, alias);
        if (f) projection.push({ name: it.alias?.name ?? f, field: f });
      } else if (it.kind === 'json_extract') {
        const f = it.column ? this.checkField(r, it.column, alias) : undefined;
        if (f)
          projection.push({
            name: it.alias?.name ?? `json_extract(${f}, '${it.path?.value ?? ''}')`,
            field: f,
            jsonPath: it.path?.value ?? '$',
          });
      }
    }
    const filters = this.where(r, 'select', s.where, alias);
    const outNames = new Set(projection.map((p) => p.name));
    for (const o of s.orderBy) {
      if (!o.column.qualifier && outNames.has(o.column.name.name)) continue;
      this.checkField(r, o.column, alias);
    }
    const given = this.given();
    let choice = chooseMethod(r, 'select', given);
    const fanoutHint = s.hints.some((h) => h.name === 'FANOUT');
    let fanout: string[] = [];
    const canFan = describeResource(r)?.fanout ?? [];
    const fanoutPossible = canFan.length > 0;
    if (!choice.method) {
      const fanParams = choice.missing.filter((m) => canFan.includes(m));
      const rest = choice.missing.filter((m) => !fanParams.includes(m));
      const span = s.where ?? s.from ?? s;
      const words = fanoutWords(r, fanParams);
      if (fanoutPossible && fanoutHint && rest.length === 0) {
        fanout = fanParams;
        const withFan = new Set([...given, ...fanParams]);
        choice = chooseMethod(r, 'select', withFan);
        this.diag('warning', 'fanout', words.hinted, s.hints.find((h) => h.name === 'FANOUT') ?? span);
      } else {
        this.missingRequired(
          s,
          r,
          choice.missing,
          fanoutPossible && rest.length === 0 && fanParams.length > 0,
        );
        if (fanoutPossible && fanParams.length > 0 && rest.length === 0) {
          this.diag(
            'warning',
            'fanout',
            words.missing,
            s.where ?? s.from ?? s,
            this.missingData(r, s, choice.missing, true),
          );
        }
      }
    }
    if (choice.method && !bindingOf(r, choice.method)) {
      this.diag(
        'error',
        'not-supported',
        `${choice.method.name} cannot run here: this extension has no client call for it (SHOW METHODS IN ${r.id} marks what runs)`,
        s.from ?? s,
      );
    }
    if (choice.method && this.clean()) {
      const params: Record<string, string> = {};
      for (const [k, v] of this.givenParams) params[k] = v.value;
      const rowLimit = s.limit?.value;
      const pageSize =
        params.limit !== undefined
          ? sentLimit(choice.method, params.limit)
          : pushDownLimit(choice.method, { rowLimit, filters, orderBy: s.orderBy, fanout, params });
      // A tokenId given alongside a fan-out is applied as a filter on the listed tokens.
      this.plan = {
        kind: 'select',
        resource: r,
        method: choice.method,
        params,
        filters,
        projection: star ? '*' : projection,
        orderBy: s.orderBy,
        ...(rowLimit !== undefined ? { rowLimit } : {}),
        ...(pageSize !== undefined ? { pageSize } : {}),
        fanout,
        ...(this.connection ? { connection: this.connection } : {}),
        items: s.items,
      };
    }
  }

  private missingRequired(
    s: SelectStmt | DeleteStmt,
    r: CatalogueResource,
    missing: string[],
    fanoutPossible: boolean,
  ): void {
    if (!s.where) {
      // StackQL's wording when there is no WHERE at all; the quick fix adds one.
      this.diag(
        'error',
        'missing-required-params',
        `WHERE clause not supplied, run DESCRIBE EXTENDED for the resource to see required parameters; missing required parameters: { ${missing.join(', ')} }`,
        s.from ?? s,
        this.missingData(r, s, missing, fanoutPossible),
      );
      return;
    }
    this.diag(
      'error',
      'missing-required-params',
      `query cannot be executed, missing required parameters: { ${missing.join(', ')} }`,
      s.whereKeyword ? { start: s.whereKeyword.start, end: s.where.end } : s.where,
      this.missingData(r, s, missing, fanoutPossible),
    );
  }

  private delete(s: DeleteStmt, r: CatalogueResource): void {
    if (!revokes(r)) {
      this.diag(
        'error',
        'not-supported',
        `DELETE on ${r.id} is not supported by this extension; only refresh tokens can be revoked (${revokingResources()})`,
        s.from ?? s,
      );
      return;
    }
    this.where(r, 'delete', s.where, undefined);
    const choice = chooseMethod(r, 'delete', this.given());
    if (!choice.method) {
      this.missingRequired(s, r, choice.missing, false);
      return;
    }
    this.revokePlan(r, choice.method, s.where ?? s);
  }

  /** The plan of a revoke method (DELETE or EXEC), with the warning a revoke of ALL tokens gets. */
  private revokePlan(r: CatalogueResource, method: CatalogueMethod, span: Span): void {
    const binding = bindingOf(r, method);
    if (binding?.kind !== 'revoke') {
      this.diag(
        'error',
        'not-supported',
        `${method.name} cannot run here: only refresh-token revokes are run (SHOW METHODS IN ${r.id} marks what runs)`,
        span,
      );
      return;
    }
    const params: Record<string, string> = {};
    for (const [k, v] of this.givenParams) params[k] = v.value;
    if (binding.bulk) {
      this.diag(
        'warning',
        'bulk-revoke',
        `no tokenId: this revokes ${revokeTarget(r, params, true)} (and the access tokens minted with them); add tokenId = '…' to revoke one`,
        span,
      );
    }
    if (this.clean())
      this.plan = {
        kind: 'delete',
        resource: r,
        method,
        params,
        bulk: binding.bulk,
        ...(this.connection ? { connection: this.connection } : {}),
      };
  }

  /**
   * EXEC runs the method it names with the checks its verb gets: a read as a SELECT of every field, a
   * revoke as a DELETE (confirmed by the caller; the editor's trust gate), anything else is refused.
   */
  private exec(s: ExecStmt, r: CatalogueResource): void {
    const m = s.method;
    if (!m) return;
    const method =
      r.methods.find((x) => x.name === m.name) ?? r.methods.find((x) => x.name === m.name.toLowerCase());
    if (!method) {
      this.unknown(
        'unknown-resource',
        `unknown method '${m.name}' of ${r.id}`,
        m,
        r.methods.map((x) => x.name),
      );
      return;
    }
    this.verb = method.sqlVerb === 'delete' ? 'delete' : 'select';
    for (const a of s.args) {
      const param =
        method.params.find((p) => p.name === a.name.name) ??
        method.params.find((p) => p.name.toLowerCase() === a.name.name.toLowerCase());
      if (!param) {
        this.unknown(
          'unknown-parameter',
          `unknown parameter '@${a.name.name}' of ${method.name}`,
          a.name,
          method.params.map((p) => p.name),
        );
        continue;
      }
      if (!a.value) continue;
      const { value } = literalValue(a.value, this.ctx.vars);
      if (this.givenParams.has(param.name))
        this.diag('error', 'invalid-value', `parameter ${param.name} is given twice`, a);
      this.givenParams.set(param.name, { value, span: a, literal: a.value });
      this.checkParamValue(param, value, a);
    }
    if (s.json)
      this.diag(
        'error',
        'not-supported',
        `@@json is a request body; no method with a body runs here (${method.name} ${method.hasBody ? 'takes one' : 'takes none'})`,
        s.json,
      );
    const given = this.given();
    const missing = method.required.filter((p) => !given.has(p));
    if (missing.length)
      this.diag(
        'error',
        'missing-required-params',
        `query cannot be executed, missing required parameters: { ${missing.join(', ')} }`,
        { start: m.start, end: m.end },
      );
    const binding = bindingOf(r, method);
    if (!binding) {
      this.diag(
        'error',
        'not-supported',
        `${method.name} (${method.sqlVerb.toUpperCase()}) cannot run here: this extension runs reads and refresh-token revokes (SHOW METHODS IN ${r.id} marks what runs)`,
        m,
      );
      return;
    }
    if (missing.length) return;
    if (binding.kind === 'revoke') {
      this.revokePlan(r, method, s);
      return;
    }
    if (!this.clean()) return;
    const params: Record<string, string> = {};
    for (const [k, v] of this.givenParams) params[k] = v.value;
    this.plan = {
      kind: 'select',
      resource: r,
      method,
      params,
      filters: [],
      projection: '*',
      orderBy: [],
      ...(params.limit !== undefined ? { pageSize: sentLimit(method, params.limit) } : {}),
      fanout: [],
      ...(this.connection ? { connection: this.connection } : {}),
      items: [],
    };
  }
}

/** What a FANOUT lists, in words: with the hint given, and for the warning that offers it. */
function fanoutWords(r: CatalogueResource, fanParams: string[]): { hinted: string; missing: string } {
  if (r.id === 'okta.authorizationservers.refresh_tokens') {
    const all = fanParams.includes('authServerId');
    return {
      hinted: `FANOUT: lists ${all ? 'every authorization server, ' : ''}every client${all ? ' of each' : ' of the server'} and their tokens — one API call per client and page, paced by the org's rate limits`,
      missing: `${fanParams.join(' and ')} left out: add the FANOUT hint to query ${all ? 'all authorization servers and clients' : 'all clients of the server'} (one call per client, within the org's rate limits)`,
    };
  }
  const d = describeResource(r);
  const parent = describeResource(d?.parents.find((p) => fanParams.every((f) => f in p.params))?.resource);
  const each = parent?.noun ?? 'parent';
  const what = `${d?.noun ?? 'row'}s`;
  return {
    hinted: `FANOUT: lists every ${each} (${parent?.id ?? '?'}) and the ${what} of each — one API call per ${each} and page, paced by the org's rate limits`,
    missing: `${fanParams.join(' and ')} left out: add the FANOUT hint to query the ${what} of every ${each} (one call per ${each}, within the org's rate limits)`,
  };
}

/** The resources whose refresh tokens can be revoked, for messages. */
function revokingResources(): string {
  return RESOURCES.filter((d) => Object.values(d.methods).some((m) => m.kind === 'revoke'))
    .map((d) => d.id)
    .join(', ');
}

/** A `limit = n` as sent: over the API's maximum it is sent as the maximum (with a warning), as StackQL does. */
function sentLimit(method: CatalogueMethod, value: string): number {
  const max = method.params.find((p) => p.name === 'limit')?.maximum;
  const n = Number(value);
  return max !== undefined && n > max ? max : n;
}

function analyzeStatement(
  parsed: ParsedStatement,
  ctx: AnalysisContext = {},
  connection?: string,
): AnalyzedStatement {
  const a = new StatementAnalyzer(parsed, ctx, connection);
  try {
    a.run();
  } catch (e) {
    a.diagnostics.push({
      severity: 'error',
      code: 'syntax',
      message: `internal analyzer error: ${(e as Error).message}`,
      start: parsed.stmt.start,
      end: parsed.stmt.end,
    });
  }
  const out: AnalyzedStatement = {
    ...parsed,
    base: 0,
    diagnostics: a.diagnostics,
    givenParams: a.givenParams,
  };
  if (a.resource) out.resource = a.resource;
  if (a.verb) out.verb = a.verb;
  if (a.plan) out.plan = a.plan;
  if (connection) out.connection = connection;
  return out;
}

/** The `-- connection: name` directive (for custom domains) found in a statement's comments. */
function directiveIn(slice: StatementSlice): string | undefined {
  let found: string | undefined;
  for (const c of slice.comments) {
    found = connectionDirective(c.text) ?? found;
  }
  return found;
}

/** The name in a `-- connection: <name>` comment (case-insensitive keyword, spaces anywhere), read without a RegExp. */
function connectionDirective(comment: string): string | undefined {
  if (!comment.startsWith('--')) return undefined;
  const rest = comment.slice(2).trimStart();
  if (rest.slice(0, 10).toLowerCase() !== 'connection') return undefined;
  const after = rest.slice(10).trimStart();
  if (!after.startsWith(':')) return undefined;
  const name = after.slice(1).trim();
  return name === '' ? undefined : name;
}

/**
 * Per-document memory of analysed statements, keyed by statement text (and what else its analysis
 * depends on). Typing changes one statement; every other one is reused, even when the edit moved it.
 */
export class StatementCache {
  private map = new Map<string, AnalyzedStatement>();
  private used = new Map<string, AnalyzedStatement>();
  get(key: string): AnalyzedStatement | undefined {
    const hit = this.map.get(key) ?? this.used.get(key);
    if (hit) this.used.set(key, hit);
    return hit;
  }
  set(key: string, v: AnalyzedStatement): void {
    this.used.set(key, v);
  }
  /** Keeps only what the latest analysis used, so memory follows the document. */
  sweep(): void {
    this.map = this.used;
    this.used = new Map();
  }
  /**
   * After an incremental update, which asks only for the statements it re-analysed: keeps the recent
   * ones (typing back to an earlier text finds them) without growing with every keystroke.
   */
  trim(limit = 256): void {
    // The first update after a full analysis also lets go of that analysis's entry for every statement.
    if (this.used.size >= limit || this.map.size > limit) this.sweep();
  }
  get size(): number {
    return this.map.size;
  }
}

function shiftDiagnostic(d: QueryDiagnostic, delta: number): QueryDiagnostic {
  if (delta === 0) return d;
  const out: QueryDiagnostic = { ...d, start: d.start + delta, end: d.end + delta };
  if (d.data && 'insertAt' in d.data)
    out.data = {
      ...d.data,
      insertAt: d.data.insertAt + delta,
      ...(d.data.hintAt !== undefined ? { hintAt: d.data.hintAt + delta } : {}),
    };
  return out;
}

/** The text a statement is analysed on: a copy, so the cached syntax tree's strings do not keep a whole old version of the document alive. */
function ownCopy(source: string): string {
  // Slicing a concatenation flattens it into a new string of the statement's size.
  return (' ' + source).slice(1);
}

const contextKey = (ctx: AnalysisContext) =>
  ctx.vars || ctx.connectionGiven ? JSON.stringify([ctx.vars ?? null, !!ctx.connectionGiven]) : '';

/**
 * Reads `[from, to)` of a document's text. The language server passes one that reads its own store,
 * so that an edit does not make V8 flatten (copy) the whole new text of a large document just to
 * lex the statement around the edit.
 */
export type TextReader = (from: number, to: number) => string;

/** `lex(text, from, to)`, through `read` when given (the tokens carry document offsets either way). */
function lexRange(text: string, from: number, to: number, read?: TextReader): Token[] {
  if (!read) return lex(text, from, to);
  const tokens = lex(read(from, to));
  for (const t of tokens) {
    t.start += from;
    t.end += from;
  }
  return tokens;
}

/** Analyses one statement of the document, in its own offsets (or takes it from the cache). */
function analyzeSlice(
  text: string,
  slice: StatementSlice,
  ctx: AnalysisContext,
  ctxKey: string,
  connection: string | undefined,
  cache: StatementCache,
  read?: TextReader,
): AnalyzedStatement {
  // The key holds the statement's own copy: a concatenation keeps its parts, so a key built from a
  // slice of the document would keep that whole version of the document alive.
  const own = ownCopy(read ? read(slice.start, slice.end) : text.slice(slice.start, slice.end));
  const key = `${ctxKey}\u0000${connection ?? ''}\u0000${own}`;
  let core = cache.get(key);
  if (!core) {
    // Analyse the statement on its own text, so its offsets are relative to the slice start.
    const ownSlice = splitTokens(lex(own))[0] ?? { start: 0, end: own.length, tokens: [], comments: [] };
    core = analyzeStatement(parseStatement(ownSlice), ctx, connection && ownCopy(connection));
    // The parser needed the tokens; the analysis keeps offsets only.
    core.slice = new TextSlice(own, 0, own.length, !!ownSlice.semicolon);
    cache.set(key, core);
  }
  return core;
}

/** A statement analysed in its own offsets, placed at `start` in the document. */
function place(core: AnalyzedStatement, text: string, start: number, end: number): AnalyzedStatement {
  return {
    ...core,
    slice: new TextSlice(text, start, end, !!core.slice.semicolon),
    base: start,
    diagnostics: core.diagnostics.map((d) => shiftDiagnostic(d, start)),
  };
}

/** A run of statements in text order: their analyses and where they start and end, plus `shift`. */
interface Segment {
  cores: AnalyzedStatement[];
  starts: number[];
  ends: number[];
  /** Added to `starts` and `ends`: moving every statement after an edit changes one number per segment. */
  shift: number;
}

/** Statements per segment: small arrays, so an edit copies a few of them, never one per statement of the file. */
const SEGMENT = 1024;

function segmentsOf(cores: AnalyzedStatement[], starts: number[], ends: number[]): Segment[] {
  const out: Segment[] = [];
  for (let i = 0; i < cores.length; i += SEGMENT)
    out.push({
      cores: cores.slice(i, i + SEGMENT),
      starts: starts.slice(i, i + SEGMENT),
      ends: ends.slice(i, i + SEGMENT),
      shift: 0,
    });
  return out;
}

/**
 * A document's statements in segments. An edit builds a new list that shares the segments before it,
 * copies the one or two segments it falls in, and shares the ones after it moved by the edit's length
 * change — so a keystroke in a 50,000-line file allocates no array as long as the file's statements
 * (V8 puts arrays over 128 KiB in its large-object space, which is slow to allocate and collect).
 */
class StatementList {
  readonly length: number;
  /** Index of each segment's first statement. */
  private readonly firsts: number[] = [];
  constructor(private readonly segs: Segment[]) {
    let n = 0;
    for (const g of segs) {
      this.firsts.push(n);
      n += g.cores.length;
    }
    this.length = n;
  }
  /** The segment holding statement `i` and `i`'s place in it. */
  private locate(i: number): [Segment, number] {
    let lo = 0;
    let hi = this.segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.firsts[mid]! <= i) lo = mid;
      else hi = mid - 1;
    }
    return [this.segs[lo]!, i - this.firsts[lo]!];
  }
  core(i: number): AnalyzedStatement {
    const [g, k] = this.locate(i);
    return g.cores[k]!;
  }
  start(i: number): number {
    const [g, k] = this.locate(i);
    return g.starts[k]! + g.shift;
  }
  end(i: number): number {
    const [g, k] = this.locate(i);
    return g.ends[k]! + g.shift;
  }
  /** The first index whose end satisfies `ok`, which holds from some index on (or `length`). */
  firstEndWhere(ok: (end: number) => boolean): number {
    // The first segment whose last statement satisfies it, then within that segment.
    let lo = 0;
    let hi = this.segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const g = this.segs[mid]!;
      if (ok(g.ends[g.ends.length - 1]! + g.shift)) hi = mid;
      else lo = mid + 1;
    }
    if (lo === this.segs.length) return this.length;
    const g = this.segs[lo]!;
    let a = 0;
    let b = g.ends.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (ok(g.ends[mid]! + g.shift)) b = mid;
      else a = mid + 1;
    }
    return this.firsts[lo]! + a;
  }
  /** How many statements start at or before `offset`. */
  countStartingBy(offset: number): number {
    let lo = 0;
    let hi = this.segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const g = this.segs[mid]!;
      if (g.starts[0]! + g.shift <= offset) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const g = this.segs[lo - 1]!;
    let a = 0;
    let b = g.starts.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (g.starts[mid]! + g.shift <= offset) a = mid + 1;
      else b = mid;
    }
    return this.firsts[lo - 1]! + a;
  }
  /** Calls `fn` for statements `[from, to)` in order until it returns false. */
  each(
    from: number,
    to: number,
    fn: (core: AnalyzedStatement, start: number, end: number, i: number) => void | false,
  ): void {
    const stop = Math.min(to, this.length);
    if (from >= stop) return;
    let [g, k] = this.locate(from);
    let s = this.segs.indexOf(g);
    for (let i = from; i < stop; i++, k++) {
      if (k >= g.cores.length) {
        g = this.segs[++s]!;
        k = 0;
      }
      if (fn(g.cores[k]!, g.starts[k]! + g.shift, g.ends[k]! + g.shift, i) === false) return;
    }
  }
  /**
   * This list with statements `[from, to)` replaced by `cores` (at `starts`/`ends`, in the new text)
   * and the statements from `to` on moved by `delta`.
   */
  replaced(
    from: number,
    to: number,
    cores: AnalyzedStatement[],
    starts: number[],
    ends: number[],
    delta: number,
  ): StatementList {
    const segs = this.segs;
    // Segments wholly before `from` and wholly from `to` on are shared; the rest is rebuilt.
    let a = 0;
    while (a < segs.length && this.firsts[a]! + segs[a]!.cores.length <= from) a++;
    let b = a;
    while (b < segs.length && this.firsts[b]! < to) b++;
    const c: AnalyzedStatement[] = [];
    const st: number[] = [];
    const en: number[] = [];
    const take = (g: Segment, k0: number, k1: number, shift: number) => {
      for (let k = k0; k < k1; k++) {
        c.push(g.cores[k]!);
        st.push(g.starts[k]! + shift);
        en.push(g.ends[k]! + shift);
      }
    };
    if (a < segs.length) take(segs[a]!, 0, Math.max(0, from - this.firsts[a]!), segs[a]!.shift);
    for (let k = 0; k < cores.length; k++) {
      c.push(cores[k]!);
      st.push(starts[k]!);
      en.push(ends[k]!);
    }
    if (b > a) {
      const g = segs[b - 1]!;
      take(g, Math.max(0, to - this.firsts[b - 1]!), g.cores.length, g.shift + delta);
    }
    const out = segs.slice(0, a);
    for (const g of segmentsOf(c, st, en)) out.push(g);
    for (let i = b; i < segs.length; i++)
      out.push(delta === 0 ? segs[i]! : { ...segs[i]!, shift: segs[i]!.shift + delta });
    return new StatementList(out);
  }
}

/**
 * An analysed document as the language server keeps it between edits: each statement's analysis in
 * its own offsets plus where it starts and ends. An edit re-analyses the statements it touched and
 * moves the others (by changing one number per segment of them); the placed statements and the
 * document's diagnostics are built when first asked for.
 */
class DocumentAnalysis implements AnalyzedDocument {
  private placed?: AnalyzedStatement[];
  private all?: QueryDiagnostic[];
  constructor(
    readonly text: string,
    readonly list: StatementList,
    /** Set by updateDocument: how many of the first and last statements are the previous analysis's. */
    readonly reuse?: StatementReuse,
  ) {}
  get statements(): AnalyzedStatement[] {
    if (!this.placed) {
      const out: AnalyzedStatement[] = [];
      this.list.each(0, this.list.length, (c, start, end) => {
        out.push(place(c, this.text, start, end));
      });
      this.placed = out;
    }
    return this.placed;
  }
  get diagnostics(): QueryDiagnostic[] {
    return (this.all ??= this.statements.flatMap((s) => s.diagnostics));
  }
  /** The statement starting at or before `offset` and its neighbours, placing only those. */
  around(offset: number): AnalyzedStatement[] {
    const lo = this.list.countStartingBy(offset);
    const from = Math.max(0, lo - 2);
    const to = Math.min(this.list.length, lo + 1);
    const out: AnalyzedStatement[] = [];
    this.list.each(from, to, (c, start, end, i) => {
      out.push(this.placed?.[i] ?? place(c, this.text, start, end));
    });
    return out;
  }
}

/**
 * The tokens from `from` up to the first `;` token (or the end): lexing stops at a `;` character and
 * is kept only when that character was lexed as a `;` token; otherwise (inside a string or comment)
 * the next `;` is tried, twice as far each time. Bounded lexing that ends with a `;` token equals the
 * document's own lexing up to there, so a file is lexed one statement at a time, never all at once.
 */
function lexStatement(text: string, from: number): { tokens: Token[]; to: number } {
  for (let hops = 1; ; hops *= 2) {
    let to = from;
    for (let k = 0; k < hops && to < text.length; k++) {
      const semi = text.indexOf(';', to);
      to = semi < 0 ? text.length : semi + 1;
    }
    const tokens = lex(text, from, to);
    const last = tokens[tokens.length - 1];
    if (to === text.length || (last?.kind === 'punct' && last.text === ';' && last.end === to))
      return { tokens, to };
  }
}

export function analyzeDocument(
  text: string,
  ctx: AnalysisContext = {},
  cache: StatementCache = new StatementCache(),
): AnalyzedDocument {
  const ctxKey = contextKey(ctx);
  const cores: AnalyzedStatement[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let connection: string | undefined;
  for (let pos = 0; pos < text.length;) {
    const { tokens, to } = lexStatement(text, pos);
    pos = to;
    for (const slice of splitTokens(tokens)) {
      // A directive applies to the statement it sits in and every later one, until the next directive.
      connection = directiveIn(slice) ?? connection;
      if (slice.tokens.length === 0) continue;
      cores.push(analyzeSlice(text, slice, ctx, ctxKey, connection, cache));
      starts.push(slice.start);
      ends.push(slice.end);
    }
  }
  cache.sweep();
  return new DocumentAnalysis(text, new StatementList(segmentsOf(cores, starts, ends)));
}

/** One replacement in a document: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new. */
export interface DocumentEdit {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The smallest edit that turns `before` into `after` (common prefix and suffix), for full-text changes. */
export function diffEdit(before: string, after: string): DocumentEdit {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  while (
    tail < max - start &&
    before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
  )
    tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

/**
 * The analysis of `text`, which is `prev.text` with one edit applied, computed from `prev` (analysed
 * with the same context): equal to `analyzeDocument(text, ctx)`. Statements are cut at `;` tokens and
 * the lexer starts afresh after each, so the text is lexed again only from the `;` before the edit
 * until a `;` at or after it lands where an old statement's `;` was (moved by the edit's length
 * change) with the same `-- connection:` in force; every statement after that is the old one moved.
 */
export function updateDocument(
  prev: AnalyzedDocument,
  text: string,
  edit: DocumentEdit,
  ctx: AnalysisContext = {},
  cache: StatementCache = new StatementCache(),
  read?: TextReader,
): AnalyzedDocument {
  if (!(prev instanceof DocumentAnalysis)) return analyzeDocument(text, ctx, cache);
  const old = prev.list;
  const delta = edit.newEnd - edit.oldEnd;
  const ctxKey = contextKey(ctx);
  // First old statement index whose end satisfies `ok` (old statements are in text order).
  const firstWhere = (ok: (end: number) => boolean): number => old.firstEndWhere(ok);
  const terminated = (i: number) => !!old.core(i).slice.semicolon;
  // Statements whose `;` ends at or before the edit are kept as they are (a statement without `;` is the last one).
  let kept = firstWhere((end) => end > edit.start);
  while (kept > 0 && !terminated(kept - 1)) kept--;
  // The statements analysed again (in the new text's offsets).
  const cores: AnalyzedStatement[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let pos = kept > 0 ? old.end(kept - 1) : 0;
  let connection = kept > 0 ? old.core(kept - 1).connection : undefined;
  // Candidate re-synchronisation points: old statements whose `;` is at or after the edit's old end.
  let j = firstWhere((end) => end - 1 >= edit.oldEnd);
  let step = 1;
  let synced = -1;
  while (synced < 0) {
    while (j < old.length && !terminated(j)) j++;
    const to = j < old.length ? old.end(j) + delta : text.length;
    const toks = lexRange(text, pos, to, read);
    const last = toks[toks.length - 1];
    const cut = j >= old.length || (last?.text === ';' && last.kind === 'punct' && last.end === to);
    if (!cut) {
      // A token crosses the old boundary (an opened string or comment): try one further on, going
      // further each time so that re-lexing the same stretch again stays bounded.
      j += step;
      step *= 2;
      continue;
    }
    for (const slice of splitTokens(toks)) {
      connection = directiveIn(slice) ?? connection;
      if (slice.tokens.length === 0) continue;
      cores.push(analyzeSlice(text, slice, ctx, ctxKey, connection, cache, read));
      starts.push(slice.start);
      ends.push(slice.end);
    }
    if (j >= old.length) break;
    if (connection === old.core(j).connection) synced = j;
    else {
      // A changed `-- connection:` line changes the statements after it, up to the next directive.
      pos = to;
      j++;
    }
  }
  // The statements after the last one analysed again are the old ones, moved.
  const from = synced >= 0 ? synced + 1 : old.length;
  cache.trim();
  return new DocumentAnalysis(text, old.replaced(kept, from, cores, starts, ends, delta), {
    head: kept,
    tail: old.length - from,
  });
}

/**
 * What an incremental update kept: its first `head` statements are the previous analysis's first ones,
 * where they were; its last `tail` are the previous analysis's last ones, moved by the edit's length
 * change (the same objects, so their diagnostics are too). Undefined for an analysis from scratch.
 */
export interface StatementReuse {
  head: number;
  tail: number;
}
export function reusedStatements(doc: AnalyzedDocument): StatementReuse | undefined {
  return doc instanceof DocumentAnalysis ? doc.reuse : undefined;
}

/**
 * The statements overlapping `[from, to)`, placed; where the statement before them ends (0 when none
 * does) and where the one after them starts (the text's length when none does): the lexer may start
 * and stop there. For features that need only part of a large document.
 */
export function statementsIn(
  doc: AnalyzedDocument,
  from: number,
  to: number,
): { before: number; statements: AnalyzedStatement[]; after: number } {
  if (!(doc instanceof DocumentAnalysis)) {
    const all = doc.statements;
    let first = all.findIndex((s) => s.slice.end > from);
    if (first < 0) first = all.length;
    let next = first;
    while (next < all.length && all[next]!.slice.start < to) next++;
    return {
      before: first > 0 ? all[first - 1]!.slice.end : 0,
      statements: all.slice(first, next),
      after: next < all.length ? all[next]!.slice.start : doc.text.length,
    };
  }
  const list = doc.list;
  const first = list.firstEndWhere((end) => end > from);
  const statements: AnalyzedStatement[] = [];
  let after = doc.text.length;
  list.each(first, list.length, (core, start, end) => {
    if (start >= to) {
      after = start;
      return false;
    }
    statements.push(place(core, doc.text, start, end));
  });
  return { before: first > 0 ? list.end(first - 1) : 0, statements, after };
}

/** How many statements the document has (without placing them). */
export function statementCount(doc: AnalyzedDocument): number {
  return doc instanceof DocumentAnalysis ? doc.list.length : doc.statements.length;
}

/**
 * Calls `fn` for each statement with diagnostics, in document order: its diagnostics in its own
 * offsets (the same array for as long as the statement is unchanged) and the offset it starts at.
 * The language server publishes from this on every change without placing each statement of a
 * large document, and reuses what it sent for a statement that has not moved.
 */
export function diagnosticsByStatement(
  doc: AnalyzedDocument,
  fn: (diagnostics: readonly QueryDiagnostic[], base: number, index: number) => void | false,
  from = 0,
  to = Infinity,
): void {
  if (!(doc instanceof DocumentAnalysis)) {
    if (from === 0 && doc.diagnostics.length > 0) fn(doc.diagnostics, 0, 0);
    return;
  }
  // `from`/`to` (statement indices) and `fn` returning false let a caller look at part of the document.
  doc.list.each(from, to, (core, start, _end, i) => {
    if (core.diagnostics.length > 0) return fn(core.diagnostics, start, i);
  });
}

/**
 * The statement at or before `offset`, the one before it and the next one: all that completion needs
 * to find the cursor's statement, without placing every statement of a large document.
 */
export function statementsAround(doc: AnalyzedDocument, offset: number): AnalyzedStatement[] {
  return doc instanceof DocumentAnalysis ? doc.around(offset) : doc.statements;
}

/** The statement whose span (incl. its `;`) contains the offset, or the nearest one before it. */
export function statementAt(doc: AnalyzedDocument, offset: number): AnalyzedStatement | undefined {
  let best: AnalyzedStatement | undefined;
  // An incrementally kept document finds it by binary search, without placing every statement.
  for (const s of doc instanceof DocumentAnalysis ? doc.around(offset) : doc.statements) {
    if (s.slice.start <= offset) best = s;
    if (s.slice.start > offset) break;
  }
  if (best && best.slice.semicolon && offset > best.slice.end) return undefined;
  return best;
}

export type { Statement };
