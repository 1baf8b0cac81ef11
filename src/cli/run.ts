// The `okta-tokens` runner as a function (main.ts is a thin wrapper) so tests can drive it in process:
// parse args, analyse the statements with the same engine as the editor, print diagnostics as
// file:line:col, confirm DELETEs, execute through the Okta client and print table / json / csv.
import { readFileSync } from 'node:fs';
import {
  OktaClient,
  isOktaError,
  isRevoked,
  normalizeOrgUrl,
  summarizeRevokes,
  type AuthConfig,
} from '../okta';
import { analyzeDocument, type AnalyzedStatement } from '../query/analyzer';
import {
  allRevoked,
  execute,
  ListBrokenOffError,
  previewDelete,
  QueryExecutionError,
  type QueryResult,
} from '../query/executor';
import type { DeletePlan } from '../query/planner';
import { revokeTarget } from '../query/resources';
import { toCsv, toJson, toTable } from '../query/serialize';
import { orgUrlForSubdomain } from '../query/subdomain';
import { LineIndex } from '../query/text';
import { parseArgs, USAGE, UsageError, type CliArgs } from './args';
import { runJwt } from './jwt';
import { runWatchCommand } from './watch';

export const EXIT = {
  ok: 0,
  diagnostics: 1,
  usage: 2,
  runtime: 3,
  /** A DELETE left a token not revoked: failed, unknown, or not-found (no such server/client/token). */
  partial: 4,
  declined: 5,
  interrupted: 130,
} as const;
const VERSION = '0.1.0';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: Record<string, string | undefined>;
  /** All of standard input (for `jwt -`). */
  readStdin?: () => Promise<string>;
  /** Asks the user a question on a terminal; undefined when there is no terminal. */
  ask?: (question: string) => Promise<string>;
  signal?: AbortSignal;
}

export function authFromEnv(env: Record<string, string | undefined>): AuthConfig | undefined {
  if (env.OKTA_API_TOKEN) return { kind: 'ssws', token: env.OKTA_API_TOKEN };
  const key =
    env.OKTA_PRIVATE_KEY ??
    (env.OKTA_PRIVATE_KEY_FILE ? readFileSync(env.OKTA_PRIVATE_KEY_FILE, 'utf8') : undefined);
  if (env.OKTA_CLIENT_ID && key) {
    return {
      kind: 'oauth',
      clientId: env.OKTA_CLIENT_ID,
      privateKey: key,
      ...(env.OKTA_KEY_ID ? { keyId: env.OKTA_KEY_ID } : {}),
      ...(env.OKTA_SCOPES ? { scopes: env.OKTA_SCOPES.split(/[\s,]+/).filter(Boolean) } : {}),
    };
  }
  return undefined;
}

/** Where the org URL of a statement comes from, for messages about it. */
function orgUrlSource(args: CliArgs, env: CliIo['env']): string {
  if (args.orgUrl) return '--org-url';
  if (env.OKTA_ORG_URL) return 'OKTA_ORG_URL';
  return "the statement's subdomain";
}

function credentialSource(env: CliIo['env']): string {
  if (env.OKTA_API_TOKEN) return 'OKTA_API_TOKEN';
  return env.OKTA_PRIVATE_KEY !== undefined
    ? 'OKTA_CLIENT_ID / OKTA_PRIVATE_KEY'
    : 'OKTA_CLIENT_ID / OKTA_PRIVATE_KEY_FILE';
}

/** Why `-i` could not be read, in words, with what to do. */
function unreadable(file: string, e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return `cannot read ${file}: no such file; check the path (relative paths start at ${process.cwd()})`;
    case 'EISDIR':
      return `cannot read ${file}: it is a directory; give the .iql file inside it`;
    case 'EACCES':
    case 'EPERM':
      return `cannot read ${file}: permission denied; check the file's permissions`;
    default:
      return `cannot read ${file}: ${e.code ?? e.message}`;
  }
}

