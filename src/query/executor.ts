// Runs a plan through the Okta client (src/okta): the client call for the chosen method comes from the
// resource's description (src/query/resources), and the executor follows
// pages up to a page cap, fans out over servers/clients when asked, filters/sorts/projects locally,
// and for DELETE reports every token's outcome. Confirmation of destructive statements is the
// caller's job (the editor's modal, the CLI's --yes); `previewDelete` lists what a DELETE would hit.
import type { OAuth2RefreshToken, PagedList } from '../okta';
import { isRevoked, type RevokeOutcome } from '../okta/revokeOutcome';
import { QueryExecutionError } from './errors';
import { limitStopsListing, type DeletePlan, type Plan, type SelectPlan } from './planner';
import { findResource } from './catalogue';
import {
  bindingOf,
  describeResource,
  type ListBinding,
  type QueryClient,
  type RevokeBinding,
} from './resources';
import { matches, project, sortRows, type Row } from './rowFilter';
import { sqlString } from './sqlString';
import { isSubdomainLabel, subdomainProblem } from './subdomain';

export const DEFAULT_PAGE_CAP = 20;
export const DEFAULT_ROW_CAP = 10_000;
const FANOUT_CONCURRENCY = 4;

// Callers have long imported these from here.
export { QueryExecutionError };
export type { QueryClient };

export interface ExecuteOptions {
  signal?: AbortSignal;
  /** Pages fetched per list call before stopping (default 20, as StackQL). */
  pageCap?: number;
  /** Rows kept at most, whatever the LIMIT (default 10,000). */
  rowCap?: number;
  vars?: Record<string, string>;
  onProgress?: (message: string) => void;
}

/** One token's outcome, in the shared vocabulary of src/okta/revokeOutcome.ts; `message` says why. */
export interface RevokeRow {
  tokenId: string;
  userId?: string;
  outcome: RevokeOutcome['status'];
  message?: string;
}

export interface QueryResult {
  columns: string[];
  rows: Row[];
  /** The API method used, e.g. list_refresh_tokens_for_authorization_server_and_client. */
  method?: string;
  pagesFetched: number;
  pageCap: number;
  /** True when a list stopped at the page cap or the row cap with more data left. */
  truncated: boolean;
  /**
   * Set when a SELECT was cut short by a cap: the rows are only part of the answer and must not be
   * shown as it (the CLI exits 3, the results grid says so above the rows).
   */
  cutShort?: CutShort;
  apiCalls: number;
  elapsedMs: number;
  revokes?: RevokeRow[];
  notes: string[];
}

export interface CutShort {
  /** Which cap: a list stopped at the page cap with pages left, or the row cap dropped rows. */
  cap: 'pages' | 'rows';
  /** The cap's value (pages per list, or rows). */
  value: number;
  /** For people: the rows are incomplete, which cap, what it means for ORDER BY / LIMIT, what to do. */
  message: string;
}

/**
 * A SELECT whose list failed after some pages had arrived (a dropped connection, a 429 storm that
 * outlasted the retries, a 5xx). Nothing fetched is thrown away: `partial` holds those rows, shaped as
 * the full result would be, and `resumeAfter` the cursor to continue from when there was one list.
 */
export class ListBrokenOffError extends QueryExecutionError {
  constructor(
    message: string,
    readonly partial: QueryResult,
    readonly resumeAfter: string | undefined,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'ListBrokenOffError';
  }
}

interface Counters {
  pages: number;
  calls: number;
  truncated: boolean;
}

/**
 * A list that failed after some of its pages had arrived. Internal: the select path turns it into a
 * ListBrokenOffError carrying the rows; every other caller rethrows the original error.
 */
class BrokenList<T> extends Error {
  constructor(
    readonly items: T[],
    readonly pages: number,
    readonly resumeAt: string | undefined,
    override readonly cause: unknown,
    /** For a fan-out: which lists failed, e.g. "the clients of aus1 (and 2 other lists)". */
    readonly failedLists?: string,
  ) {
    super((cause as Error).message);
  }
}

