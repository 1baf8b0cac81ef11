// `npm test`: the one command that proves the project on a fresh clone. It installs what is missing
// (npm packages; the e2e harness installs code-server and Chromium itself), builds, then runs the unit
// tests, the LSP tests and the real-VS-Code suites in that order, stopping at the first stage that fails,
// and closes with one summary line.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const only = process.env.TEST_STAGES?.split(',');

function run(cmd, args, extraEnv = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  return r.status ?? 1;
}

function needsInstall() {
  if (!existsSync('node_modules/.package-lock.json')) return true;
  return statSync('package-lock.json').mtimeMs > statSync('node_modules/.package-lock.json').mtimeMs;
}

function countTap(file) {
  if (!existsSync(file)) return { passed: 0, failed: 0 };
  const tap = readFileSync(file, 'utf8');
  const num = (k) => Number([...tap.matchAll(new RegExp(`^# ${k} (\\d+)$`, 'gm'))].pop()?.[1] ?? 0);
  return { passed: num('pass'), failed: num('fail') };
}

const stages = [];
let passed = 0;
let failed = 0;
const t0 = Date.now();

if (needsInstall()) {
  console.log('\n== installing npm packages (npm ci)');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    console.error('npm ci failed');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

mkdirSync('artifacts', { recursive: true });

// The e2e toolchain (code-server, Chromium, Node 24) installs in the background while the stages before
// the e2e stage use the CPU: on a cold machine the download no longer adds to the run. Its output goes to
// a log shown only when it failed; the e2e stage then installs again in the foreground and says why.
let toolchain = null;
if (!only || only.includes('e2e')) {
  const log = 'artifacts/e2e-toolchain.log';
  const fd = openSync(log, 'w');
  const child = spawn(process.execPath, ['test/e2e/prepare.mjs'], { stdio: ['ignore', fd, fd] });
  closeSync(fd);
  toolchain = new Promise((resolve) => {
    child.on('exit', (code) => resolve({ code, log }));
    child.on('error', () => resolve({ code: 1, log }));
  });
}

const plan = [
  { name: 'build', run: () => run('node', ['esbuild.mjs']) },
  { name: 'typecheck', run: () => run('npx', ['tsc', '-p', '.', '--noEmit']) },
  {
    name: 'lint',
    run: () => run('npx', ['eslint', '.']) || run('npx', ['prettier', '--check', '--log-level', 'warn', '.']),
  },
  {
    name: 'unit',
    tap: 'artifacts/unit.tap',
    run() {
      return run('node', ['scripts/run-node-tests.mjs', 'test/unit'], {
        TEST_TAP_FILE: join(root, 'artifacts/unit.tap'),
      });
    },
  },
  {
    name: 'lsp',
    tap: 'artifacts/lsp.tap',
    skipUnless: 'test/lsp',
    run() {
      return run('node', ['scripts/run-node-tests.mjs', 'test/lsp'], {
        TEST_TAP_FILE: join(root, 'artifacts/lsp.tap'),
      });
    },
  },
  { name: 'e2e', summary: 'artifacts/e2e-summary.json', run: () => run('node', ['test/e2e/run.mjs']) },
];

for (const stage of plan) {
  if (only && !only.includes(stage.name)) continue;
  if (stage.skipUnless && !existsSync(stage.skipUnless)) {
    console.log(`\n== ${stage.name}: skipped, ${stage.skipUnless} does not exist yet`);
    stages.push(`${stage.name}: skipped (no ${stage.skipUnless})`);
    continue;
  }
  console.log(`\n== ${stage.name}`);
  const s0 = Date.now();
  if (stage.name === 'e2e' && toolchain) {
    const { code, log } = await toolchain;
    if (code !== 0)
      console.log(`(the background toolchain install failed; its log:)\n${readFileSync(log, 'utf8')}`);
  }
  const status = stage.run();
  const secs = ((Date.now() - s0) / 1000).toFixed(1);
  let counts = null;
  if (stage.tap) counts = countTap(stage.tap);
  if (stage.summary && existsSync(stage.summary)) counts = JSON.parse(readFileSync(stage.summary, 'utf8'));
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  if (status !== 0 && (!counts || counts.failed === 0)) failed += 1;
  stages.push(
    `${stage.name}: ${status === 0 ? 'ok' : 'FAILED'}${counts ? ` (${counts.passed} passed, ${counts.failed} failed)` : ''} in ${secs}s`,
  );
  if (status !== 0) break;
}
// A stage that failed early leaves the install running: let it finish rather than cut a download short.
if (toolchain) await toolchain;

console.log('\n== summary');
for (const s of stages) console.log(`  ${s}`);
console.log(`  total ${((Date.now() - t0) / 1000).toFixed(1)}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
