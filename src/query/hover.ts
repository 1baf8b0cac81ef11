// Hover text (Markdown) for the word under the cursor: a resource shows its methods (verb, HTTP call,
// required parameters); a field its type, enum and description; a parameter where it goes, which
// methods need it and its limits; a keyword a one-line reminder. Pure function of the analysis.
import type { Expr, ResourceRef, Span, StringLit } from './ast';
import { findField, findParam, findService, PROVIDER, type CatalogueResource } from './catalogue';
import { statementAt, type AnalyzedDocument } from './analyzer';
import { lex } from './lexer';
import { canRun, idKindOf, type IdKind } from './resources';

export interface HoverResult extends Span {
  markdown: string;
}

const KEYWORDS: Record<string, string> = {
  SELECT: "Lists or gets rows. Parameters go in WHERE as `name = 'value'`; other predicates filter locally.",
  DELETE: 'Revokes refresh tokens. With `tokenId` one token; without it **every** token of the client.',
  EXEC: "`EXEC okta.<service>.<resource>.<method> @param = 'value', …` runs the method named, with the checks of its verb (a revoke asks to confirm).",
  SHOW: '`SHOW SERVICES | RESOURCES | METHODS [IN …]` — answered from the catalogue, no API call.',
  DESCRIBE: '`DESCRIBE [EXTENDED] <resource>` — the fields a SELECT returns.',
  WHERE: '`=` predicates on parameters become request inputs; the rest filters rows locally.',
  LIMIT:
    'Maximum rows. Pushed down as the `limit` page size (at most 200); more rows come from further pages.',
  FANOUT: 'Hint: enumerate every authorization server / client for the parameters left out (refresh_tokens).',
};

export function resourceMarkdown(r: CatalogueResource): string {
  const rows = r.methods
    .filter((m) => canRun(r, m))
    .map(
      (m) =>
        `| ${m.sqlVerb.toUpperCase()} | \`${m.httpMethod} ${m.path.replace('/api/v1/authorizationServers', '…')}\` | ${m.required.join(', ')} |`,
    );
  const other = r.methods.filter((m) => !canRun(r, m)).map((m) => m.name);
  return [
    `**${r.id}**`,
    '',
    '| Verb | HTTP | Required |',
    '|---|---|---|',
    ...rows,
    '',
    other.length ? `Not run here: ${other.join(', ')}.` : '',
    `Fields: ${r.fields.map((f) => `\`${f.name}\``).join(', ')}`,
  ]
    .filter((l, i, a) => !(l === '' && a[i - 1] === ''))
    .join('\n');
}

function fieldMarkdown(r: CatalogueResource, name: string): string | undefined {
  const f = findField(r, name);
  if (!f) return undefined;
  const lines = [
    `**${f.name}** — field of \`${r.name}\``,
    '',
    `Type: \`${f.type}\`${f.format ? ` (${f.format})` : ''}`,
  ];
  if (f.enum) lines.push(`Values: ${f.enum.map((e) => `\`${e}\``).join(' | ')}`);
  if (f.description) lines.push('', f.description);
  if (f.example) lines.push('', `Example: \`${f.example}\``);
  return lines.join('\n');
}