function orgUrlFor(st: AnalyzedStatement, args: CliArgs, env: CliIo['env']): string | undefined {
  if (args.orgUrl) return args.orgUrl;
  if (env.OKTA_ORG_URL) return env.OKTA_ORG_URL;
  const sub = st.givenParams.get('subdomain')?.value;
  // Throws for anything but one DNS label: the statement text must not choose where the token goes.
  return sub !== undefined ? orgUrlForSubdomain(sub) : undefined;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'watch' || argv[0] === 'timeline') {
    let auth: AuthConfig | undefined;
    try {
      auth = authFromEnv(io.env);
    } catch (e) {
      io.stderr(`okta-tokens: ${(e as Error).message}\n`);
      return EXIT.usage;
    }
    return runWatchCommand(argv, { ...io, auth });
  }
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`okta-tokens: ${e.message}\n\n${USAGE}\n`);
      return EXIT.usage;
    }
    throw e;
  }
  if (args.command === 'help') {
    io.stdout(USAGE + '\n');
    return EXIT.ok;
  }
  if (args.command === 'version') {
    io.stdout(VERSION + '\n');
    return EXIT.ok;
  }
  if (args.command === 'jwt') {
    let auth: AuthConfig | undefined;
    try {
      auth = authFromEnv(io.env);
    } catch {
      auth = undefined; // only used to check aud; an unreadable key file leaves aud unchecked
    }
    return runJwt(args, { ...io, auth });
  }
  let text: string;
  const file = args.inputFile ?? '<command-line>';
  try {
    text = args.inputFile !== undefined ? readFileSync(args.inputFile, 'utf8') : args.query!;
  } catch (e) {
    io.stderr(`okta-tokens: ${unreadable(args.inputFile!, e as NodeJS.ErrnoException)}\n`);
    return EXIT.usage;
  }
  const doc = analyzeDocument(text, {
    vars: args.vars,
    connectionGiven: !!(args.orgUrl ?? io.env.OKTA_ORG_URL),
  });
  const lines = new LineIndex(text);
  let errors = 0;
  for (const d of doc.diagnostics) {
    const p = lines.position(d.start);
    io.stderr(`${file}:${p.line + 1}:${p.character + 1}: ${d.severity}: ${d.message} [${d.code}]\n`);
    if (d.severity === 'error') errors++;
  }
  // An unfilled placeholder is only a warning in the editor; here it would be sent to Okta literally.
  const unfilled = doc.diagnostics.filter((d) => d.code === 'unfilled-placeholder').length;
  if (errors > 0 || (args.command === 'exec' && unfilled > 0)) {
    // A --var whose name matches no placeholder is usually the typo behind the unfilled one.
    const named = unfilled ? placeholderNames(text) : new Set<string>();
    const unused = Object.keys(args.vars).filter((name) => unfilled && !named.has(name));
    io.stderr(
      `okta-tokens: ${errors} error(s)${unfilled ? `, ${unfilled} unfilled placeholder(s) (pass --var name=value)` : ''}; nothing was run\n` +
        unused
          .map(
            (n) => `okta-tokens: --var '${n}' matches no {{ ${n.trim()} }} placeholder in the statements\n`,
          )
          .join(''),
    );
    return EXIT.diagnostics;
  }
  if (args.command === 'check') return EXIT.ok;
  if (doc.statements.length === 0) {
    io.stderr('okta-tokens: no statements to run\n');
    return EXIT.usage;
  }

  // Every statement's org is settled before the first request, so a bad subdomain further down
  // cannot leave the file half run (the analyzer reports it too; this is the hard stop).
  for (const st of doc.statements) {
    if (st.plan?.kind === 'meta') continue;
    try {
      orgUrlFor(st, args, io.env);
    } catch (e) {
      const p = lines.position(st.slice.tokens[0]!.start);
      io.stderr(
        `${file}:${p.line + 1}:${p.character + 1}: error: ${(e as Error).message}; nothing was run\n`,
      );
      return EXIT.diagnostics;
    }
  }

  // Configuration is settled before the first request too: an org URL, credentials and a client for
  // every statement that needs the network, so a typo cannot leave a file half run. These are usage
  // problems (exit 2), not API errors.
  const clients = new Map<string, OktaClient>();
  const clientOf = new Map<AnalyzedStatement, OktaClient>();
  const logger = {
    debug: () => undefined,
    info: () => undefined,
    // Rate-limit waits can add up to minutes: a CI log should say why the run is quiet. Short transient
    // retries are left out; if they all fail, the error says so.
    warn: (m: string) => {
      if (/rate limited.*waiting \d+ ms/.test(m)) io.stderr(`-- ${m}\n`);
    },
    error: () => undefined,
  };
  const closeAll = () => Promise.all([...clients.values()].map((c) => c.close().catch(() => undefined)));
  const configError = async (message: string) => {
    await closeAll();
    io.stderr(`okta-tokens: ${message.replace(/\.$/, '')}; nothing was run\n`);
    return EXIT.usage;
  };
  for (const st of doc.statements) {
    if (st.plan?.kind === 'meta') continue;
    const url = orgUrlFor(st, args, io.env);
    if (!url)
      return configError(
        "no org: give subdomain = '…' in the statement, --org-url <https://…>, or OKTA_ORG_URL",
      );
    try {
      normalizeOrgUrl(url);
    } catch (e) {
      return configError(`${orgUrlSource(args, io.env)}: ${(e as Error).message}`);
    }
    let auth: AuthConfig | undefined;
    try {
      auth = authFromEnv(io.env);
    } catch (e) {
      return configError(
        `OKTA_PRIVATE_KEY_FILE: ${unreadable(io.env.OKTA_PRIVATE_KEY_FILE ?? '', e as NodeJS.ErrnoException)}`,
      );
    }
    if (!auth)
      return configError(
        'no credentials: set OKTA_API_TOKEN (an SSWS API token), or OKTA_CLIENT_ID and OKTA_PRIVATE_KEY (or OKTA_PRIVATE_KEY_FILE) for a service app',
      );
    let c = clients.get(url);
    if (!c) {
      try {
        c = new OktaClient({ orgUrl: url, auth, userAgent: `okta-tokens/${VERSION}`, logger });
      } catch (e) {
        return configError(`${credentialSource(io.env)}: ${(e as Error).message}`);
      }
      clients.set(url, c);
    }
    clientOf.set(st, c);
  }

  let exit: number = EXIT.ok;
  let i = 0;
  // Which statement failed, and what did not run because of it: a file of several must not leave the
  // reader guessing how far it got.
  const where = (st: AnalyzedStatement) => {
    const p = lines.position(st.slice.tokens[0]!.start);
    return `${file}:${p.line + 1}:${p.character + 1}`;
  };
  const notRun = () => {
    const left = doc.statements.length - i - 1;
    return left > 0 ? `okta-tokens: the ${left} statement(s) after it were not run\n` : '';
  };
  try {
    for (; i < doc.statements.length; i++) {
      const st = doc.statements[i]!;
      const plan = st.plan!;
      const client = clientOf.get(st);
      const opts = {
        ...(io.signal ? { signal: io.signal } : {}),
        ...(args.pageCap ? { pageCap: args.pageCap } : {}),
        vars: args.vars,
      };
      if (plan.kind === 'delete') {
        const ok = await confirmDelete(
          plan,
          client!,
          args,
          io,
          file,
          lines.position(st.slice.tokens[0]!.start).line + 1,
        );
        if (!ok) {
          exit = EXIT.declined;
          continue;
        }
      }
      const result = await execute(plan, client, opts);
      if (result.cutShort) {
        // A capped result is not the answer (with ORDER BY … LIMIT not even its first rows): the rows
        // are printed under a label, the cap is named, and the run stops with exit 3 as for a broken list.
        const cap = result.cutShort;
        io.stderr(
          `-- incomplete: the rows below are only part of the result (stopped at the ${cap.cap === 'pages' ? `page cap of ${cap.value} page(s) per list` : `row cap of ${cap.value} rows`})\n`,
        );
        print(result, args, io);
        io.stderr(
          `${where(st)}: error: ${cap.message}${cap.cap === 'pages' ? ` (--page-cap, now ${cap.value})` : ''}\n${notRun()}`,
        );
        return EXIT.runtime;
      }
      print(result, args, io);
      if (plan.kind === 'delete' && !allRevoked(result)) exit = EXIT.partial;
    }
  } catch (e) {
    const st = doc.statements[i]!;
    if (io.signal?.aborted) {
      io.stderr(`${where(st)}: interrupted; this statement did not finish\n${notRun()}`);
      return EXIT.interrupted;
    }
    // What arrived before a list broke off is printed (and marked incomplete), not thrown away.
    if (e instanceof ListBrokenOffError) print(e.partial, args, io);
    if (isOktaError(e) || e instanceof QueryExecutionError) {
      const cause = e instanceof ListBrokenOffError ? e.cause : e;
      // Okta's 401 advice speaks of the editor's connection; here the credential is the environment.
      const hint =
        isOktaError(cause) && cause.status === 401
          ? ` (okta-tokens read it from ${credentialSource(io.env)})`
          : '';
      io.stderr(`${where(st)}: error: ${e.message}${hint}\n${notRun()}`);
      return EXIT.runtime;
    }
    io.stderr(`${where(st)}: unexpected error: ${(e as Error).message}\n${notRun()}`);
    return EXIT.runtime;
  } finally {
    await closeAll();
  }
  return exit;
}

