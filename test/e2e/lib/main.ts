// The e2e runner behind `npm run test:e2e` (test/e2e/run.mjs): installs the toolchain if needed, packs
// the .vsix, runs the mocha suites in the extension host and then the Playwright journeys, copies logs
// and screenshots to artifacts/e2e/, writes artifacts/e2e-summary.json, and ends with one line
// `N passed, N failed`. Everything started is torn down on success, failure and Ctrl-C.
//
// Environment: E2E_ONLY=mocha|journeys, E2E_GREP=<regex> (titles), E2E_FAIL=1 (break one assertion per
// kind on purpose), E2E_KEEP=1 (keep the run folder), E2E_HEADED=1, E2E_QUIET=1.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { collectLogs, scanForSecrets } from './artifacts';
import { cleanupAll, onCleanup } from './cleanup';
import { startOrgEmulator } from './emulator';
import { ensureToolchain } from './install.cjs';
import { runJourneys } from './journeys';
import { step } from './log.cjs';
import { runMochaSuites } from './mochaRun';
import { acquireRunLock } from './runLock';
import { e2eArtifacts, repoRoot, workDir } from './paths.cjs';
import { writeSummary, type Result } from './results';
import { buildTestBundle } from './testBundle';
import { extractZip } from './zip';

export function packageVsix(runDir: string): {
  vsix: string;
  summary: { vsixBytes: number; bundles: Record<string, number> };
} {
  const vsix = join(runDir, 'okta-token-explorer.vsix');
  const json = join(runDir, 'package.json');
  const r = spawnSync(
    process.execPath,
    ['scripts/package.mjs', '--out', vsix, '--stage', join(runDir, 'stage'), '--json', json],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    },
  );
  if (r.status !== 0)
    throw new Error(
      `packaging the extension failed (scripts/package.mjs exit ${r.status}):\n${r.stdout}\n${r.stderr}`,
    );
  return { vsix, summary: JSON.parse(readFileSync(json, 'utf8')) };
}

export async function main(): Promise<number> {
  const t0 = Date.now();
  const only = process.env.E2E_ONLY;
  const results: Result[] = [];
  mkdirSync(workDir, { recursive: true });
  await acquireRunLock();
  rmSync(e2eArtifacts, { recursive: true, force: true });
  mkdirSync(e2eArtifacts, { recursive: true });
  const runDir = join(workDir, 'runs', `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}`);
  mkdirSync(runDir, { recursive: true });
  // Registered first, so it runs last: after code-server and Chromium are gone (also on Ctrl-C).
  onCleanup('run folder', () => {
    if (process.env.E2E_KEEP !== '1') rmSync(runDir, { recursive: true, force: true });
  });
  const secrets: string[] = [];
  const logDirs: string[] = [];
  try {
    step('checking the toolchain (Node 24, code-server, Chromium)');
    const toolchain = await ensureToolchain();
    step('packaging the extension (.vsix, production bundles)');
    const { vsix, summary } = packageVsix(runDir);
    step(`packaged ${relative(repoRoot, vsix)} (${(summary.vsixBytes / 1024).toFixed(0)} KiB)`);

    if (only !== 'journeys') {
      const extensionDir = join(runDir, 'unpacked-extension');
      extractZip(vsix, extensionDir, 'extension/');
      const tests = await buildTestBundle(join(runDir, 'host-tests'));
      step(`mocha: ${tests.suites.length} suite file(s) against the unpacked .vsix`);
      const emulator = await startOrgEmulator({ size: 'demo', controlApi: true });
      secrets.push(emulator.token);
      const dir = join(e2eArtifacts, 'mocha');
      try {
        const r = await runMochaSuites({
          toolchain,
          runDir,
          extensionDir,
          testsIndex: tests.index,
          emulator,
          artifactsDir: dir,
          timeoutMs: Number(process.env.E2E_MOCHA_TIMEOUT_MS ?? 300_000),
        });
        results.push(...r.results);
        collectLogs(r.codeServerLog, r.userDataDir, dir);
        logDirs.push(dir);
      } finally {
        await emulator.close();
      }
    }

    if (only !== 'mocha') {
      step('journeys: demo stack with the installed .vsix');
      const dir = join(e2eArtifacts, 'journeys');
      mkdirSync(dir, { recursive: true });
      const r = await runJourneys({ toolchain, runDir, vsix, artifactsDir: dir });
      results.push(...r.results);
      if (r.token) secrets.push(r.token);
      if (r.codeServerLog && r.userDataDir) {
        collectLogs(r.codeServerLog, r.userDataDir, dir);
        logDirs.push(dir);
      }
    }
    if (logDirs.length > 0) results.push(scanForSecrets(logDirs, secrets));
  } catch (e) {
    results.push({ kind: 'harness', title: 'e2e harness setup', ok: false, error: (e as Error).message });
  } finally {
    await cleanupAll();
  }

  const failures = results.filter((r) => !r.ok);
  if (failures.length > 0) {
    console.log('\nFailures:');
    for (const f of failures)
      console.log(
        `  ✖ [${f.kind}] ${f.title}\n      ${(f.error ?? '').split('\n').slice(0, 8).join('\n      ')}`,
      );
    console.log(`\nArtifacts (logs, screenshots): ${relative(repoRoot, e2eArtifacts)}/`);
  }
  if (results.length === 0)
    results.push({
      kind: 'harness',
      title: 'e2e tests ran',
      ok: false,
      error: 'no suites or journeys were found',
    });
  const { passed, failed } = writeSummary(results);
  writeFileSync(join(e2eArtifacts, 'timing.txt'), `${((Date.now() - t0) / 1000).toFixed(1)}s\n`);
  step(`done in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
