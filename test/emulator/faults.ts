// Programmable faults for tests: a rule matches requests by method and path pattern and fires for
// the next `count` matches. Kinds cover what clients meet in the wild between them and Okta:
// slowness, 429 storms, 5xx (JSON or a proxy's HTML), dropped connections, broken JSON, a 2xx that is
// not Okta's answer (a portal's HTML, a gateway's JSON), bare 401/403 challenges, requests that are
// never answered, and errors that quote the request (credentials included) back.

export type FaultAction =
  /** Extra delay before the normal response. */
  | { kind: 'latency'; ms: number }
  /** 429 E0000047 with X-Rate-Limit-* headers; Reset is `resetSeconds` (default 1) from now. */
  | { kind: 'rate-limit'; resetSeconds?: number }
  /** 500 E0000009 and 503 E0000010 as Okta JSON; 502 and 504 as an HTML gateway page. */
  | { kind: 'status'; status: 500 | 502 | 503 | 504 }
  /**
   * Destroys the socket: 'request' before the request is processed (no state change, no answer),
   * 'headers' after the real status and headers, 'partial-body' (default) after half the real body.
   * The last two run the request first, so a DELETE has happened although its answer is lost.
   */
  | { kind: 'reset'; after?: 'request' | 'headers' | 'partial-body' }
  /** 200, Content-Type application/json, a body that is not JSON. */
  | { kind: 'malformed-json' }
  /** The real body cut in half, with a Content-Length that matches the cut (a clean but broken response). */
  | { kind: 'truncated-json' }
  /** An HTML page with the given status (default 200), e.g. a captive portal or a proxy error. */
  | { kind: 'html'; status?: number }
  /**
   * Well-formed JSON with the given status (default 200) that is not what Okta sends: an API gateway,
   * a mock or a misrouted request answering `{"status":"ok"}` (or `body`). Nothing reaches the org, so
   * on a DELETE nothing is revoked although the answer is a 2xx.
   */
  | { kind: 'json'; status?: number; body?: unknown }
  /** An empty-bodied 401/403 carrying only WWW-Authenticate, as Okta does for OAuth scope problems. */
  | { kind: 'auth-challenge'; status: 401 | 403; wwwAuthenticate?: string }
  /** Never answers; the socket stays open until the client gives up or the emulator closes. */
  | { kind: 'hang' }
  /**
   * An error (default 400) that quotes the request back, credentials included, as some proxies and
   * identity providers do: on the token endpoint an OAuth `invalid_client` whose error_description
   * repeats the form (client_assertion and all); elsewhere an Okta error whose errorSummary repeats the
   * Authorization header and whose errorCauses list every request header.
   */
  | { kind: 'echo'; status?: number };

export type FaultKind = FaultAction['kind'];

export type FaultRule = FaultAction & {
  /** HTTP method to match (any when absent). */
  method?: string;
  /**
   * Path to match, without query: a RegExp, or a glob where `*` is one path segment (or part of it)
   * and `**` is anything. Any path when absent.
   */
  path?: string | RegExp;
  /** How many matching requests it fires for (default 1; Infinity for every request). */
  count?: number;
  /** Matching requests let through untouched before it starts firing (default 0): "the second page fails". */
  skip?: number;
};

export interface ActiveFault {
  id: number;
  rule: FaultRule;
  remaining: number;
  fired: number;
  /** Matching requests still to let through before it fires. */
  skipping: number;
}