function paramMarkdown(r: CatalogueResource, verb: 'select' | 'delete', name: string): string | undefined {
  const p = findParam(r, verb, name);
  if (!p) return undefined;
  const methods = r.methods.filter((m) => m.sqlVerb === verb);
  const req = methods.filter((m) => m.required.includes(p.name)).map((m) => m.name);
  const where =
    p.in === 'server'
      ? 'server variable (picks the org / connection)'
      : p.in === 'path'
        ? 'path parameter'
        : 'query parameter';
  const lines = [`**${p.name}** — ${where}, \`${p.type}${p.format ? ` (${p.format})` : ''}\``];
  lines.push('', req.length ? `Required by: ${req.join(', ')}` : 'Optional.');
  if (p.maximum !== undefined) lines.push(`Maximum: ${p.maximum}`);
  if (p.enum) lines.push(`Values: ${p.enum.map((e) => `\`${e}\``).join(' | ')}`);
  if (p.description) lines.push('', p.description);
  return lines.join('\n');
}

function refContaining(ref: ResourceRef | undefined, offset: number): ResourceRef | undefined {
  return ref && ref.start <= offset && offset <= ref.end ? ref : undefined;
}

export function hoverAt(doc: AnalyzedDocument, offset: number): HoverResult | undefined {
  const st = statementAt(doc, offset);
  if (!st) return undefined;
  const tok = lex(doc.text, st.slice.start, st.slice.end).find((t) => t.start <= offset && offset < t.end);
  if (!tok) return undefined;
  const span = { start: tok.start, end: tok.end };
  if (tok.kind === 'blockComment' && /\/\*\+\s*FANOUT/i.test(tok.text))
    return { ...span, markdown: KEYWORDS.FANOUT! };
  if (tok.kind !== 'ident' && tok.kind !== 'quoted') return undefined;
  const s = st.stmt;
  // The syntax tree is relative to the statement's base offset.
  const rel = offset - st.base;
  const ref = refContaining('from' in s ? s.from : 'target' in s ? s.target : undefined, rel);
  if (ref) {
    const idx = ref.parts.findIndex((p) => p.start <= rel && rel <= p.end);
    if (idx === 0) return { ...span, markdown: `**${PROVIDER}** — the Okta provider (Management API)` };
    if (idx === 1) {
      const svc = findService(ref.parts[1]!.name);
      return svc
        ? {
            ...span,
            markdown: `**${PROVIDER}.${svc.name}**\n\n${svc.description}\n\nResources: ${Object.keys(svc.resources).join(', ')}`,
          }
        : undefined;
    }
    if (idx === 2 && st.resource) return { ...span, markdown: resourceMarkdown(st.resource) };
    return undefined;
  }
  if (s.kind === 'exec' && s.method && s.method.start <= rel && rel <= s.method.end && st.resource) {
    const m = st.resource.methods.find((x) => x.name === s.method!.name);
    if (!m) return undefined;
    const lines = [
      `**${m.name}** — ${m.sqlVerb.toUpperCase()} \`${m.httpMethod} ${m.path}\``,
      '',
      `Required: ${m.required.join(', ')}${m.optional.length ? `; optional: ${m.optional.join(', ')}` : ''}`,
      canRun(st.resource, m) ? '' : 'Not run by this extension.',
      m.description ? `\n${m.description}` : '',
    ];
    return { ...span, markdown: lines.filter((l) => l !== '').join('\n') };
  }
  const isKeyword = s.keywords.some((k) => k.start + st.base === tok.start);
  if (isKeyword) {
    const md = KEYWORDS[tok.text.toUpperCase()];
    return md ? { ...span, markdown: md } : undefined;
  }
  const r = st.resource;
  if (!r) return undefined;
  const verb = st.verb === 'delete' ? 'delete' : 'select';
  const asParam =
    st.givenParams.has(tok.value) || (!findField(r, tok.value) && findParam(r, verb, tok.value));
  const md = asParam
    ? paramMarkdown(r, verb, tok.value)
    : (fieldMarkdown(r, tok.value) ?? paramMarkdown(r, verb, tok.value));
  return md ? { ...span, markdown: md } : undefined;
}

/**
 * Kinds of id whose values the extension's tree may have loaded, with a name to show for them (a user's
 * name comes from the tokens the tree loaded: Okta titles each token's user link with it). Which
 * parameters and fields of a resource take which kind is in its description (src/query/resources).
 */
export type IdParam = IdKind;

/** A literal id under the cursor: what to ask the extension about, and where the hover goes. */
export interface IdHoverQuery extends Span {
  param: IdParam;
  value: string;
  /** The statement's other parameters (subdomain, authServerId…), to find the right cache entry. */
  given: Record<string, string>;
  connection?: string;
}

