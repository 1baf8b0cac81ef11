// Completion as a pure function of the document text and a cursor offset. It looks only at the
// statement under the cursor, reads the tokens before the cursor to find the clause, and looks ahead in
// the same statement for FROM <resource> (the select list comes before FROM). Ids that only the
// extension knows (loaded by the tree) come in through `env`; the caller first asks `completionContext`
// which ids it needs. Statement templates live here only (not also in a snippets file), so each idea is
// offered once, and only where a statement can start.
import {
  findField,
  findParam,
  findResource,
  findService,
  paramsFor,
  PROVIDER,
  services,
  allResources,
  type CatalogueResource,
  type SqlVerb,
} from './catalogue';
import { isComment, lex, type Token } from './lexer';
import { bindingOf, idKindOf, type IdKind } from './resources';
import { splitTokens, type StatementSlice } from './splitter';
import { sqlString, sqlStringBody } from './sqlString';

// LSP CompletionItemKind values (kept numeric so this module needs no LSP import).
export const Kind = {
  Function: 3,
  Field: 5,
  Variable: 6,
  Class: 7,
  Module: 9,
  Property: 10,
  Value: 12,
  Keyword: 14,
  Snippet: 15,
  Constant: 21,
} as const;

export interface CompletionItem {
  label: string;
  kind: number;
  detail?: string;
  documentation?: string;
  sortText?: string;
  filterText?: string;
  insertText?: string;
  /** 2 = snippet */
  insertTextFormat?: 1 | 2;
  /** Shown on every row of the list, after the label (`detail` shows only on the highlighted row). */
  labelDetails?: { description?: string };
  /** Offsets of the text the item replaces. */
  replace: { start: number; end: number };
  /** Open the suggestions again once inserted: `name = '|'` leaves the cursor where values complete. */
  retrigger?: boolean;
}

export interface IdChoice {
  id: string;
  label?: string;
}

export type CompletionContext =
  | { kind: 'none' }
  | { kind: 'statement' }
  | { kind: 'keywords'; words: string[] }
  | { kind: 'dotted'; parts: string[]; verb?: SqlVerb }
  | { kind: 'resource'; verb?: SqlVerb | undefined; extended?: boolean }
  | { kind: 'columns'; resource?: CatalogueResource; extra: string[] }
  | { kind: 'where-name'; resource: CatalogueResource; verb: SqlVerb; given: string[]; extra: string[] }
  | {
      kind: 'value';
      resource?: CatalogueResource;
      verb: SqlVerb;
      name: string;
      quoted: boolean;
      given: Record<string, string>;
    }
  | { kind: 'order'; resource?: CatalogueResource }
  /** The name in a `-- connection: <name>` line: a saved connection. */
  | { kind: 'connection' }
  /** After `EXEC provider.service.resource.`: the resource's methods. */
  | { kind: 'exec-method'; resource: CatalogueResource }
  /** After `@` in an EXEC: the method's parameters not yet given. */
  | { kind: 'exec-param'; resource: CatalogueResource; method: string; given: string[] };

export interface ContextAt {
  ctx: CompletionContext;
  /** Range the chosen item replaces (the partial word, or the string's contents). */
  replace: { start: number; end: number };
}

export interface CompletionEnv {
  /** Subdomains of saved connections. */
  subdomains?: string[];
  /** Ids for a value completion of authServerId / clientId / tokenId / userId. */
  ids?: IdChoice[];
  /** Names of saved connections, for a `-- connection:` line. */
  connectionNames?: string[];
}

const isWordChar = (c: string) => /[A-Za-z0-9_$]/.test(c);
const word = (t: Token | undefined) => (t && t.kind === 'ident' ? t.text.toUpperCase() : '');

function sliceAt(slices: StatementSlice[], offset: number): StatementSlice | undefined {
  for (const s of slices) {
    if (s.semicolon) {
      if (offset <= s.semicolon.start && offset >= s.start) return s;
    } else if (offset >= s.start) return s;
  }
  return undefined;
}

