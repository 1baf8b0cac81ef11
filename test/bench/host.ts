// `npm run bench:host`: the extension host's memory with 10,000 refresh tokens in the tree (issue 15).
// Starts the real stack of the e2e harness (test/e2e/lib: toolchain, packaged .vsix, code-server with
// the smoke-test driver, mocha inside the extension host) with an org emulator that holds one client
// with BENCH_HOST_TOKENS (default 10,000) refresh tokens on its default server, and runs the one suite
// under test/bench/host/ (the e2e suites do not run). The suite lists every token as a person would and
// samples process.memoryUsage() and the extension's cache counts; this writes them to the host section
// of BENCHMARKS.md, keeping the previous runs below the new one (so a change shows before and after).
// BENCH_HOST_NOTE=<text> adds a line saying what the run measured (e.g. "before the caps").
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { cleanupAll, onCleanup } from '../e2e/lib/cleanup';
import { startOrgEmulator } from '../e2e/lib/emulator';
import { CODE_SERVER_VERSION, ensureToolchain } from '../e2e/lib/install.cjs';
import { step } from '../e2e/lib/log.cjs';
import { packageVsix } from '../e2e/lib/main';
import { runMochaSuites } from '../e2e/lib/mochaRun';
import { artifactsRoot, repoRoot, workDir } from '../e2e/lib/paths.cjs';
import { acquireRunLock } from '../e2e/lib/runLock';
import { buildTestBundle } from '../e2e/lib/testBundle';
import { extractZip } from '../e2e/lib/zip';
import type { Sample } from './host/hostMemory.bench';

const TOKENS = Number(process.env.BENCH_HOST_TOKENS ?? 10_000);
const OPEN = '<!-- section:host -->';
const CLOSE = '<!-- /section:host -->';
/** Separates one run's block from the next inside the section; the newest four are kept. */
const RUN = '<!-- host-run -->';
const KEEP_RUNS = 4;

interface Report {
  tokens: number;
  pageSize: number;
  gc: boolean;
  node: string;
  samples: Sample[];
  timings: { loadAllMs?: number; loadMoreClicks?: number };
}

function commit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    const files = dirty
      .split('\n')
      .map((l) => l.slice(3).trim())
      .filter(Boolean);
    return files.length ? `${head} with uncommitted changes to ${files.join(', ')}` : head;
  } catch {
    return 'unknown';
  }
}

function block(r: Report, loadStart: number, loadEnd: number, at: string): string {
  const cpu = cpus();
  const date = new Date().toISOString().replace('T', ' ').slice(0, 16);
  const lines = [
    `**Run ${date} UTC** at ${at}: \`npm run bench:host\` on ${cpu.length}× ${cpu[0]?.model.trim() ?? 'CPU'}, ` +
      `${(totalmem() / 2 ** 30).toFixed(1)} GiB; code-server ${CODE_SERVER_VERSION}, extension host Node ${r.node}; ` +
      `load average ${loadStart.toFixed(2)} at the start and ${loadEnd.toFixed(2)} at the end (\`os.loadavg()\`, shared machine).`,
    ...(process.env.BENCH_HOST_NOTE ? ['', process.env.BENCH_HOST_NOTE] : []),
    '',
    `One client with ${r.tokens.toLocaleString('en')} refresh tokens, page size ${r.pageSize}: ` +
      `${r.timings.loadMoreClicks ?? '?'} "Load more" clicks, all listed in ${((r.timings.loadAllMs ?? NaN) / 1000).toFixed(1)} s. ` +
      (r.gc
        ? 'Heap after a full GC (`--expose-gc` set at run time inside the host).'
        : 'No GC could be forced: heap as found.'),
    '',
    '| Step | RSS (MiB) | peak RSS (MiB) | heap used (MiB) | heap total (MiB) | external (MiB) | rows kept | token rows kept | loaded levels | token lists | tokens held | token rows listed |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.samples.map(
      (s) =>
        `| ${s.step} | ${s.rssMiB} | ${s.peakRssMiB ?? ''} | ${s.heapUsedMiB} | ${s.heapTotalMiB} | ${s.externalMiB} | ${s.caches.rows} | ` +
        `${s.caches.tokenRows} | ${s.caches.levels} | ${s.caches.tokenLists} | ${s.caches.loadedTokens} | ${s.listed ?? ''} |`,
    ),
    '',
  ];
  return lines.join('\n');
}

