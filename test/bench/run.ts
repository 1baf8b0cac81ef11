// `npm run bench`: the Okta client's benchmarks. Each scenario runs against a fresh emulator process
// (same seed, so the same org) for our client and for Okta's Node SDK, side by side in one run, and is
// compared with the lower bound an ideal client could reach under the same limits. Results are checked
// against the emulator's state (every token seen once, every selected token really revoked) and written
// to the client block of BENCHMARKS.md.

import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONCURRENCY } from '../../src/okta';
import type { EmulatorStats } from '../emulator/index';
import { bundleForBench } from './bundle';
import type { Job, JobResult } from './worker';

const root = join(__dirname, '../..');
const TOKEN = 'bench-api-token-0123456789';

interface Scenario {
  name: string;
  kind: 'crawl' | 'revoke';
  size: {
    servers: number;
    clientsPerServer: number;
    tokensPerClient: number;
    scopesPerServer: number;
    users: number;
  };
  latencyMs: number;
  rate: { limit: number; windowSeconds: number };
  concurrencyLimit: number;
  select?: { clients: number; perClient: number };
  /** Requests an ideal client must make, and its longest chain of dependent requests. */
  plan: { requests: number; chain: number };
}

const pages = (n: number) => Math.max(1, Math.ceil(n / 200));

const scenarios: Scenario[] = [
  {
    name: 'crawl inside the bucket: 10 servers × 10 clients × 400 tokens',
    kind: 'crawl',
    size: { servers: 10, clientsPerServer: 10, tokensPerClient: 400, scopesPerServer: 6, users: 500 },
    latencyMs: 50,
    rate: { limit: 600, windowSeconds: 60 },
    concurrencyLimit: 35,
    plan: { requests: 1 + 10 + 100 * pages(400), chain: 1 + 1 + pages(400) },
  },
  {
    name: 'crawl beyond the bucket: 20 servers × 10 clients × 500 tokens (100,000 tokens)',
    kind: 'crawl',
    size: { servers: 20, clientsPerServer: 10, tokensPerClient: 500, scopesPerServer: 6, users: 2000 },
    latencyMs: 20,
    rate: { limit: 300, windowSeconds: 5 },
    concurrencyLimit: 35,
    plan: { requests: 1 + 20 + 200 * pages(500), chain: 1 + 1 + pages(500) },
  },
  {
    name: 'bulk revoke: 1,000 selected tokens over 10 clients',
    kind: 'revoke',
    size: { servers: 1, clientsPerServer: 10, tokensPerClient: 500, scopesPerServer: 6, users: 500 },
    latencyMs: 20,
    rate: { limit: 300, windowSeconds: 5 },
    concurrencyLimit: 35,
    select: { clients: 10, perClient: 100 },
    plan: { requests: 1000, chain: 1 },
  },
];

function lowerBoundMs(s: Scenario): { ms: number; why: string } {
  const chain = s.plan.chain * s.latencyMs;
  const parallel = (s.plan.requests * s.latencyMs) / DEFAULT_CONCURRENCY;
  const windows = Math.floor((s.plan.requests - 1) / s.rate.limit) * s.rate.windowSeconds * 1000;
  const ms = Math.max(chain, parallel, windows);
  const why =
    ms === windows
      ? 'rate-limit windows'
      : ms === parallel
        ? 'requests × latency ÷ concurrency'
        : 'dependent chain';
  return { ms, why };
}