function resourceOf(tokens: Token[], fromIdx: number): CatalogueResource | undefined {
  const parts: string[] = [];
  let i = fromIdx;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (t.kind !== 'ident' && t.kind !== 'quoted') break;
    parts.push(t.value);
    if (tokens[i + 1]?.text !== '.') break;
    i += 2;
  }
  // EXEC names a method after the resource: the first three parts are the resource.
  return (parts.length === 3 || parts.length === 4) && parts[0]!.toLowerCase() === PROVIDER
    ? findResource(parts[1]!, parts[2]!)
    : undefined;
}

/** The method an EXEC names (its fourth dotted part), if any. */
function execMethodOf(tokens: Token[]): string | undefined {
  if (word(tokens[0]) !== 'EXEC') return undefined;
  const t = tokens[7];
  return t && tokens[6]?.text === '.' && (t.kind === 'ident' || t.kind === 'quoted') ? t.value : undefined;
}

function findFromResource(tokens: Token[]): CatalogueResource | undefined {
  for (let i = 0; i < tokens.length; i++) if (word(tokens[i]) === 'FROM') return resourceOf(tokens, i + 1);
  // SHOW METHODS IN x / DESCRIBE x / EXEC x.method
  for (let i = 0; i < tokens.length; i++)
    if (word(tokens[i]) === 'IN' || word(tokens[i]) === 'DESCRIBE' || word(tokens[i]) === 'EXEC')
      return resourceOf(tokens, i + 1);
  return undefined;
}

/** The part of the text that can hold the cursor's statement: from the `;` before it to the next statement. */
function regionAround(
  doc: { statements: { slice: StatementSlice }[] } | undefined,
  text: string,
  offset: number,
): [number, number] {
  if (!doc) return [0, text.length];
  let from = 0;
  let to = text.length;
  for (const { slice } of doc.statements) {
    if (slice.semicolon && slice.semicolon.end <= offset) from = slice.semicolon.end;
    else if (slice.start > offset) {
      to = slice.start;
      break;
    }
  }
  return [from, to];
}

/**
 * Works out what may be typed at `offset`. With the document's analysis, only the cursor's statement
 * is lexed again (statement boundaries are lexer-safe cut points), which keeps completion fast in
 * large files.
 */
