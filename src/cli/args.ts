// Command-line argument parsing for `okta-tokens`. Hand-rolled (no dependency): a handful of options,
// clear errors for anything unknown.

export type OutputFormat = 'table' | 'json' | 'csv';

export interface CliArgs {
  command: 'exec' | 'check' | 'jwt' | 'help' | 'version';
  query?: string;
  /** `jwt`: the token, or '-' for standard input. */
  token?: string;
  inputFile?: string;
  output: OutputFormat;
  orgUrl?: string;
  vars: Record<string, string>;
  yes: boolean;
  pageCap?: number;
  hideHeaders: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage:
  okta-tokens exec "<statement>" [options]
  okta-tokens exec -i <file.iql> [options]
  okta-tokens check -i <file.iql>           report diagnostics only (exit 1 on errors)
  okta-tokens jwt <token|->                 decode a JWT ('-' reads it from stdin); verify its signature,
                                            expiry and audience when --org-url / OKTA_ORG_URL is its org
                                            (exit 0 only for a valid token; see "jwt exit codes")
  okta-tokens watch (--client <id> | --user <id>)   stream token changes live; Ctrl+C ends with a summary
  okta-tokens timeline (--client <id> | --user <id>) [--token <id>]   System Log OAuth events in order
                                            (okta-tokens watch --help for their options)

Options:
  -i, --infile <file>       read statements from a .iql file
  -o, --output <format>     table (default) | json | csv
      --org-url <url>       the org, e.g. https://acme.okta.com (default: https://{subdomain}.okta.com
                            from the statement's subdomain, or OKTA_ORG_URL)
      --var <name>=<value>  fill a {{ name }} placeholder (repeatable)
  -y, --yes                 run DELETE statements without asking
      --page-cap <n>        pages fetched per list call (default 20)
  -H, --hide-headers        csv without a header row
  -h, --help                this text
  -v, --version             print the version

Credentials (environment):
  OKTA_API_TOKEN            SSWS API token (as StackQL), or
  OKTA_CLIENT_ID + OKTA_PRIVATE_KEY (PEM or JWK JSON) or OKTA_PRIVATE_KEY_FILE,
  optional OKTA_KEY_ID and OKTA_SCOPES   OAuth service app (private_key_jwt)

Exit codes: 0 ok · 1 diagnostics errors · 2 usage or configuration (bad org URL, no credentials)
            3 API or network error (rows that arrived before a list broke off are still printed)
            4 a token was not revoked (failed, unknown, or not-found: no such server/client/token)
            5 DELETE not confirmed · 130 interrupted
jwt exit codes: 0 valid · 6 not valid (bad signature, unknown kid, expired, not yet valid, audience or
            issuer wrong, not a JWT) · 7 not verified (issuer not the given org: decoded only, no request;
            org-server access token; no org given) · 3 keys could not be fetched · 2 usage
Revoke outcomes: revoked (Okta answered 204) · already-gone (revoked before) · not-found · failed · unknown`;

export function parseArgs(argv: string[]): CliArgs {
  const a: CliArgs = { command: 'help', output: 'table', vars: {}, yes: false, hideHeaders: false };
  const rest = [...argv];
  const cmd = rest.shift();
  if (cmd === undefined || cmd === '-h' || cmd === '--help' || cmd === 'help') return a;
  if (cmd === '-v' || cmd === '--version') return { ...a, command: 'version' };
  if (cmd !== 'exec' && cmd !== 'check' && cmd !== 'jwt')
    throw new UsageError(`unknown command '${cmd}'; expected exec, check or jwt`);
  a.command = cmd;
  const value = (flag: string) => {
    const v = rest.shift();
    if (v === undefined) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  while (rest.length) {
    const t = rest.shift()!;
    const [flag, inline] =
      t.startsWith('--') && t.includes('=')
        ? [t.slice(0, t.indexOf('=')), t.slice(t.indexOf('=') + 1)]
        : [t, undefined];
    const v = (name: string) => inline ?? value(name);
    switch (flag) {
      case '-i':
      case '--infile':
        a.inputFile = v(flag);
        break;
      case '-o':
      case '--output': {
        const o = v(flag);
        if (o !== 'table' && o !== 'json' && o !== 'csv')
          throw new UsageError(`--output must be table, json or csv; got '${o}'`);
        a.output = o;
        break;
      }
      case '--org-url':
        a.orgUrl = v(flag);
        break;
      case '--var': {
        const kv = v(flag);
        const eq = kv.indexOf('=');
        if (eq <= 0) throw new UsageError(`--var expects name=value; got '${kv}'`);
        a.vars[kv.slice(0, eq)] = kv.slice(eq + 1);
        break;
      }
      case '-y':
      case '--yes':
        a.yes = true;
        break;
      case '-H':
      case '--hide-headers':
        a.hideHeaders = true;
        break;
      case '--page-cap': {
        const n = Number(v(flag));
        if (!Number.isInteger(n) || n < 1) throw new UsageError('--page-cap must be a whole number ≥ 1');
        a.pageCap = n;
        break;
      }
      case '-h':
      case '--help':
        return { ...a, command: 'help' };
      default:
        if (a.command === 'jwt' && (t === '-' || !t.startsWith('-'))) {
          if (a.token !== undefined) throw new UsageError('jwt takes one token (or - to read it from stdin)');
          a.token = t;
          break;
        }
        if (t.startsWith('-')) throw new UsageError(`unknown option '${t}'`);
        if (a.query !== undefined)
          throw new UsageError('give one statement string (quote it), or use -i file.iql');
        a.query = t;
    }
  }
  if (a.command === 'jwt') {
    if (a.token === undefined) throw new UsageError('jwt needs a token, or - to read it from stdin');
    return a;
  }
  if (a.query === undefined && a.inputFile === undefined)
    throw new UsageError(`${a.command} needs a statement or -i <file.iql>`);
  if (a.query !== undefined && a.inputFile !== undefined)
    throw new UsageError('give either a statement or -i <file.iql>, not both');
  return a;
}