/** Rethrows what a list really failed with, dropping the partial items (for lists that are not rows). */
function unwrapBroken(e: unknown): never {
  throw e instanceof BrokenList ? e.cause : e;
}

async function collect<T>(
  list: PagedList<T>,
  c: Counters,
  pageCap: number,
  signal?: AbortSignal,
  enough: (n: number) => boolean = () => false,
): Promise<T[]> {
  const out: T[] = [];
  let more = false;
  let pages = 0;
  let next: string | undefined;
  try {
    for await (const page of list.pages({ maxPages: pageCap })) {
      c.pages++;
      c.calls++;
      pages++;
      out.push(...page.items);
      more = !!page.nextUrl;
      next = page.nextUrl;
      signal?.throwIfAborted();
      // A LIMIT that is already met needs no further page (and leaves nothing behind that was asked for).
      if (enough(out.length)) {
        more = false;
        break;
      }
    }
  } catch (e) {
    // A cancel is not a failure to report rows for; a failure on the first page has none to report.
    if (pages === 0 || signal?.aborted) throw e;
    throw new BrokenList(out, pages, next, e);
  }
  // The pager stops at the cap; a last page that still points further means rows were left behind.
  if (more) c.truncated = true;
  return out;
}

function asRow(v: object): Row {
  return { ...(v as Record<string, unknown>) };
}

async function pool<T, R>(items: T[], n: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/**
 * The cursor a list starts at, from `after = '…'`: either the cursor itself or a next-page URL
 * Okta sent (its `after=` is taken; the URL is never requested, so a link to another host cannot
 * carry the credential there). A URL for a different list is refused rather than silently mixed in.
 */
export function startCursor(after: string | undefined, plan: SelectPlan): string | undefined {
  if (after === undefined || after === '') return undefined;
  if (!/^(https?:\/\/|\/)/i.test(after)) return after;
  let url: URL;
  try {
    url = new URL(after, 'http://org.invalid');
  } catch {
    throw new QueryExecutionError(`after = '${after.slice(0, 200)}' is neither a cursor nor a URL`);
  }
  const cursor = url.searchParams.get('after');
  if (!cursor)
    throw new QueryExecutionError(
      `after = '${after.slice(0, 200)}' is a URL without an after= cursor; give the next link Okta sent (Link rel="next") or just its after value`,
    );
  const expected = plan.method.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(plan.params[name] ?? ''),
  );
  if (decodeURIComponent(url.pathname) !== decodeURIComponent(expected))
    throw new QueryExecutionError(
      `after = '…' is a next link for ${url.pathname}, but this statement lists ${expected}; use a cursor from this list`,
    );
  return cursor;
}

async function fetchRows(
  plan: SelectPlan,
  client: QueryClient,
  opts: ExecuteOptions,
  c: Counters,
  enough: (n: number) => boolean,
): Promise<Row[]> {
  const p = plan.params;
  const signal = opts.signal;
  const call = { ...(signal ? { signal } : {}) };
  const pageCap = opts.pageCap ?? DEFAULT_PAGE_CAP;
  const limit = plan.pageSize;
  const after = startCursor(p.after, plan);
  if (after !== undefined && plan.fanout.length)
    throw new QueryExecutionError(
      'after picks up one list where it stopped, but this statement fans out over several lists; give authServerId and clientId',
    );
  const paging = { ...(limit ? { limit } : {}), ...(after !== undefined ? { after } : {}) };
  const all = async <T extends object>(list: PagedList<T>): Promise<Row[]> =>
    (await collect(list, c, pageCap, signal, enough)).map(asRow);
  const one = async <T extends object>(get: Promise<T>): Promise<Row[]> => {
    c.calls++;
    return [asRow(await get)];
  };
  // A fan-out lists servers and clients first (the refresh_tokens resource's own walk), or the
  // parent whose rows fill the parameters left out.
  if (plan.fanout.length)
    return plan.resource.id === 'okta.authorizationservers.refresh_tokens'
      ? listTokens(plan, client, opts, c, enough, paging)
      : fanOut(plan, client, opts, c, enough, paging);
  const binding = bindingOf(plan.resource, plan.method);
  switch (binding?.kind) {
    case 'list':
      return all(binding.call(client, p, paging, call));
    case 'get':
      return one(binding.call(client, p, call));
    default:
      throw new QueryExecutionError(
        `${plan.method.name} (${plan.method.httpMethod} ${plan.method.path}) is not a read this runner knows; SHOW METHODS IN ${plan.resource.id} marks what runs`,
      );
  }
}