export function completionContext(
  text: string,
  offset: number,
  doc?: { statements: { slice: StatementSlice }[] },
): ContextAt {
  const [from, to] = regionAround(doc, text, offset);
  const all = lex(text, from, to);
  const none: ContextAt = { ctx: { kind: 'none' }, replace: { start: offset, end: offset } };
  // Inside a comment: nothing to offer, except the name of a `-- connection:` line.
  for (const t of all) {
    if (
      t.start < offset &&
      (offset < t.end || (offset === t.end && t.kind === 'lineComment')) &&
      isComment(t)
    ) {
      const nameAt = t.kind === 'lineComment' ? directiveNameStart(t.text) : undefined;
      return nameAt !== undefined && t.start + nameAt <= offset
        ? { ctx: { kind: 'connection' }, replace: { start: t.start + nameAt, end: t.end } }
        : none;
    }
    if (t.start >= offset) break;
  }
  const slices = splitTokens(all);
  const slice = sliceAt(slices, offset);
  const tokens = slice?.tokens ?? [];
  // The word being typed, if any.
  let ws = offset;
  while (ws > 0 && isWordChar(text[ws - 1]!)) ws--;
  let we = offset;
  while (we < text.length && isWordChar(text[we]!)) we++;
  const replace = { start: ws, end: we };
  const before = tokens.filter((t) => t.end <= ws || (t.end <= offset && t.kind !== 'ident'));
  const inside = tokens.find(
    (t) => t.start < offset && (offset < t.end || (offset === t.end && t.unterminated)),
  );
  const first = word(tokens[0]);
  const execMethod = execMethodOf(tokens);
  const execVerb =
    execMethod && findFromResource(tokens)?.methods.find((m) => m.name === execMethod)?.sqlVerb;
  const verb: SqlVerb = first === 'DELETE' || execVerb === 'delete' ? 'delete' : 'select';
  const resource = findFromResource(tokens);
  // A value for the name on the left of an operator; `quoted` when the cursor is inside a string.
  const valueFor = (name: Token | undefined, quoted: boolean): CompletionContext | undefined =>
    name && (name.kind === 'ident' || name.kind === 'quoted')
      ? {
          kind: 'value',
          ...(resource ? { resource } : {}),
          verb,
          name: name.value,
          quoted,
          given: givenParams(tokens),
        }
      : undefined;

  // Inside a string: a value for the name on the left of the operator.
  if (inside && inside.kind === 'string') {
    const idx = tokens.indexOf(inside);
    const contents = { start: inside.start + 1, end: inside.unterminated ? inside.end : inside.end - 1 };
    const ctx = tokens[idx - 1]?.kind === 'op' ? valueFor(tokens[idx - 2], true) : undefined;
    return { ctx: ctx ?? { kind: 'none' }, replace: contents };
  }
  if (inside && inside.kind !== 'ident') return none;
  if (before.length === 0) return { ctx: { kind: 'statement' }, replace };

  const last = before[before.length - 1]!;
  if (first === 'EXEC' && last.kind === 'unknown' && last.text === '@' && resource && execMethod)
    return {
      ctx: {
        kind: 'exec-param',
        resource,
        method: execMethod,
        given: Object.keys(givenParams(tokens)),
      },
      replace,
    };
  if (first === 'EXEC' && resource && last.text === '.' && before.filter((t) => t.text === '.').length === 3)
    return { ctx: { kind: 'exec-method', resource }, replace };
  // Dotted names: okta. → services → resources.
  if (last.text === '.') {
    const parts: string[] = [];
    let i = before.length - 1;
    while (
      i >= 1 &&
      before[i]!.text === '.' &&
      (before[i - 1]!.kind === 'ident' || before[i - 1]!.kind === 'quoted')
    ) {
      parts.unshift(before[i - 1]!.value);
      i -= 2;
    }
    return { ctx: { kind: 'dotted', parts, verb }, replace };
  }
  // The clause we are in: last clause keyword before the cursor.
  let clause = '';
  let clauseIdx = -1;
  for (let i = before.length - 1; i >= 0; i--) {
    const w = word(before[i]);
    if (
      [
        'SELECT',
        'FROM',
        'WHERE',
        'ORDER',
        'LIMIT',
        'SHOW',
        'DESCRIBE',
        'DESC',
        'DELETE',
        'IN',
        'EXEC',
      ].includes(w)
    ) {
      // `IN` inside WHERE is the list operator, not SHOW's IN.
      if (w === 'IN' && first !== 'SHOW') continue;
      clause = w;
      clauseIdx = i;
      break;
    }
  }
  const afterClause = before.slice(clauseIdx + 1);
  switch (clause) {
    case 'SELECT': {
      const prev = afterClause[afterClause.length - 1];
      if (prev && prev.text !== ',' && prev.text !== '(' && afterClause.length > 0)
        return { ctx: { kind: 'keywords', words: ['FROM', 'AS'] }, replace };
      return {
        ctx: {
          kind: 'columns',
          ...(resource ? { resource } : {}),
          extra: afterClause.length === 0 ? ['*', 'json_extract'] : ['json_extract'],
        },
        replace,
      };
    }
    case 'EXEC':
      return afterClause.length === 0 ? { ctx: { kind: 'resource' }, replace } : none;
    case 'FROM':
    case 'IN':
    case 'DESCRIBE':
    case 'DESC': {
      if (
        afterClause.length === 0 ||
        (clause !== 'FROM' && afterClause.every((t) => word(t) === 'EXTENDED'))
      ) {
        const extended = (clause === 'DESCRIBE' || clause === 'DESC') && afterClause.length === 0;
        return {
          ctx: {
            kind: 'resource',
            verb: clause === 'FROM' ? verb : undefined,
            ...(extended ? { extended } : {}),
          },
          replace,
        };
      }
      if (clause === 'FROM')
        return {
          ctx: { kind: 'keywords', words: first === 'DELETE' ? ['WHERE'] : ['WHERE', 'ORDER BY', 'LIMIT'] },
          replace,
        };
      return { ctx: { kind: 'keywords', words: clause === 'IN' ? ['LIKE'] : [] }, replace };
    }
    case 'DELETE':
      return { ctx: { kind: 'keywords', words: ['FROM'] }, replace };
    case 'SHOW': {
      if (afterClause.length === 0)
        return {
          ctx: { kind: 'keywords', words: ['SERVICES', 'RESOURCES', 'METHODS', 'EXTENDED'] },
          replace,
        };
      if (afterClause.length === 1 && word(afterClause[0]) === 'EXTENDED')
        return { ctx: { kind: 'keywords', words: ['SERVICES', 'RESOURCES', 'METHODS'] }, replace };
      return { ctx: { kind: 'keywords', words: ['IN'] }, replace };
    }
    case 'ORDER': {
      const prev = afterClause[afterClause.length - 1];
      if (!prev) return { ctx: { kind: 'keywords', words: ['BY'] }, replace };
      if (word(prev) === 'BY' || prev.text === ',')
        return { ctx: { kind: 'order', ...(resource ? { resource } : {}) }, replace };
      return { ctx: { kind: 'keywords', words: ['ASC', 'DESC', 'LIMIT'] }, replace };
    }
    case 'LIMIT':
      return none;
    case 'WHERE': {
      const prev = afterClause[afterClause.length - 1];
      const pw = word(prev);
      if (!prev || pw === 'AND' || pw === 'OR' || pw === 'NOT' || prev.text === '(') {
        if (!resource) return none;
        return {
          ctx: { kind: 'where-name', resource, verb, given: Object.keys(givenParams(tokens)), extra: [] },
          replace,
        };
      }
      if (prev.kind === 'op' || pw === 'LIKE') {
        const ctx = valueFor(afterClause[afterClause.length - 2], false);
        return ctx ? { ctx, replace } : none;
      }
      if (prev.kind === 'ident' || prev.kind === 'quoted') {
        // A name was just typed: offer operators.
        const pprev = afterClause[afterClause.length - 2];
        if (!pprev || ['AND', 'OR', 'NOT'].includes(word(pprev)) || pprev.text === '(')
          return {
            ctx: { kind: 'keywords', words: ['=', '!=', '<', '>', 'LIKE', 'IN', 'IS NULL'] },
            replace,
          };
      }
      return {
        ctx: { kind: 'keywords', words: first === 'DELETE' ? ['AND'] : ['AND', 'OR', 'ORDER BY', 'LIMIT'] },
        replace,
      };
    }
    default:
      return { ctx: { kind: 'statement' }, replace };
  }
}

