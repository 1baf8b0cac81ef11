// `okta-tokens watch` and `okta-tokens timeline`: the Watch and the timeline in a terminal. `watch`
// streams what happens to a client's or a user's refresh tokens (new, rotated, revoked and why, failed
// refreshes with Okta's reason, reuse detections) until Ctrl+C (or --duration), then prints a summary;
// it polls within its share of the rate limit like the Watch panel (same engine, src/okta/watch).
// `timeline` prints the System Log's OAuth events for a token, a user + client, a user or a client, in
// order, with outcome, reason, client, user, IP, user agent and transaction. Lines are plain text with
// terminal control characters removed from API strings; --output json prints one JSON object a line.

import { OktaClient, isOktaError, normalizeOrgUrl, type AuthConfig } from '../okta';
import {
  OAUTH_EVENTS_FILTER,
  concerns,
  describeEvent,
  eventsForToken,
  reasonExplained,
  type TimelineEntry,
  type TimelineScope,
} from '../okta/timeline';
import { WatchSession, type WatchEvent, type WatchSummary, type WatchTarget } from '../okta/watch/session';
import { stripControls } from '../query/serialize';

export interface WatchIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
  auth?: AuthConfig;
  /** For tests: the client to use instead of one built from the environment. */
  client?: OktaClient;
}

export const WATCH_USAGE = `Usage:
  okta-tokens watch (--client <clientId> [--auth-server <id>] | --user <userId>) [options]
      streams new, rotated and revoked tokens (and why), failed refreshes and reuse detections;
      Ctrl+C ends it with a summary
      --interval <seconds>    poll interval (default 5)
      --share <percent>       most of each rate-limit bucket it may use (default 10)
      --duration <seconds>    end this long after the watch started (default: until Ctrl+C)
  okta-tokens timeline (--client <id> [--auth-server <id>] [--user <id>] [--token <id>] | --user <id>) [options]
      the System Log's OAuth events in order (a token's needs --auth-server, --client and --token)
      --since <when>          ISO time or a duration back from now: 30m, 12h, 7d (default 24h; a token: its creation)
      --page-cap <n>          System Log pages of 1000 to read at most (default 20)
Options: --org-url <url> (or OKTA_ORG_URL), -o/--output text|json; credentials as for exec.
Exit codes: 0 ok · 2 usage or configuration · 3 API or network error`;

interface WatchArgs {
  command: 'watch' | 'timeline';
  clientId?: string;
  authServerId?: string;
  userId?: string;
  tokenId?: string;
  orgUrl?: string;
  output: 'text' | 'json';
  intervalS: number;
  sharePct: number;
  durationS?: number;
  since?: string;
  pageCap: number;
}

class Usage extends Error {}
class Help extends Error {}

function positive(flag: string, v: string, max = Infinity): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || n > max)
    throw new Usage(`${flag} must be a number above 0${max < Infinity ? ` and at most ${max}` : ''}`);
  return n;
}

function parse(argv: string[]): WatchArgs {
  const rest = [...argv];
  const command = rest.shift() as 'watch' | 'timeline';
  const a: WatchArgs = { command, output: 'text', intervalS: 5, sharePct: 10, pageCap: 20 };
  while (rest.length) {
    const t = rest.shift()!;
    const eq = t.startsWith('--') ? t.indexOf('=') : -1;
    const flag = eq > 0 ? t.slice(0, eq) : t;
    const v = () => {
      const x = eq > 0 ? t.slice(eq + 1) : rest.shift();
      if (x === undefined || x === '') throw new Usage(`${flag} needs a value`);
      return x;
    };
    switch (flag) {
      case '--client':
        a.clientId = v();
        break;
      case '--auth-server':
        a.authServerId = v();
        break;
      case '--user':
        a.userId = v();
        break;
      case '--token':
        a.tokenId = v();
        break;
      case '--org-url':
        a.orgUrl = v();
        break;
      case '-o':
      case '--output': {
        const o = v();
        if (o !== 'text' && o !== 'json' && o !== 'table')
          throw new Usage(`--output must be text or json; got '${o}'`);
        a.output = o === 'json' ? 'json' : 'text';
        break;
      }
      case '--interval':
        a.intervalS = positive(flag, v());
        break;
      case '--share':
        a.sharePct = positive(flag, v(), 100);
        break;
      case '--duration':
        a.durationS = positive(flag, v());
        break;
      case '--since':
        a.since = v();
        break;
      case '--page-cap':
        a.pageCap = Math.floor(positive(flag, v()));
        break;
      case '-h':
      case '--help':
        throw new Help();
      default:
        throw new Usage(`unknown option '${t}'`);
    }
  }
  if (command === 'watch') {
    if (!!a.clientId === !!a.userId)
      throw new Usage('watch needs --client <id> or --user <id> (one of them)');
    if (a.tokenId) throw new Usage('watch takes no --token');
  } else {
    if (!a.clientId && !a.userId) throw new Usage('timeline needs --client <id>, --user <id> or both');
    if (a.tokenId && !(a.clientId && a.authServerId))
      throw new Usage("a token's timeline needs --auth-server and --client with --token");
  }
  return a;
}