/**
 * The lists of a fan-out that failed. One list failing does not end the others: each failure is noted with
 * the rows that arrived, and the result is either every row (nothing failed), the one failure itself
 * (nothing arrived at all, as for a single list), or a BrokenList naming the first failure with every row.
 */
class FanOutFailures {
  private readonly failed: { what: string; cause: unknown }[] = [];
  constructor(private readonly signal: AbortSignal | undefined) {}

  async attempt<T>(what: string, run: () => Promise<T[]>): Promise<T[]> {
    try {
      return await run();
    } catch (e) {
      if (this.signal?.aborted) throw e;
      this.failed.push({ what, cause: e instanceof BrokenList ? e.cause : e });
      return e instanceof BrokenList ? (e.items as T[]) : [];
    }
  }

  finish(rows: Row[], c: Counters): Row[] {
    const [first, ...rest] = this.failed;
    if (!first) return rows;
    if (rows.length === 0 && rest.length === 0) throw first.cause;
    const others = rest.length;
    throw new BrokenList(
      rows,
      c.pages,
      undefined,
      first.cause,
      `${first.what}${others ? ` (and ${others} other list${others === 1 ? '' : 's'})` : ''}`,
    );
  }
}

/**
 * Refresh tokens of one (server, client) pair, or of every server and client for a FANOUT. A fan-out is
 * many lists; one of them failing (a server's client list refused or broken off, a token list that
 * errors) does not throw away the others: the remaining lists still run, their rows are kept in
 * server/client order, and the failure is reported at the end with every row that arrived.
 */
async function listTokens(
  plan: SelectPlan,
  client: QueryClient,
  opts: ExecuteOptions,
  c: Counters,
  enough: (n: number) => boolean,
  paging: { limit?: number; after?: string },
): Promise<Row[]> {
  const p = plan.params;
  const signal = opts.signal;
  const call = { ...(signal ? { signal } : {}) };
  const pageCap = opts.pageCap ?? DEFAULT_PAGE_CAP;
  const expandScope = p.expand === 'scope';
  const tokensOf = (authServerId: string, clientId: string, counted: () => number) => {
    opts.onProgress?.(`listing tokens of client ${clientId} on ${authServerId}`);
    const list = client.listRefreshTokens(authServerId, clientId, { expandScope, ...paging }, call);
    return collect(list, c, pageCap, signal, (n) => enough(counted() + n));
  };
  if (!plan.fanout.length)
    // One list: a failure is that list's (BrokenList carries its rows and where to resume).
    return (await tokensOf(p.authServerId!, p.clientId!, () => 0)).map(asRow);

  const failures = new FanOutFailures(signal);
  const attempt = failures.attempt.bind(failures);
  const servers = plan.fanout.includes('authServerId')
    ? (
        await attempt('the authorization servers', () =>
          collect(client.listAuthorizationServers({}, call), c, pageCap, signal),
        )
      ).map((s) => s.id)
    : [p.authServerId!];
  let pairs: { authServerId: string; clientId: string }[];
  if (!plan.fanout.includes('clientId'))
    pairs = servers.map((s) => ({ authServerId: s, clientId: p.clientId! }));
  else {
    const perServer = await pool(servers, FANOUT_CONCURRENCY, async (s) => {
      opts.onProgress?.(`listing clients of ${s}`);
      const clients = await attempt(`the clients of ${s}`, () =>
        collect(client.listClients(s, call), c, pageCap, signal),
      );
      return clients.map((cl) => ({ authServerId: s, clientId: cl.client_id }));
    });
    pairs = perServer.flat();
  }
  const perPair: Row[][] = pairs.map(() => []);
  let count = 0;
  await pool(
    pairs.map((pair, i) => ({ ...pair, i })),
    FANOUT_CONCURRENCY,
    async ({ authServerId, clientId, i }) => {
      if (enough(count)) return;
      const got = await attempt(`the tokens of client ${clientId} on ${authServerId}`, () =>
        tokensOf(authServerId, clientId, () => count),
      );
      perPair[i] = got.map(asRow);
      count += got.length;
    },
  );
  return failures.finish(perPair.flat(), c);
}