/**
 * Where the name starts in a `-- connection: <name>` comment (the keyword in any case, spaces around
 * the colon), or undefined for any other comment. Read like the analyzer reads the directive.
 */
function directiveNameStart(comment: string): number | undefined {
  if (!comment.startsWith('--')) return undefined;
  let i = 2;
  const skipSpaces = () => {
    while (i < comment.length && (comment[i] === ' ' || comment[i] === '\t')) i++;
  };
  skipSpaces();
  if (comment.slice(i, i + 10).toLowerCase() !== 'connection') return undefined;
  i += 10;
  skipSpaces();
  if (comment[i] !== ':') return undefined;
  i++;
  skipSpaces();
  return i;
}

/** `name = 'value'` pairs written anywhere in the statement (for narrowing id suggestions). */
function givenParams(tokens: Token[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 2 < tokens.length; i++) {
    const a = tokens[i]!;
    const op = tokens[i + 1]!;
    const v = tokens[i + 2]!;
    if (
      (a.kind === 'ident' || a.kind === 'quoted') &&
      op.text === '=' &&
      (v.kind === 'string' || v.kind === 'number') &&
      v.value !== ''
    )
      out[a.value] = v.value;
  }
  return out;
}

const STATEMENT_SNIPPETS: { label: string; detail: string; documentation: string; body: string }[] = [
  {
    label: 'list refresh tokens',
    detail: 'SELECT tokens of one client on one authorization server',
    documentation:
      'Corrected StackQL example: the tokens one client holds on one custom authorization server (authServerId and clientId are required).',
    body: "SELECT id, userId, status, scopes, expiresAt\nFROM okta.authorizationservers.refresh_tokens\nWHERE subdomain = '${1:my-org}' AND authServerId = '${2}' AND clientId = '${3}'\n  AND expand = 'scope';",
  },
  {
    label: 'get refresh token',
    detail: 'SELECT one token by id',
    documentation: 'Corrected StackQL example: one token by id.',
    body: "SELECT *\nFROM okta.authorizationservers.refresh_tokens\nWHERE subdomain = '${1:my-org}' AND authServerId = '${2}' AND clientId = '${3}' AND tokenId = '${4}';",
  },
  {
    label: 'revoke refresh token',
    detail: 'DELETE one token',
    documentation:
      'Revokes ONE refresh token (and the access tokens minted with it). Run asks for confirmation.',
    body: "DELETE FROM okta.authorizationservers.refresh_tokens\nWHERE subdomain = '${1:my-org}' AND authServerId = '${2}' AND clientId = '${3}' AND tokenId = '${4}';",
  },
  {
    label: 'revoke all refresh tokens of a client',
    detail: 'DELETE every token of one client (bulk)',
    documentation:
      'BULK: revokes EVERY refresh token the client holds on the server. Run asks for confirmation.',
    body: "-- BULK REVOKE: every refresh token of this client on this authorization server\nDELETE FROM okta.authorizationservers.refresh_tokens\nWHERE subdomain = '${1:my-org}' AND authServerId = '${2}' AND clientId = '${3}';",
  },
  {
    label: 'refresh tokens of a user',
    detail: 'SELECT /*+ FANOUT */ across every server and client',
    documentation:
      "Beyond StackQL: the FANOUT hint lists every authorization server and client (within the org's rate limits).",
    body: "SELECT /*+ FANOUT */ id, clientId, issuer, status, expiresAt\nFROM okta.authorizationservers.refresh_tokens\nWHERE subdomain = '${1:my-org}' AND userId = '${2}';",
  },
  {
    label: "a user's tokens for a client",
    detail: 'SELECT through the user path (okta.users.oauth_tokens)',
    documentation:
      "The refresh tokens one user holds for one client, on every authorization server: the same token objects as under each server. `SELECT client_id, client_name FROM okta.users.user_clients WHERE userId = '…'` lists the user's clients.",
    body: "SELECT id, issuer, status, scopes, expiresAt\nFROM okta.users.oauth_tokens\nWHERE subdomain = '${1:my-org}' AND userId = '${2}' AND clientId = '${3}';",
  },
  {
    label: 'token revokes in the System Log',
    detail: 'SELECT events since a time (okta.logs.system_log_events)',
    documentation:
      'Refresh-token revokes recorded in the System Log since a time. Without `until` this is a polling read: it stops at the first page with no events.',
    body: "SELECT published, displayMessage, actor, target\nFROM okta.logs.system_log_events\nWHERE subdomain = '${1:my-org}' AND since = '${2:2026-01-01T00:00:00Z}'\n  AND filter = 'eventType eq \"app.oauth2.as.token.revoke\"';",
  },
];