/** `--since`: an ISO time, or 30m / 12h / 7d back from now. */
export function sinceFrom(v: string | undefined, now: number, fallbackMs = 24 * 3600_000): string {
  if (v === undefined) return new Date(now - fallbackMs).toISOString();
  const m = /^(\d+(?:\.\d+)?)(s|m|h|d)$/.exec(v.trim());
  if (m) {
    const unit = { s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
    return new Date(now - Number(m[1]) * unit).toISOString();
  }
  const t = Date.parse(v);
  if (!Number.isFinite(t))
    throw new Usage(`--since must be an ISO time or a duration such as 30m, 12h, 7d; got '${v}'`);
  return new Date(t).toISOString();
}

const clean = (s: string | undefined): string => stripControls(s ?? '').replace(/\s+/g, ' ');

function hhmmss(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t).toISOString().replace('T', ' ').slice(0, 19) + 'Z' : iso;
}

const KIND_WORDS: Record<TimelineEntry['kind'], string> = {
  'sign-in': 'token granted (sign-in)',
  refresh: 'token granted (refresh)',
  'refresh-failed': 'REFRESH FAILED',
  'grant-failed': 'TOKEN REQUEST FAILED',
  'reuse-detected': 'REUSE DETECTED',
  revoked: 'revoked',
  authorize: 'authorize',
  'scope-denied': 'SCOPE DENIED',
  consent: 'consent',
  other: 'event',
};

const REVOKED_BY: Record<string, string> = {
  admin: 'by an admin (Management API)',
  client: 'by the app (/v1/revoke)',
  implicit: 'implicitly by Okta (a user, client or server changed)',
  unknown: 'by someone the event does not name',
};

export function entryLine(e: TimelineEntry): string {
  const parts = [`${hhmmss(e.published)}  ${KIND_WORDS[e.kind]}`];
  if (e.tokenType && (e.kind === 'sign-in' || e.kind === 'refresh')) parts.push(e.tokenType);
  if (e.kind === 'revoked' && e.revokedBy) parts.push(REVOKED_BY[e.revokedBy]!);
  if (e.tokenCount !== undefined) parts.push(`${e.tokenCount} tokens`);
  parts.push(`[${clean(e.eventType)}]`);
  if (e.outcome) parts.push(`outcome ${clean(e.outcome)}${e.reason ? `: ${clean(e.reason)}` : ''}`);
  const why = reasonExplained(e.reason);
  if (why && e.outcome === 'FAILURE') parts.push(`— ${why}`);
  if (e.clientId)
    parts.push(`client ${clean(e.clientName ? `${e.clientName} (${e.clientId})` : e.clientId)}`);
  if (e.userId) parts.push(`user ${clean(e.userName ? `${e.userName} (${e.userId})` : e.userId)}`);
  if (e.ip) parts.push(`ip ${clean(e.ip)}`);
  if (e.userAgent) parts.push(`ua "${clean(e.userAgent)}"`);
  if (e.transactionId) parts.push(`tx ${clean(e.transactionId)}`);
  return parts.join('  ');
}

const CAUSE_WORDS: Record<string, string> = {
  rotation: 'by rotation',
  reuse: 'by REUSE DETECTION (the chain was revoked)',
  admin: 'by an admin (Management API)',
  client: 'by the app (/v1/revoke)',
  implicit: 'implicitly by Okta',
  unknown: 'cause unknown (no System Log event explains it)',
};