export function idHoverAt(doc: AnalyzedDocument, offset: number): IdHoverQuery | undefined {
  const st = statementAt(doc, offset);
  if (!st) return undefined;
  const rel = offset - st.base;
  for (const [name, g] of st.givenParams) {
    const kind = idKindOf(st.resource, name);
    if (!kind || !g.value) continue;
    if (g.literal.start > rel || rel >= g.literal.end) continue;
    const given = Object.fromEntries(
      [...st.givenParams].filter(([n]) => n !== name).map(([n, v]) => [n, v.value]),
    );
    return {
      start: g.literal.start + st.base,
      end: g.literal.end + st.base,
      param: kind,
      value: g.value,
      given,
      ...(st.connection ? { connection: st.connection } : {}),
    };
  }
  // userId is a field (filtered locally), not a parameter: find the string compared with it.
  const where = 'where' in st.stmt ? st.stmt.where : undefined;
  const lit = userIdLiteralAt(where, rel);
  if (!lit) return undefined;
  return {
    start: lit.start + st.base,
    end: lit.end + st.base,
    param: 'userId',
    value: lit.value,
    given: Object.fromEntries([...st.givenParams].map(([n, v]) => [n, v.value])),
    ...(st.connection ? { connection: st.connection } : {}),
  };
}

/** The string literal holding `rel` in a `userId = '…'` / `userId IN (…)` comparison, if any. */
function userIdLiteralAt(e: Expr | undefined, rel: number): StringLit | undefined {
  if (!e || rel < e.start || rel > e.end) return undefined;
  if (e.kind === 'not') return userIdLiteralAt(e.expr, rel);
  if (e.kind !== 'compare') return userIdLiteralAt(e.left, rel) ?? userIdLiteralAt(e.right, rel);
  if (e.left.kind !== 'column' || e.left.name.name.toLowerCase() !== 'userid' || !e.right) return undefined;
  const lits = Array.isArray(e.right) ? e.right : [e.right];
  return lits.find(
    (l): l is StringLit => l.kind === 'string' && l.value !== '' && l.start <= rel && rel < l.end,
  );
}

const ID_NOUN: Record<IdParam, string> = {
  authServerId: 'authorization server',
  clientId: 'client',
  tokenId: 'refresh token',
  userId: 'user',
};

/**
 * `text` as Markdown that renders as exactly that text: every ASCII punctuation character is
 * backslash-escaped (CommonMark allows it for all of them), so `![x](https://host/…)` cannot load an
 * image, `[Payments](https://elsewhere)` cannot become a look-alike link, `<b>` stays text and a bare
 * URL is not auto-linked; line breaks become spaces so a value cannot start a heading or a list.
 * For every string that comes from the API (names, labels).
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/** `text` as an inline code span whatever backticks it holds (the fence is longer than any run inside). */
export function codeSpan(text: string): string {
  const one = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(one.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${one}${pad}${fence}`;
}

/** What the tree knows about the id: its name (server, client, user) or user and status (token). */
export function idHoverMarkdown(q: IdHoverQuery, loaded: { id: string; label?: string }[]): string {
  const hit = loaded.find((x) => x.id === q.value);
  // The id is the file's text and the label the API's: neither may add markup to the hover.
  const head = `**${q.param}** ${codeSpan(q.value)}`;
  if (hit?.label)
    return `${head} — ${ID_NOUN[q.param]} **${escapeMarkdown(hit.label)}** (as loaded in the Okta Tokens view)`;
  if (hit) return `${head} — a ${ID_NOUN[q.param]} loaded in the Okta Tokens view`;
  // Users are known only through the tokens loaded, so an id missing there is not likely a typo.
  if (q.param === 'userId')
    return loaded.length
      ? `${head} — none of the ${loaded.length} user(s) whose tokens the Okta Tokens view has loaded here.`
      : `${head} — expand a client's tokens in the Okta Tokens view to see whose id this is.`;
  return loaded.length
    ? `${head} — not among the ${loaded.length} ${ID_NOUN[q.param]} id(s) the Okta Tokens view has loaded here; check it for a typo.`
    : `${head} — expand this ${ID_NOUN[q.param]}'s parent in the Okta Tokens view to see its name here.`;
}