/**
 * A fan-out over a parent: the parent's rows (e.g. a user's clients) fill the parameters left out
 * (clientId), and the resource's list runs once per row. As for the servers-and-clients walk, one list
 * failing does not throw away the others: the failure is reported at the end with every row that arrived.
 */
async function fanOut(
  plan: SelectPlan,
  client: QueryClient,
  opts: ExecuteOptions,
  c: Counters,
  enough: (n: number) => boolean,
  paging: { limit?: number; after?: string },
): Promise<Row[]> {
  const signal = opts.signal;
  const call = { ...(signal ? { signal } : {}) };
  const pageCap = opts.pageCap ?? DEFAULT_PAGE_CAP;
  const d = describeResource(plan.resource);
  const rel = d?.parents.find((p) => plan.fanout.every((f) => f in p.params));
  const [, svc, name] = (rel?.resource ?? '').split('.');
  const parent = rel ? findResource(svc ?? '', name ?? '') : undefined;
  const given = new Set([...Object.keys(plan.params), 'subdomain']);
  const parentList = parent && listMethodFor(parent, given);
  // The list this resource runs per parent row (a get chosen for a tokenId is applied as a filter).
  const childList = listMethodFor(plan.resource, new Set([...given, ...plan.fanout]));
  if (!rel || !parent || !parentList || !childList)
    throw new QueryExecutionError(
      `${plan.resource.id} cannot fan out over ${plan.fanout.join(' and ')}: give ${plan.fanout.join(' and ')}`,
    );
  opts.onProgress?.(`listing ${describeResource(parent)?.noun ?? 'parent'}s`);
  const parents = (await collect(
    parentList.binding.call(client, plan.params, {}, call),
    c,
    pageCap,
    signal,
  ).catch(unwrapBroken)) as Record<string, unknown>[];
  const failures = new FanOutFailures(signal);
  const perParent: Row[][] = parents.map(() => []);
  let count = 0;
  await pool(
    parents.map((row, i) => ({ row, i })),
    FANOUT_CONCURRENCY,
    async ({ row, i }) => {
      if (enough(count)) return;
      const p: Record<string, string> = { ...plan.params };
      for (const f of plan.fanout) p[f] = String(row[rel.params[f]!] ?? '');
      const what = `the ${d?.noun ?? 'row'}s for ${plan.fanout.map((f) => `${f} ${p[f]}`).join(', ')}`;
      opts.onProgress?.(`listing ${what}`);
      const got = await failures.attempt(what, () =>
        collect(childList.binding.call(client, p, paging, call), c, pageCap, signal, (n) =>
          enough(count + n),
        ),
      );
      perParent[i] = got.map(asRow);
      count += got.length;
    },
  );
  return failures.finish(perParent.flat(), c);
}

/** The resource's runnable list method with the most required parameters all in `given`. */
function listMethodFor(
  r: SelectPlan['resource'],
  given: ReadonlySet<string>,
): { binding: ListBinding } | undefined {
  let best: { binding: ListBinding; n: number } | undefined;
  for (const m of r.methods) {
    const b = bindingOf(r, m);
    if (b?.kind !== 'list' || !m.required.every((p) => given.has(p))) continue;
    if (!best || m.required.length > best.n) best = { binding: b, n: m.required.length };
  }
  return best;
}

