// Standalone emulator: `npm run emulator -- --port 8080 --api-token demo-token [options]`.
// Prints the org URL and keeps serving until Ctrl-C.
import { readFileSync } from 'node:fs';
import { parseFaultSpec, scenarioNamed, startEmulator, type EmulatorOptions, type FaultRule } from './index';

const HELP = `Okta org emulator (loopback)

  --port <n>            port to listen on (default 8080; 0 = any free port)
  --host <addr>         address to bind (default 127.0.0.1)
  --api-token <t>       accepted SSWS token (repeatable; default "demo-token")
  --seed <s>            data seed (default 1)
  --size <s>            tiny | demo | bench | servers=5,clients=3,tokens=40,scopes=4,users=50
  --latency <ms>[~<jitter>]   delay per request, e.g. 50 or 50~20
  --rate-limit <n>/<s>  /api/v1 bucket, e.g. 600/60
  --concurrency <n>     max /api/v1 requests in flight
  --principal-share <p> each SSWS token / service app may use p % of a bucket (Okta: 50)
  --fault "<spec>"      e.g. "GET /api/v1/authorizationServers/** status:503 x3" (repeatable)
  --service-app <file>  JSON ServiceApp {clientId, jwks, scopes, requireDpop} (repeatable)
  --tls-key <file> --tls-cert <file>   serve HTTPS
  --clock-speed <x>     the authorization servers' clock runs x times faster (e.g. 60: a minute a second)
  --scenario rotation   a simulated app signs users in, refreshes with rotation, signs out, reuses a token
  --scenario-interval <ms>   time between the simulated app's steps (default 2000)
  --control             serve /__emulator/{stats,faults,counts} and POST /__emulator/{jwt,keys/rotate}
  --quiet               do not log requests
`;

function fail(message: string): never {
  process.stderr.write(`emulator: ${message}\n\n${HELP}`);
  process.exit(2);
}

function parse(argv: string[]): EmulatorOptions {
  const opts: EmulatorOptions = {
    port: 8080,
    apiTokens: [],
    serviceApps: [],
    faults: [],
    log: (l) => process.stdout.write(`${l}\n`),
  };
  const faults: FaultRule[] = [];
  let tlsKey: string | undefined;
  let tlsCert: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${flag} needs a value`);
      return v;
    };
    const num = (v: string): number => {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) fail(`${flag} needs a non-negative number, got "${v}"`);
      return n;
    };
    switch (flag) {
      case '--port':
        opts.port = num(value());
        break;
      case '--host':
        opts.host = value();
        break;
      case '--api-token':
        opts.apiTokens!.push(value());
        break;
      case '--seed':
        opts.seed = value();
        break;
      case '--size':
        opts.size = value();
        break;
      case '--latency': {
        const [ms, jitter] = value().split('~');
        opts.latencyMs = num(ms);
        if (jitter !== undefined) opts.latencyJitterMs = num(jitter);
        break;
      }
      case '--rate-limit': {
        const m = /^(\d+)\/(\d+)$/.exec(value());
        if (!m) fail('--rate-limit takes <limit>/<windowSeconds>, e.g. 600/60');
        opts.rateLimit = { limit: Number(m[1]), windowSeconds: Number(m[2]) };
        break;
      }
      case '--concurrency':
        opts.concurrencyLimit = num(value());
        break;
      case '--principal-share':
        opts.principalShare = num(value());
        break;
      case '--fault':
        try {
          faults.push(parseFaultSpec(value()));
        } catch (e) {
          fail((e as Error).message);
        }
        break;
      case '--service-app':
        opts.serviceApps!.push(JSON.parse(readFileSync(value(), 'utf8')));
        break;
      case '--tls-key':
        tlsKey = readFileSync(value(), 'utf8');
        break;
      case '--tls-cert':
        tlsCert = readFileSync(value(), 'utf8');
        break;
      case '--clock-speed': {
        const x = num(value());
        if (x === 0) fail('--clock-speed must be above 0');
        opts.clockSpeed = x;
        break;
      }
      case '--scenario': {
        const named = scenarioNamed(value());
        if (typeof named !== 'string') fail(named.problem);
        opts.scenario = named;
        break;
      }
      case '--scenario-interval':
        opts.scenarioIntervalMs = num(value());
        break;
      case '--control':
        opts.controlApi = true;
        break;
      case '--quiet':
        opts.log = undefined;
        break;
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        process.exit(0);
        break;
      default:
        fail(`unknown option "${flag}"`);
    }
  }
  if ((tlsKey === undefined) !== (tlsCert === undefined)) fail('--tls-key and --tls-cert go together');
  if (tlsKey && tlsCert) opts.tls = { key: tlsKey, cert: tlsCert };
  if (opts.apiTokens!.length === 0) opts.apiTokens!.push('demo-token');
  opts.faults = faults;
  return opts;
}

async function main(): Promise<void> {
  const opts = parse(process.argv.slice(2));
  let emu;
  try {
    emu = await startEmulator(opts);
  } catch (e) {
    fail(`could not start: ${(e as Error).message}`);
  }
  const counts = emu.org.servers().length;
  process.stdout.write(
    `Okta org emulator listening on ${emu.url} (${counts} authorization servers; ` +
      `SSWS tokens: ${opts.apiTokens!.length}). Ctrl-C stops it.\n`,
  );
  const stop = (): void => {
    void emu.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