async function confirmDelete(
  plan: DeletePlan,
  client: OktaClient,
  args: CliArgs,
  io: CliIo,
  file: string,
  line: number,
): Promise<boolean> {
  // Worded by the resource's description: the same confirmation whether the token is reached through
  // its server, its user or its app, and whether the statement is a DELETE or an EXEC of a revoke.
  const what = revokeTarget(plan.resource, plan.params, plan.bulk);
  if (args.yes) return true;
  if (!io.ask) {
    io.stderr(
      `${file}:${line}: ${plan.method.name} would revoke ${what}; not run. Pass --yes to confirm in scripts and CI.\n`,
    );
    return false;
  }
  const n = plan.bulk ? (await previewDelete(plan, client)).length : 1;
  const answer = await io.ask(
    `Revoke ${plan.bulk ? `${n} token(s): ` : ''}${what}? Revoking a refresh token also revokes the access tokens minted with it. Type 'yes' to continue: `,
  );
  return answer.trim().toLowerCase() === 'yes';
}

function print(r: QueryResult, args: CliArgs, io: CliIo): void {
  if (args.output === 'json') io.stdout(toJson(r.columns, r.rows));
  else if (args.output === 'csv') io.stdout(toCsv(r.columns, r.rows, !args.hideHeaders));
  else io.stdout(toTable(r.columns, r.rows));
  const facts = [`${r.rows.length} row(s)`];
  if (r.method) facts.push(r.method);
  if (r.apiCalls)
    facts.push(
      `${r.apiCalls} API call(s)`,
      `${r.pagesFetched} page(s) (cap ${r.pageCap})`,
      `${r.elapsedMs} ms`,
    );
  io.stderr(`-- ${facts.join(' · ')}\n`);
  for (const n of r.notes) io.stderr(`-- note: ${n}\n`);
  // Every token that was not revoked, with why (the same words as the message column), then the tally.
  if (r.revokes) {
    for (const x of r.revokes)
      if (!isRevoked(x.outcome)) io.stderr(`-- ${x.tokenId}: ${x.outcome}: ${x.message ?? ''}\n`);
    io.stderr(`-- ${summarizeRevokes(r.revokes.map((x) => x.outcome))}\n`);
  }
}

/** Names written as `{{ name }}` (or `{{ .name }}`) anywhere in the text: one pass, no RegExp of user text. */
function placeholderNames(text: string): Set<string> {
  const names = new Set<string>();
  let open = -1;
  for (let i = 0; i + 1 < text.length; i++) {
    if (text[i] === '{' && text[i + 1] === '{') open = i;
    else if (open >= 0 && text[i] === '}' && text[i + 1] === '}') {
      const name = text.slice(open + 2, i).trim();
      names.add(name.startsWith('.') ? name.slice(1) : name);
      open = -1;
      i++;
    }
  }
  return names;
}