function kw(words: string[], replace: ContextAt['replace'], sort = '1'): CompletionItem[] {
  return words.map((w) => ({ label: w, kind: Kind.Keyword, sortText: `${sort}${w}`, replace }));
}

function resourceItems(replace: ContextAt['replace'], verb: SqlVerb | undefined): CompletionItem[] {
  return allResources()
    .filter((r) => !verb || r.methods.some((m) => m.sqlVerb === verb))
    .map((r) => ({
      label: r.id,
      kind: Kind.Class,
      detail: r.methods
        .map((m) => m.sqlVerb.toUpperCase())
        .filter((v, i, a) => a.indexOf(v) === i)
        .join(', '),
      sortText: r.name === 'refresh_tokens' ? '0' : `1${r.name}`,
      replace,
    }));
}

function fieldItems(r: CatalogueResource, replace: ContextAt['replace'], sort = '2'): CompletionItem[] {
  return r.fields.map((f) => ({
    label: f.name,
    kind: Kind.Field,
    detail: f.format ? `${f.type} (${f.format})` : f.type,
    ...(f.description ? { documentation: f.description } : {}),
    sortText: `${sort}${f.name}`,
    replace,
  }));
}

export function completionItems(at: ContextAt, env: CompletionEnv = {}): CompletionItem[] {
  const { ctx, replace } = at;
  switch (ctx.kind) {
    case 'none':
      return [];
    case 'statement':
      return [
        ...kw(['SELECT', 'DELETE FROM', 'EXEC', 'SHOW', 'DESCRIBE'], replace),
        ...STATEMENT_SNIPPETS.map((s) => ({
          label: s.label,
          kind: Kind.Snippet,
          detail: s.detail,
          documentation: s.documentation,
          insertText: s.body,
          insertTextFormat: 2 as const,
          sortText: `2${s.label}`,
          replace,
        })),
      ];
    case 'keywords':
      return kw(ctx.words, replace);
    case 'resource':
      return [
        ...resourceItems(replace, ctx.verb),
        { label: PROVIDER, kind: Kind.Module, sortText: '2', replace },
        ...(ctx.extended ? kw(['EXTENDED'], replace, '3') : []),
      ];
    case 'dotted': {
      const [p, s] = ctx.parts;
      if (ctx.parts.length === 1 && p!.toLowerCase() === PROVIDER)
        return services().map((x) => ({ label: x.name, kind: Kind.Module, detail: x.description, replace }));
      if (ctx.parts.length === 2 && p!.toLowerCase() === PROVIDER) {
        const svc = findService(s!);
        return Object.values(svc?.resources ?? {}).map((r) => ({
          label: r.name,
          kind: Kind.Class,
          detail: r.methods
            .map((m) => `${m.sqlVerb.toUpperCase()}`)
            .filter((v, i, a) => a.indexOf(v) === i)
            .join(', '),
          sortText: r.name === 'refresh_tokens' ? '0' : `1${r.name}`,
          replace,
        }));
      }
      if (ctx.parts.length === 1 && ctx.parts[0] !== PROVIDER) {
        // Column qualified by an alias (t.status): nothing to resolve without the statement; no items.
        return [];
      }
      return [];
    }
    case 'columns': {
      const extra = ctx.extra.map((e) =>
        e === 'json_extract'
          ? {
              label: 'json_extract',
              kind: Kind.Function,
              detail: "json_extract(column, '$.path')",
              insertText: "json_extract(${1:_embedded}, '${2:\\$.scopes}')",
              insertTextFormat: 2 as const,
              sortText: '3',
              replace,
            }
          : { label: e, kind: Kind.Keyword, sortText: '0', replace },
      );
      return [...(ctx.resource ? fieldItems(ctx.resource, replace, '1') : []), ...extra];
    }
    case 'order':
      return [...(ctx.resource ? fieldItems(ctx.resource, replace, '1') : [])];
    case 'connection':
      return (env.connectionNames ?? []).map((n, i) => ({
        label: n,
        kind: Kind.Value,
        detail: 'saved connection',
        sortText: String(i).padStart(3, '0'),
        filterText: n,
        insertText: n,
        replace,
      }));
    case 'exec-method':
      return ctx.resource.methods.map((m) => ({
        label: m.name,
        kind: Kind.Function,
        detail: `${m.sqlVerb.toUpperCase()} ${m.httpMethod} ${m.path}${bindingOf(ctx.resource, m) ? '' : ' (not run here)'}`,
        documentation: m.description || m.summary,
        sortText: `${bindingOf(ctx.resource, m) ? '0' : '1'}${m.name}`,
        replace,
      }));
    case 'exec-param': {
      const method = ctx.resource.methods.find((m) => m.name === ctx.method);
      return (method?.params ?? [])
        .filter((p) => !ctx.given.includes(p.name))
        .map((p, i) => ({
          label: p.name,
          kind: Kind.Variable,
          detail: `${p.required ? 'required' : 'optional'} ${p.in} parameter`,
          ...(p.description ? { documentation: p.description } : {}),
          sortText: `${p.required ? '0' : '1'}${String(i).padStart(2, '0')}`,
          insertText: `${p.name} = '$1'`,
          insertTextFormat: 2 as const,
          replace,
          retrigger: true,
        }));
    }
    case 'where-name': {
      const params = paramsFor(ctx.resource, ctx.verb).filter((p) => !ctx.given.includes(p.name));
      const method = ctx.resource.methods.filter((m) => m.sqlVerb === ctx.verb);
      const requiredSomewhere = (n: string) => method.some((m) => m.required.includes(n));
      // Parameters whose value completion has something to offer (connections, ids the tree loaded,
      // enums, the page size): picking one opens the value list inside the quotes straight away.
      const hasValues = (p: (typeof params)[number]) =>
        !!p.enum?.length ||
        p.name === 'subdomain' ||
        p.name === 'limit' ||
        idKindOf(ctx.resource, p.name) !== undefined;
      const items: CompletionItem[] = params.map((p, i) => ({
        label: p.name,
        kind: Kind.Variable,
        detail: `${requiredSomewhere(p.name) ? 'required' : 'optional'} ${p.in} parameter`,
        ...(p.description ? { documentation: p.description } : {}),
        // Required first, in the catalogue's order (subdomain, authServerId, clientId, tokenId).
        sortText: `${requiredSomewhere(p.name) ? '0' : '1'}${String(i).padStart(2, '0')}`,
        insertText: `${p.name} = '$1'`,
        insertTextFormat: 2,
        replace,
        ...(hasValues(p) ? { retrigger: true } : {}),
      }));
      if (ctx.verb === 'select')
        items.push(
          ...fieldItems(ctx.resource, replace, '2').filter((f) => !params.some((p) => p.name === f.label)),
        );
      return items;
    }
    case 'value': {
      const values: { v: string; detail?: string; kind: number }[] = [];
      const r = ctx.resource;
      const param = r ? findParam(r, ctx.verb, ctx.name) : undefined;
      const field = r ? findField(r, ctx.name) : undefined;
      const name = param?.name ?? field?.name ?? ctx.name;
      for (const e of param?.enum ?? field?.enum ?? []) values.push({ v: e, kind: Kind.Constant });
      if (name === 'subdomain')
        for (const s of env.subdomains ?? [])
          values.push({ v: s, detail: 'saved connection', kind: Kind.Value });
      if (name === 'limit') values.push({ v: '200', detail: 'the API maximum', kind: Kind.Value });
      for (const id of env.ids ?? [])
        values.push({ v: id.id, ...(id.label ? { detail: id.label } : {}), kind: Kind.Value });
      const seen = new Set<string>();
      return values
        .filter((x) => !seen.has(x.v) && (seen.add(x.v), true))
        .map((x, i) => ({
          label: x.v,
          kind: x.kind,
          // The name goes on every row (an id alone says nothing), and in the details of the highlighted one.
          ...(x.detail ? { detail: x.detail, labelDetails: { description: x.detail } } : {}),
          sortText: String(i).padStart(3, '0'),
          insertText: ctx.quoted ? sqlStringBody(x.v) : sqlString(x.v),
          filterText: ctx.quoted ? x.v : sqlString(x.v),
          replace,
        }));
    }
  }
}

/**
 * Which cached ids a value completion needs, if any (the server asks the extension for them): the
 * resource's description says which of its parameters and fields take which kind of id.
 */
export function idRequestFor(at: ContextAt): { param: IdKind; given: Record<string, string> } | undefined {
  if (at.ctx.kind !== 'value') return undefined;
  const param = idKindOf(at.ctx.resource, at.ctx.name);
  return param ? { param, given: at.ctx.given } : undefined;
}

export function complete(text: string, offset: number, env: CompletionEnv = {}): CompletionItem[] {
  return completionItems(completionContext(text, offset), env);
}