/** When a LIMIT can stop the listing early (see limitStopsListing): once that many rows have arrived. */
function enoughFor(plan: SelectPlan): (n: number) => boolean {
  const stopAt = plan.rowLimit;
  if (stopAt === undefined || !limitStopsListing(plan)) return () => false;
  return (n) => n >= stopAt;
}

async function runSelect(plan: SelectPlan, client: QueryClient, opts: ExecuteOptions): Promise<QueryResult> {
  const t0 = Date.now();
  const c: Counters = { pages: 0, calls: 0, truncated: false };
  const notes: string[] = [];
  let raw: Row[];
  try {
    raw = await fetchRows(plan, client, opts, c, enoughFor(plan));
  } catch (e) {
    if (!(e instanceof BrokenList)) throw e;
    // The rows that arrived are shaped like a full result (filters, order, columns) so the caller can
    // still show or save them, and the message says they are incomplete and where the list stopped.
    const partial = {
      ...shapeRows(
        plan,
        e.items as Row[],
        opts,
        c,
        [
          e.failedLists
            ? `incomplete: listing ${e.failedLists} failed; the other lists' rows are here`
            : `incomplete: the list broke off after ${e.pages} page(s)`,
        ],
        t0,
      ),
      truncated: true,
    };
    const cursor = e.resumeAt ? new URL(e.resumeAt, 'http://org.invalid').searchParams.get('after') : null;
    const where = e.failedLists
      ? `Listing ${e.failedLists} failed; the ${partial.rows.length} row(s) from the lists that worked are only part of the result.`
      : `The list broke off after ${e.pages} page(s); the ${partial.rows.length} row(s) that arrived are only part of the result.`;
    throw new ListBrokenOffError(
      `${(e.cause as Error).message} ${where}` +
        (cursor
          ? ` To fetch the rest, run the statement again with after = ${sqlString(cursor)} in its WHERE clause.`
          : ' Run the statement again to get all rows.'),
      partial,
      cursor ?? undefined,
      e.cause,
    );
  }
  return shapeRows(plan, raw, opts, c, notes, t0);
}

/**
 * What a result cut short by a cap is: only part of the answer. With ORDER BY (and LIMIT) the rows are
 * the order of what was fetched, not the first rows of the whole listing, so the message says that too.
 */
function cutShort(plan: SelectPlan, opts: ExecuteOptions, rows: number, byPages: boolean): CutShort {
  const pageCap = opts.pageCap ?? DEFAULT_PAGE_CAP;
  const rowCap = opts.rowCap ?? DEFAULT_ROW_CAP;
  const why = byPages
    ? `a list stopped at the page cap (${pageCap} page${pageCap === 1 ? '' : 's'} per list) with more rows left`
    : `the result stopped at the row cap (${rowCap} rows)`;
  const order = plan.orderBy.length
    ? plan.rowLimit !== undefined
      ? `; ORDER BY … LIMIT ${plan.rowLimit} picked them from the rows fetched, so they are not necessarily the top rows`
      : '; ORDER BY sorted only the rows fetched'
    : '';
  return {
    cap: byPages ? 'pages' : 'rows',
    value: byPages ? pageCap : rowCap,
    message: `Incomplete: ${why}, so ${rows === 1 ? 'this 1 row is' : `these ${rows} rows are`} only part of the result${order}. ${byPages ? 'Raise the page cap or narrow the query.' : 'Narrow the query or add a LIMIT.'}`,
  };
}