export function watchLine(e: WatchEvent): string {
  switch (e.type) {
    case 'started':
      return `${hhmmss(e.at)}  watching from now: ${e.tokens} token(s) listed`;
    case 'token-new':
      return `${hhmmss(e.at)}  NEW TOKEN  ${clean(e.token.id)}  user ${clean(e.token.userId)}  client ${clean(e.token.clientId)}${e.rotatedFrom ? `  rotated from ${clean(e.rotatedFrom)}` : ''}  expires ${clean(e.token.expiresAt)}`;
    case 'token-revoked':
      return `${hhmmss(e.at)}  REVOKED    ${clean(e.token.id)}  ${CAUSE_WORDS[e.cause]}${e.rotatedTo ? ` → ${clean(e.rotatedTo)}` : ''}${e.evidence ? `  [${clean(e.evidence.eventType)}${e.evidence.transactionId ? ` tx ${clean(e.evidence.transactionId)}` : ''}]` : ''}`;
    case 'log':
      return entryLine(e.entry);
    case 'mark':
      return `${hhmmss(e.at)}  ---- ${clean(e.label)} ----`;
    case 'error':
      return `${hhmmss(e.at)}  error: ${clean(e.message)} (trying again at the next poll)`;
    default:
      return `${hhmmss(e.at)}  ${e.type}`;
  }
}

export function summaryText(s: WatchSummary): string {
  const revoked = Object.entries(s.revoked)
    .filter(([, n]) => n > 0)
    .map(([cause, n]) => `${n} ${CAUSE_WORDS[cause]}`)
    .join(', ');
  const reasons = Object.entries(s.failedReasons)
    .map(([r, n]) => `${n} ${clean(r)}`)
    .join(', ');
  return [
    'Summary:',
    `  new tokens         ${s.newTokens} (${s.rotations} by rotation)`,
    `  revoked            ${Object.values(s.revoked).reduce((a, b) => a + b, 0)}${revoked ? ` (${revoked})` : ''}`,
    `  reuse detections   ${s.reuseDetections}`,
    `  failed refreshes   ${s.failedRefreshes}${reasons ? ` (${reasons})` : ''}`,
    `  polls              ${s.polls} (${s.requests} requests)`,
  ].join('\n');
}

/** The server a client's tokens are on, when not given: the one server listing the client. */
async function serverOf(client: OktaClient, clientId: string, signal?: AbortSignal): Promise<string> {
  const found: string[] = [];
  for (const s of await client.listAuthorizationServers({}, { signal }).toArray({ maxPages: 5 })) {
    const clients = await client.listClients(s.id, { signal }).toArray({ maxPages: 5 });
    if (clients.some((c) => c.client_id === clientId)) found.push(s.id);
  }
  if (found.length === 1) return found[0]!;
  throw new Usage(
    found.length === 0
      ? `no authorization server lists client ${clientId} (it holds no tokens); give --auth-server`
      : `client ${clientId} holds tokens on ${found.join(', ')}; give --auth-server`,
  );
}

export async function runWatchCommand(argv: string[], io: WatchIo): Promise<number> {
  let a: WatchArgs;
  let client = io.client;
  try {
    a = parse(argv);
    if (!client) {
      const orgUrl = a.orgUrl ?? io.env.OKTA_ORG_URL;
      if (!orgUrl) throw new Usage('give the org: --org-url https://acme.okta.com, or OKTA_ORG_URL');
      normalizeOrgUrl(orgUrl);
      if (!io.auth)
        throw new Usage('no credentials: set OKTA_API_TOKEN, or OKTA_CLIENT_ID with OKTA_PRIVATE_KEY[_FILE]');
      client = new OktaClient({ orgUrl, auth: io.auth, userAgent: 'okta-tokens' });
    }
  } catch (e) {
    if (e instanceof Help) {
      io.stdout(WATCH_USAGE + '\n');
      return 0;
    }
    if (e instanceof Usage || (isOktaError(e) && (e.kind === 'invalid-input' || e.kind === 'auth-config'))) {
      io.stderr(`okta-tokens: ${(e as Error).message}\n\n${WATCH_USAGE}\n`);
      return 2;
    }
    io.stderr(`okta-tokens: ${(e as Error).message}\n`);
    return 2;
  }
  const own = client !== io.client;
  try {
    return a.command === 'watch' ? await watch(a, client, io) : await timeline(a, client, io);
  } catch (e) {
    if (e instanceof Usage) {
      io.stderr(`okta-tokens: ${e.message}\n`);
      return 2;
    }
    if (isOktaError(e) && e.kind === 'aborted') return 130;
    io.stderr(`okta-tokens: ${(e as Error).message}\n`);
    return 3;
  } finally {
    if (own) await client.close();
  }
}

