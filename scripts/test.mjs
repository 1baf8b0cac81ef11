// `npm test`: the one command that proves the project on a fresh clone. It installs what is missing
// (npm packages; the e2e harness installs code-server and Chromium itself), builds, then runs the unit
// tests, the LSP tests, the type check and lint, and the real-VS-Code suites in that order, stopping at
// the first stage that fails, and closes with one summary line. The type check and lint start beside the
// unit tests (which wait on sockets and timers part of the time) and report when their turn comes.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
const only = process.env.TEST_STAGES?.split(',');

/**
 * Runs a command and resolves to its exit status (1 if it could not start); asynchronous, so the type
 * check and lint running beside a stage are seen to finish when they do. `out`: a file descriptor for
 * its output, or the terminal.
 */
function run(cmd, args, extraEnv = {}, out = 'inherit') {
  return new Promise((resolve) => {
    const stdio = out === 'inherit' ? 'inherit' : ['ignore', out, out];
    const child = spawn(cmd, args, { stdio, env: { ...process.env, ...extraEnv } });
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

/** Runs commands one after another, output to `log`; resolves to the first non-zero status, else 0. */
async function runLogged(commands, log) {
  const fd = openSync(log, 'w');
  try {
    for (const [cmd, args] of commands) {
      const status = await run(cmd, args, {}, fd);
      if (status !== 0) return status;
    }
    return 0;
  } finally {
    closeSync(fd);
  }
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

mkdirSync('artifacts', { recursive: true });

// The e2e toolchain (code-server, Chromium, Node 24) installs in the background from the start, beside
// `npm ci` and then the stages before the e2e stage: on a cold machine its downloads and native builds no
// longer add to the run. Its output goes to a log shown only when it failed; the e2e stage then installs
// again in the foreground and says why.
let toolchain = null;
if (!only || only.includes('e2e')) {
  const log = 'artifacts/e2e-toolchain.log';
  toolchain = runLogged([[process.execPath, ['test/e2e/prepare.mjs']]], log).then((code) => ({ code, log }));
}

if (needsInstall()) {
  console.log('\n== installing npm packages (npm ci)');
  if ((await run('npm', ['ci', '--no-audit', '--no-fund'])) !== 0) {
    console.error('npm ci failed');
    // Let a download under way finish rather than cut it short (a cut-short install is redone anyway).
    if (toolchain) await toolchain;
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

// In the order they report. Stages with `commands` start in the background once the build is done,
// beside the tests; their turn only waits for them and shows their output.
const plan = [
  { name: 'build', run: () => run('node', ['esbuild.mjs']) },
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
  { name: 'typecheck', commands: [['npx', ['tsc', '-p', '.', '--noEmit']]] },
  {
    name: 'lint',
    commands: [
      ['npx', ['eslint', '.']],
      ['npx', ['prettier', '--check', '--log-level', 'warn', '.']],
    ],
  },
  { name: 'e2e', summary: 'artifacts/e2e-summary.json', run: () => run('node', ['test/e2e/run.mjs']) },
];

const selected = plan.filter((stage) => !only || only.includes(stage.name));
let started = false;
const startBackground = () => {
  if (started) return;
  started = true;
  for (const stage of selected.filter((s) => s.commands)) {
    stage.log = `artifacts/${stage.name}.log`;
    stage.startedAt = Date.now();
    stage.pending = runLogged(stage.commands, stage.log).then((status) => {
      stage.doneAt = Date.now();
      return status;
    });
  }
};

for (const stage of selected) {
  if (stage.name !== 'build') startBackground();
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
  let status;
  if (stage.commands) {
    status = await stage.pending;
    const out = readFileSync(stage.log, 'utf8').trimEnd();
    if (out) console.log(out);
  } else status = await stage.run();
  const secs = stage.commands
    ? `${((stage.doneAt - stage.startedAt) / 1000).toFixed(1)}s beside the tests, waited ${((Date.now() - s0) / 1000).toFixed(1)}`
    : ((Date.now() - s0) / 1000).toFixed(1);
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
// A stage that failed early leaves the type check and lint to finish, and the install running: let it finish rather than cut a download short.
await Promise.all(selected.filter((s) => s.pending).map((s) => s.pending));
if (toolchain) await toolchain;

console.log('\n== summary');
for (const s of stages) console.log(`  ${s}`);
console.log(`  total ${((Date.now() - t0) / 1000).toFixed(1)}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