/** Filters, sorts, caps and projects fetched rows into a result. */
function shapeRows(
  plan: SelectPlan,
  fetched: Row[],
  opts: ExecuteOptions,
  c: Counters,
  notes: string[],
  t0 = Date.now(),
): QueryResult {
  const rowCap = Math.min(plan.rowLimit ?? Infinity, opts.rowCap ?? DEFAULT_ROW_CAP);
  let raw = fetched;
  // A tokenId given with a fan-out narrows the listed tokens.
  if (plan.fanout.length && plan.params.tokenId) raw = raw.filter((r) => r.id === plan.params.tokenId);
  let rows = raw.filter((r) => plan.filters.every((f) => matches(r, f, opts.vars)));
  const alias = new Map(
    plan.projection === '*' ? [] : plan.projection.filter((x) => !x.jsonPath).map((x) => [x.name, x.field]),
  );
  rows = sortRows(
    rows,
    plan.orderBy.map((o) => ({
      ...o,
      column: {
        ...o.column,
        name: { ...o.column.name, name: alias.get(o.column.name.name) ?? o.column.name.name },
      },
    })),
  );
  const pageCapCut = c.truncated;
  let rowCapCut = false;
  if (rows.length > rowCap) {
    if (plan.rowLimit === undefined || rowCap < plan.rowLimit) rowCapCut = c.truncated = true;
    rows = rows.slice(0, rowCap);
  }
  const fields = plan.resource.fields.map((f) => f.name);
  const out = rows.map((r) => project(r, plan.projection, fields));
  const columns = plan.projection === '*' ? fields : plan.projection.map((p) => p.name);
  const cut = pageCapCut || rowCapCut ? cutShort(plan, opts, out.length, pageCapCut) : undefined;
  return {
    ...(cut ? { cutShort: cut } : {}),
    columns,
    rows: out,
    method: plan.method.name,
    pagesFetched: c.pages,
    pageCap: opts.pageCap ?? DEFAULT_PAGE_CAP,
    truncated: c.truncated,
    apiCalls: c.calls,
    elapsedMs: Date.now() - t0,
    notes,
  };
}

/** The revoke behind a DELETE plan (a plan is only made for a method that has one). */
function revokeBinding(plan: DeletePlan): RevokeBinding {
  const b = bindingOf(plan.resource, plan.method);
  if (b?.kind !== 'revoke')
    throw new QueryExecutionError(`${plan.method.name} does not revoke refresh tokens; it is not run here`);
  return b;
}

/** The tokens a DELETE would revoke (active ones for a bulk revoke; the named one otherwise). */
export async function previewDelete(
  plan: DeletePlan,
  client: QueryClient,
  opts: ExecuteOptions = {},
): Promise<OAuth2RefreshToken[]> {
  return (await listTargets(plan, client, opts)).tokens;
}

/** The preview's tokens, plus whether a bulk list stopped at the page cap with tokens left unlisted. */
async function listTargets(
  plan: DeletePlan,
  client: QueryClient,
  opts: ExecuteOptions,
): Promise<{ tokens: OAuth2RefreshToken[]; truncated: boolean; calls: number; pages: number }> {
  const p = plan.params;
  const call = { ...(opts.signal ? { signal: opts.signal } : {}) };
  const path = revokeBinding(plan).path(p);
  if (!plan.bulk) {
    try {
      const t = await client.getTokenAt(path, p.tokenId!, { expandScope: false }, call);
      return { tokens: [t], truncated: false, calls: 1, pages: 0 };
    } catch {
      return { tokens: [], truncated: false, calls: 1, pages: 0 };
    }
  }
  const c: Counters = { pages: 0, calls: 0, truncated: false };
  const all = await collect(
    client.listTokensAt(path, { expandScope: false }, call),
    c,
    opts.pageCap ?? 1000,
    opts.signal,
  ).catch(unwrapBroken);
  return {
    tokens: all.filter((t) => t.status !== 'REVOKED'),
    truncated: c.truncated,
    calls: c.calls,
    pages: c.pages,
  };
}