async function watch(a: WatchArgs, client: OktaClient, io: WatchIo): Promise<number> {
  const target: WatchTarget = a.userId
    ? { kind: 'user', userId: a.userId }
    : {
        kind: 'client',
        clientId: a.clientId!,
        authServerId: a.authServerId ?? (await serverOf(client, a.clientId!, io.signal)),
      };
  const session = new WatchSession(client, target, {
    intervalMs: a.intervalS * 1000,
    share: a.sharePct / 100,
  });
  const json = a.output === 'json';
  session.onEvent((e) => io.stdout(json ? JSON.stringify(e) + '\n' : watchLine(e) + '\n'));
  if (!json)
    io.stderr(
      `okta-tokens: watching ${target.kind === 'client' ? `client ${target.clientId} on ${target.authServerId}` : `user ${target.userId}`} every ${a.intervalS} s, using at most ${a.sharePct} % of the rate limit (Ctrl+C ends it)\n`,
    );
  const onAbort = () => session.stop();
  io.signal?.addEventListener('abort', onAbort, { once: true });
  // --duration counts from the watch's first look at the tokens and the log, so a slow org or a busy
  // machine cannot end a short watch before it saw anything.
  let timer: ReturnType<typeof setTimeout> | undefined;
  if (a.durationS !== undefined) {
    const ms = a.durationS * 1000;
    session.onEvent((e) => {
      // A first poll that failed starts the count too: a watch of an org that is down still ends.
      if ((e.type === 'started' || e.type === 'error') && !timer)
        timer = setTimeout(() => session.stop(), ms);
    });
  }
  if (io.signal?.aborted) session.stop();
  try {
    await session.run();
  } finally {
    if (timer) clearTimeout(timer);
    io.signal?.removeEventListener('abort', onAbort);
  }
  const summary = session.summary();
  if (json) io.stdout(JSON.stringify({ type: 'summary', ...summary }) + '\n');
  else io.stdout(summaryText(summary) + '\n');
  const first = session.events.find((e) => e.type === 'started');
  return first ? 0 : 3;
}

async function timeline(a: WatchArgs, client: OktaClient, io: WatchIo): Promise<number> {
  const now = Date.now();
  let since: string;
  let pick: (entries: TimelineEntry[]) => { entry: TimelineEntry; basis?: string }[];
  if (a.tokenId) {
    const token = await client.getRefreshToken(
      a.authServerId!,
      a.clientId!,
      a.tokenId,
      { expandScope: false },
      { signal: io.signal },
    );
    const created = token.created ? Date.parse(token.created) : NaN;
    since = a.since
      ? sinceFrom(a.since, now)
      : Number.isFinite(created)
        ? new Date(created - 60_000).toISOString()
        : sinceFrom(undefined, now);
    pick = (entries) => eventsForToken(entries, { ...token, clientId: token.clientId ?? a.clientId }, now);
  } else {
    since = sinceFrom(a.since, now);
    const scope: TimelineScope = { clientId: a.clientId, userId: a.userId, authServerId: a.authServerId };
    pick = (entries) => entries.filter((e) => concerns(e, scope)).map((entry) => ({ entry }));
  }
  const list = client.listLogEvents(
    { since, until: new Date(now).toISOString(), filter: OAUTH_EVENTS_FILTER, sortOrder: 'ASCENDING' },
    { signal: io.signal },
  );
  const { items, truncated } = await list.collect({ maxPages: a.pageCap });
  const rows = pick(items.map(describeEvent)).sort((x, y) => x.entry.at - y.entry.at);
  for (const r of rows) {
    if (a.output === 'json')
      io.stdout(JSON.stringify(r.basis ? { ...r.entry, matchedBy: r.basis } : r.entry) + '\n');
    else io.stdout(entryLine(r.entry) + (r.basis === 'time' ? '  (matched by time)' : '') + '\n');
  }
  io.stderr(
    `okta-tokens: ${rows.length} event(s) since ${since}${truncated ? `; the System Log had more than ${a.pageCap} pages — raise --page-cap or narrow --since` : ''}\n`,
  );
  if (a.tokenId)
    io.stderr(
      "okta-tokens: Okta's events do not name refresh-token ids: events are matched by user, client and the token's expiry (a rotated token keeps it), or by time\n",
    );
  return truncated ? 3 : 0;
}