export const FAULT_KINDS: readonly FaultKind[] = [
  'latency',
  'rate-limit',
  'status',
  'reset',
  'malformed-json',
  'truncated-json',
  'html',
  'json',
  'auth-challenge',
  'hang',
  'echo',
];

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export class FaultSet {
  private rules: Array<ActiveFault & { re?: RegExp }> = [];
  private nextId = 1;

  /** Adds a rule; returns its id. Rules are tried in the order they were added. */
  add(rule: FaultRule): number {
    if (!FAULT_KINDS.includes(rule.kind)) {
      throw new Error(`Unknown fault kind "${String(rule.kind)}"; known kinds: ${FAULT_KINDS.join(', ')}.`);
    }
    const count = rule.count ?? 1;
    if (!(count > 0)) throw new Error(`Fault count must be positive (got ${count}).`);
    const skip = rule.skip ?? 0;
    if (!(skip >= 0)) throw new Error(`Fault skip must be zero or more (got ${skip}).`);
    const re =
      rule.path === undefined
        ? undefined
        : typeof rule.path === 'string'
          ? globToRegExp(rule.path)
          : rule.path;
    const id = this.nextId++;
    this.rules.push({ id, rule, remaining: count, fired: 0, skipping: skip, re });
    return id;
  }

  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map(({ id, rule, remaining, fired, skipping }) => ({
      id,
      rule,
      remaining,
      fired,
      skipping,
    }));
  }

  /** Consumes one use of every matching rule and returns their actions, in order. */
  take(method: string, path: string): FaultAction[] {
    const out: FaultAction[] = [];
    for (const r of this.rules) {
      if (r.remaining <= 0) continue;
      if (r.rule.method && r.rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (r.re && !r.re.test(path)) continue;
      if (r.skipping > 0) {
        r.skipping--;
        continue;
      }
      r.remaining--;
      r.fired++;
      out.push(r.rule);
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return out;
  }
}

/**
 * Parses the CLI form `[METHOD ]<path-glob> <kind>[:<arg>][ xN]`, e.g.
 * `GET /api/v1/authorizationServers/** status:503 x3`, `* rate-limit:5 x10`, `/oauth2/v1/token hang`.
 */
export function parseFaultSpec(spec: string): FaultRule {
  const parts = spec.trim().split(/\s+/);
  let method: string | undefined;
  if (parts.length && /^[A-Z]+$/.test(parts[0])) method = parts.shift();
  const pathPart = parts.shift();
  const kindPart = parts.shift();
  const countPart = parts.shift();
  const fail = (why: string): never => {
    throw new Error(
      `Cannot read fault "${spec}": ${why}. Expected "[METHOD] <path-glob|*> <kind>[:<arg>] [xN]" with kind one of ${FAULT_KINDS.join(', ')}.`,
    );
  };
  if (!pathPart || !kindPart) fail('path and kind are required');
  const [kind, arg] = (kindPart as string).split(':');
  let count = 1;
  if (countPart !== undefined) {
    if (countPart === 'always') count = Infinity;
    else if (/^x\d+$/.test(countPart)) count = Number(countPart.slice(1));
    else fail(`"${countPart}" is not a count like x3 or "always"`);
  }
  const base = { method, path: pathPart === '*' ? undefined : pathPart, count };
  const n = arg === undefined ? undefined : Number(arg);
  switch (kind) {
    case 'latency':
      if (n === undefined || !(n >= 0)) fail('latency needs milliseconds, e.g. latency:2000');
      return { ...base, kind, ms: n as number };
    case 'rate-limit':
      return { ...base, kind, resetSeconds: n };
    case 'status':
      if (n !== 500 && n !== 502 && n !== 503 && n !== 504) fail('status must be 500, 502, 503 or 504');
      return { ...base, kind, status: n as 500 | 502 | 503 | 504 };
    case 'reset':
      if (arg !== undefined && arg !== 'request' && arg !== 'headers' && arg !== 'partial-body') {
        fail('reset takes request, headers or partial-body');
      }
      return { ...base, kind, after: arg as 'request' | 'headers' | 'partial-body' | undefined };
    case 'html':
    case 'json':
      if (n !== undefined && !(Number.isInteger(n) && n >= 100 && n <= 599))
        fail(`${kind} takes an HTTP status, e.g. ${kind}:200`);
      return { ...base, kind, status: n };
    case 'auth-challenge':
      if (n !== 401 && n !== 403) fail('auth-challenge needs 401 or 403');
      return { ...base, kind, status: n as 401 | 403 };
    case 'echo':
      if (n !== undefined && !(Number.isInteger(n) && n >= 400 && n <= 599))
        fail('echo takes an error status, e.g. echo:401');
      return { ...base, kind, status: n };
    case 'malformed-json':
    case 'truncated-json':
    case 'hang':
      return { ...base, kind };
    default:
      return fail(`unknown kind "${kind}"`);
  }
}