function forkTs(file: string, arg: unknown): ChildProcess {
  return fork(join(__dirname, file), [JSON.stringify(arg)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/**
 * The worker bundled as the extension bundles its code, so a contender's memory is its library's and the
 * run's, not the TypeScript loader's. Okta's SDK stays outside the bundle and loads from node_modules, as
 * its users load it.
 */
const buildWorker = () =>
  bundleForBench(join(__dirname, 'worker.ts'), join(root, '.bench/client/worker.js'), [
    '@okta/okta-sdk-nodejs',
  ]);

let workerFile: Promise<string> | undefined;

async function forkWorker(job: Job): Promise<ChildProcess> {
  workerFile ??= buildWorker();
  // BENCH_PROFILE=dir writes a CPU profile of each worker there (for looking at where time goes).
  const prof = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  return fork(await workerFile, [JSON.stringify(job)], {
    execArgv: prof,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

function ask<T>(child: ChildProcess, msg: { type: string; [k: string]: unknown }): Promise<T> {
  return new Promise((resolve) => {
    const on = (m: { type: string }) => {
      if (m.type === msg.type) {
        child.off('message', on);
        resolve(m as T);
      }
    };
    child.on('message', on);
    child.send(msg);
  });
}

async function startEmulator(s: Scenario): Promise<{ child: ChildProcess; url: string }> {
  const child = forkTs('emulatorChild.ts', {
    seed: 42,
    size: s.size,
    apiTokens: [TOKEN],
    latencyMs: s.latencyMs,
    rateLimit: s.rate,
    concurrencyLimit: s.concurrencyLimit,
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m: { type: string; url: string }) =>
      m.type === 'ready' ? resolve(m.url) : reject(new Error('emulator failed')),
    );
    child.once('exit', (c) => reject(new Error(`emulator exited ${c}`)));
  });
  return { child, url };
}

interface Row {
  contender: string;
  wallMs: number;
  requests: number;
  received429: number;
  failures: number;
  misreported: number;
  peakRssMb: number;
  loadedRssMb: number;
  cpuMs: number;
  note: string;
}

/** A contender name, with `+expand` when its token lists ask for `expand=scope`. */
async function runOne(s: Scenario, name: string): Promise<Row> {
  const [contender, variant] = name.split('+') as [Job['contender'], string | undefined];
  const expand = variant === 'expand';
  const emu = await startEmulator(s);
  try {
    const selection = s.select
      ? (await ask<{ tokens: Job['selection'] }>(emu.child, { type: 'select', ...s.select })).tokens
      : undefined;
    if (selection && selection.length !== s.select!.clients * s.select!.perClient)
      throw new Error('not enough active tokens to select');
    const worker = await forkWorker({
      contender,
      expand,
      scenario: s.kind,
      url: emu.url,
      token: TOKEN,
      selection,
    } satisfies Job);
    const result = await new Promise<JobResult>((resolve, reject) => {
      worker.once('message', (m: JobResult) => resolve(m));
      worker.once('exit', (c) => c !== 0 && reject(new Error(`worker exited ${c}`)));
    });
    const { stats, cpuMs } = await ask<{ stats: EmulatorStats; cpuMs: number }>(emu.child, { type: 'stats' });
    console.log(`  (emulator CPU ${cpuMs.toFixed(0)} ms)`);
    let misreported = 0;
    let note = '';
    if (s.kind === 'crawl') {
      const { total } = await ask<{ total: number }>(emu.child, { type: 'expected-tokens' });
      if (result.tokens !== total || result.uniqueTokens !== total)
        misreported = Math.abs(total - (result.uniqueTokens ?? 0)) || 1;
      note = `${result.uniqueTokens ?? 0} of ${total} tokens`;
    } else {
      const { revoked } = await ask<{ revoked: boolean[] }>(emu.child, { type: 'check', tokens: selection! });
      result.outcomes?.forEach((o, i) => {
        if ((o === 'revoked') !== revoked[i]) misreported++;
      });
      note = `${revoked.filter(Boolean).length} of ${selection!.length} revoked`;
    }
    if (result.errors.length) note += `; e.g. ${result.errors[0]!.slice(0, 120)}`;
    return {
      contender: name,
      wallMs: result.wallMs,
      requests: stats.total,
      received429: stats.rateLimited,
      failures: result.failures,
      misreported,
      peakRssMb: result.peakRssMb,
      loadedRssMb: result.loadedRssMb,
      cpuMs: result.cpuMs,
      note,
    };
  } finally {
    emu.child.send({ type: 'stop' });
  }
}

function label(name: string): string {
  const [c, v] = name.split('+');
  const base =
    {
      ours: 'our client',
      'okta-sdk': '@okta/okta-sdk-nodejs 8.1.0',
      raw: 'floor: plain undici + JSON.parse',
    }[c!] ?? c!;
  return v === 'expand' ? `${base}, expand=scope` : base;
}

const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const sections: string[] = [];
  const checks: string[] = [];
  for (const [i, s] of scenarios.entries()) {
    if (only.length && !only.includes(String(i + 1))) continue;
    const lb = lowerBoundMs(s);
    console.log(`\n## ${i + 1}. ${s.name}\nlower bound ${fmtS(lb.ms)} (${lb.why})`);
    const rows: Row[] = [];
    // Crawls list tokens the way the tree does (no expand=scope). Where the rate limit does not bind,
    // the same crawl with expand=scope (five times the bytes) is measured too, and the raw contender
    // (plain undici + JSON.parse at our concurrency, no rate-limit handling) shows what moving and
    // parsing the bytes costs on this machine, which the formula's lower bound leaves out.
    const contenders =
      process.env.BENCH_CONTENDERS?.split(',') ??
      (s.kind === 'crawl' && lb.why !== 'rate-limit windows'
        ? ['ours', 'okta-sdk', 'raw', 'ours+expand', 'okta-sdk+expand', 'raw+expand']
        : ['ours', 'okta-sdk']);
    for (const contender of contenders) {
      const row = await runOne(s, contender);
      rows.push(row);
      console.log(
        `${contender}: ${fmtS(row.wallMs)}, ${row.requests} requests, ${row.received429} × 429, ${row.failures} failed, ${row.misreported} misreported, peak ${row.peakRssMb.toFixed(0)} MB (${row.loadedRssMb.toFixed(0)} MB loaded), CPU ${row.cpuMs.toFixed(0)} ms — ${row.note}`,
      );
    }
    const ours = rows.find((r) => r.contender === 'ours');
    const sdk = rows.find((r) => r.contender === 'okta-sdk');
    if (!ours || !sdk) continue;
    const raw = rows.find((r) => r.contender === 'raw');
    const oursX = rows.find((r) => r.contender === 'ours+expand');
    const rawX = rows.find((r) => r.contender === 'raw+expand');
    const ratioLb = ours.wallMs / lb.ms;
    // Issue "Performance": where the windows bind, within 1.10× of the bound; the 100,000-token crawl
    // peaks at no more memory than the SDK's.
    const windowBound = lb.why === 'rate-limit windows';
    const memory =
      s.kind === 'crawl' && windowBound
        ? `peak RSS ours ${ours.peakRssMb.toFixed(0)} MB, SDK ${sdk.peakRssMb.toFixed(0)} MB (target ours ≤ SDK) ${ours.peakRssMb <= sdk.peakRssMb ? 'ok' : 'MISSED'}; `
        : '';
    const speedup = sdk.wallMs / ours.wallMs;
    checks.push(
      `${i + 1}: ours/lower bound ${ratioLb.toFixed(2)} (target ≤ ${windowBound ? '1.10' : '1.25'}) ${ratioLb <= (windowBound ? 1.1 : 1.25) ? 'ok' : 'MISSED'}; ` +
        memory +
        (raw ? `ours/measured floor ${(ours.wallMs / raw.wallMs).toFixed(2)}; ` : '') +
        (oursX && rawX
          ? `with expand=scope ours/lower bound ${(oursX.wallMs / lb.ms).toFixed(2)}, ours/measured floor ${(oursX.wallMs / rawX.wallMs).toFixed(2)}; `
          : '') +
        `failed+misreported ${ours.failures + ours.misreported} ${ours.failures + ours.misreported === 0 ? 'ok' : 'MISSED'}; ` +
        `SDK/ours ${speedup.toFixed(1)}×${i === 0 ? ` (target ≥ 5) ${speedup >= 5 ? 'ok' : 'MISSED'}` : ''}`,
    );
    sections.push(
      [
        `### ${i + 1}. ${s.name}`,
        '',
        `Emulator: ${s.latencyMs} ms latency, ${s.rate.limit} requests per ${s.rate.windowSeconds} s window, ${s.concurrencyLimit} concurrent requests. ` +
          `Lower bound for an ideal client: **${fmtS(lb.ms)}** (${lb.why}; ${s.plan.requests} requests, chain of ${s.plan.chain}).`,
        '',
        '| contender | wall time | × lower bound | requests | 429s received | failed | misreported | peak RSS | RSS loaded | check |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        ...rows.map(
          (r) =>
            `| ${label(r.contender)} | ${fmtS(r.wallMs)} | ${(r.wallMs / lb.ms).toFixed(2)} | ${r.requests} | ${r.received429} | ${r.failures} | ${r.misreported} | ${r.peakRssMb.toFixed(0)} MB | ${r.loadedRssMb.toFixed(0)} MB | ${r.note.replace(/\|/g, '/')} |`,
        ),
        '',
        `Our client is **${speedup.toFixed(1)}×** faster than the SDK here.`,
        '',
      ].join('\n'),
    );
  }
  console.log(`\n${checks.join('\n')}`);
  if (only.length) return;

  const block = [
    '<!-- section:client -->',
    '## Okta client: crawl and bulk revoke against the emulator',
    '',
    `Produced by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}. ` +
      'Each contender runs in its own process against a fresh emulator process (seed 42, so the same org); requests and 429s are counted by the emulator, ' +
      'and results are checked against its state (every token seen exactly once; every selected token really revoked and reported so).',
    '',
    `Our default concurrency is **${DEFAULT_CONCURRENCY}** requests in flight per org. Okta's concurrency limit (75, or 35 on free plans) is shared by every app ` +
      `and admin of the org, so a debugging tool should take a small share: ${DEFAULT_CONCURRENCY} is under a quarter of the smallest org's limit and about a tenth of most, ` +
      'and it already keeps a 20–50 ms round trip busy. The per-minute buckets are shared too: the client learns each bucket from X-Rate-Limit-* headers, ' +
      'holds requests back before it is empty (counting its own requests in flight) and resumes at the reset, so it does not push other apps into 429s. ' +
      'The SDK is used the way its README shows (await each call, `for await` over collections); it asks for `limit=200` like ours, and `expand=scope` in the rows that say so.',
    '',
    'Memory: peak RSS is the whole worker process — Node and the contender\'s library (the "RSS loaded" column, measured before the first request) plus the run. ' +
      'The worker runs on plain Node, bundled with esbuild and minified as the extension ships its code; each worker loads only its own contender (the SDK from node_modules, as its users load it). ' +
      "Items of a list page are parsed into the array the body arrived in, so once handed out nothing the request's settled promises still point to keeps them: before, most tokens of a page that waited for its rate-limit window survived young-generation collections. " +
      "Both crawl workers keep the same thing from a crawl, each token's id (100,000 strings in scenario 2) counted in a Set at the end, so the columns compare like with like. " +
      "The SDK walks one list at a time; ours walks every client's list at once, so a list waiting for its next page (often a whole rate-limit window) holds none of the items it has handed out, " +
      'and list pages are parsed element by element as their bytes arrive, never held as one string next to their objects.',
    '',
    "Rate-limit windows: a window is taken to be over at X-Rate-Limit-Reset by the server's clock, whose offset from ours is bounded from every answer's Date header (1 s resolution, so the tightest bounds over many answers: a few ms after a few hundred). " +
      "When one of our requests opened the window (its answer says Remaining = Limit − 1), the window's length in whole seconds is learned and it is taken to end that long after that answer arrived — Reset is the end rounded up to the second, so this is up to a second sooner. " +
      'A 429 in a window taken to be over turns that off for the bucket; a 429 waits for Reset by the estimated server clock, not a fixed extra second.',
    '',
    ...sections,
    'Targets (issues "Foundation" and "Performance"): within 1.25× of the lower bound (1.10× where rate-limit windows bind), no failed or misreported operation, no 429 reaching the caller, ≥ 5× faster than the SDK in scenario 1, and the 100,000-token crawl peaking at no more memory than the SDK:',
    '',
    ...checks.map((c) => `- ${c}`),
    '<!-- /section:client -->',
  ].join('\n');

  const file = join(root, 'BENCHMARKS.md');
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const re = /<!-- section:client -->[\s\S]*?<!-- \/section:client -->/;
  text = re.test(text) ? text.replace(re, block) : `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
  console.log(`\nwrote ${file}`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