function writeSection(run: string): void {
  const file = join(repoRoot, 'BENCHMARKS.md');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const heading = '## Extension host memory (`npm run bench:host`, issue 15)\n';
  let earlier: string[] = [];
  let intro = '';
  if (text.includes(OPEN)) {
    const body = text.slice(text.indexOf(OPEN) + OPEN.length, text.indexOf(CLOSE));
    const parts = body.split(RUN);
    intro = parts[0]!.replace(heading, '').trim();
    earlier = parts
      .slice(1)
      .map((p) => p.trim())
      .filter(Boolean);
  }
  const runs = [run.trim(), ...earlier].slice(0, KEEP_RUNS);
  const content =
    `\n${heading}\n${intro ? `${intro}\n\n` : ''}` + runs.map((r) => `${RUN}\n${r}\n\n`).join('');
  const next = text.includes(OPEN)
    ? text.slice(0, text.indexOf(OPEN) + OPEN.length) + content + text.slice(text.indexOf(CLOSE))
    : `${text.trimEnd()}\n\n${OPEN}${content}${CLOSE}\n`;
  writeFileSync(file, next);
}

async function main(): Promise<number> {
  const loadStart = loadavg()[0]!;
  // Read before packaging: what was measured is what the .vsix was built from.
  const at = commit();
  mkdirSync(workDir, { recursive: true });
  await acquireRunLock();
  const runDir = join(
    workDir,
    'runs',
    `bench-host-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`,
  );
  mkdirSync(runDir, { recursive: true });
  onCleanup('run folder', () => {
    if (process.env.E2E_KEEP !== '1') rmSync(runDir, { recursive: true, force: true });
  });
  const artifacts = join(artifactsRoot, 'bench-host');
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  try {
    step('checking the toolchain (Node 24, code-server, Chromium)');
    const toolchain = await ensureToolchain();
    step('packaging the extension (.vsix, production bundles)');
    const { vsix } = packageVsix(runDir);
    const extensionDir = join(runDir, 'unpacked-extension');
    extractZip(vsix, extensionDir, 'extension/');
    const tests = await buildTestBundle(
      join(runDir, 'host-tests'),
      join(repoRoot, 'test', 'bench', 'host'),
      '.bench.ts',
    );
    // Outside the extension host, so its 10,000 records are not in the memory measured.
    const emulator = await startOrgEmulator({
      size: `servers=1,clients=1,tokens=${TOKENS}`,
      seed: 15,
    });
    step(`org emulator: one client with ${TOKENS} refresh tokens on ${emulator.url}`);
    const r = await runMochaSuites({
      toolchain,
      runDir,
      extensionDir,
      testsIndex: tests.index,
      emulator,
      artifactsDir: artifacts,
      timeoutMs: Number(process.env.E2E_MOCHA_TIMEOUT_MS ?? 1_800_000),
    });
    await emulator.close();
    const failed = r.results.filter((x) => !x.ok);
    const file = join(artifacts, 'host-memory.json');
    if (failed.length > 0 || !existsSync(file)) {
      for (const f of failed) console.error(`✖ ${f.title}\n${f.error ?? ''}`);
      console.error(`bench:host failed; logs in ${artifacts}`);
      return 1;
    }
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    const run = block(report, loadStart, loadavg()[0]!, at);
    console.log(`\n${run}`);
    writeSection(run);
    console.log('wrote the host section of BENCHMARKS.md');
    return 0;
  } finally {
    await cleanupAll();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