async function runDelete(plan: DeletePlan, client: QueryClient, opts: ExecuteOptions): Promise<QueryResult> {
  const t0 = Date.now();
  const p = plan.params;
  const call = { ...(opts.signal ? { signal: opts.signal } : {}) };
  const revokes: RevokeRow[] = [];
  const notes: string[] = [];
  let calls = 0;
  let pagesFetched = 0;
  let truncated = false;
  const row = (tokenId: string, userId: string | undefined, o: RevokeOutcome): RevokeRow => ({
    tokenId,
    ...(userId ? { userId } : {}),
    outcome: o.status,
    ...(o.status !== 'revoked' ? { message: o.message } : {}),
  });
  if (!plan.bulk) {
    calls++;
    revokes.push(
      row(p.tokenId!, undefined, await client.revokeTokenAt(revokeBinding(plan).path(p), p.tokenId!, call)),
    );
  } else {
    // List first so the result names each token; Okta's revoke-all is one call whose outcome applies to all.
    // A list that Okta answers 404 names a server or client that does not exist: the revoke is still
    // sent, unseen, so the client reports it as not-found like any other wrong id.
    let listed: Awaited<ReturnType<typeof listTargets>> | undefined;
    try {
      listed = await listTargets(plan, client, opts);
    } catch (e) {
      if ((e as { status?: unknown }).status !== 404) throw e;
      calls++;
    }
    const tokens = listed?.tokens ?? [];
    calls += listed?.calls ?? 0;
    pagesFetched = listed?.pages ?? 0;
    opts.signal?.throwIfAborted();
    calls++;
    const o = await client.revokeTokensAt(revokeBinding(plan).path(p), {
      ...call,
      seen: listed !== undefined,
    });
    for (const t of tokens) revokes.push(row(t.id, t.userId, o));
    if (tokens.length === 0) revokes.push(row('(all)', undefined, o));
    // Okta revokes every token of the client, listed or not; the rows only name the listed ones.
    if (listed?.truncated) {
      truncated = true;
      notes.push(
        `${isRevoked(o.status) ? 'ALL refresh tokens of the client were revoked, but only' : 'Only'} the first ${tokens.length} are listed here: the list stopped at the cap of ${opts.pageCap ?? 1000} page(s); raise the page cap to see every one`,
      );
    }
  }
  const rows = revokes.map((r) => ({
    tokenId: r.tokenId,
    userId: r.userId ?? null,
    outcome: r.outcome,
    message: r.message ?? null,
  }));
  return {
    columns: ['tokenId', 'userId', 'outcome', 'message'],
    rows,
    method: plan.method.name,
    pagesFetched,
    pageCap: opts.pageCap ?? DEFAULT_PAGE_CAP,
    truncated,
    apiCalls: calls,
    elapsedMs: Date.now() - t0,
    revokes,
    notes,
  };
}

/**
 * Last check before anything is sent, whatever the caller analysed: a blank path parameter would
 * drop a path segment (a revoke of one token becoming a request to …/tokens/), and a subdomain that
 * is not one DNS label could name another host. The analyzer reports both; this refuses them again.
 */
function refuseUnsafeParams(plan: SelectPlan | DeletePlan): void {
  const fanout: readonly string[] = plan.kind === 'select' ? plan.fanout : [];
  for (const param of plan.method.params) {
    if (param.in !== 'path' || fanout.includes(param.name)) continue;
    const v = plan.params[param.name];
    if (v === undefined || v.trim() === '')
      throw new QueryExecutionError(
        `not run: ${param.name} is ${v === undefined ? 'missing' : 'empty'}, and it is part of the request path (${plan.method.path}); give it a value`,
      );
  }
  const sub = plan.params.subdomain;
  if (sub !== undefined && !isSubdomainLabel(sub))
    throw new QueryExecutionError(`not run: ${subdomainProblem(sub)}`);
}

export async function execute(
  plan: Plan,
  client: QueryClient | undefined,
  opts: ExecuteOptions = {},
): Promise<QueryResult> {
  if (plan.kind === 'meta')
    return {
      columns: plan.columns,
      rows: plan.rows,
      pagesFetched: 0,
      pageCap: opts.pageCap ?? DEFAULT_PAGE_CAP,
      truncated: false,
      apiCalls: 0,
      elapsedMs: 0,
      notes: [],
    };
  if (!client) throw new QueryExecutionError('no Okta connection for this statement');
  refuseUnsafeParams(plan);
  return plan.kind === 'select' ? runSelect(plan, client, opts) : runDelete(plan, client, opts);
}

/** True when every token of a DELETE result no longer works (revoked now, or already gone). */
export function allRevoked(r: QueryResult): boolean {
  return (r.revokes ?? []).every((x) => isRevoked(x.outcome));
}
