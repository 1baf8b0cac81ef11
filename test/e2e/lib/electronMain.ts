// `npm run test:electron` (test/e2e/electron.mjs): the same extension-host mocha suites in desktop VS
// Code through @vscode/test-electron, for machines with internet (it downloads VS Code) or a local
// install (VSCODE_EXECUTABLE=/path/to/code). Like the code-server runner it tests the unpacked .vsix,
// against an in-process org emulator, and ends with `N passed, N failed`.
import { runTests } from '@vscode/test-electron';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { cleanupAll, onCleanup } from './cleanup';
import { startOrgEmulator } from './emulator';
import { step } from './log.cjs';
import { packageVsix } from './main';
import { suiteEnvironment } from './mochaRun';
import { e2eArtifacts, workDir } from './paths.cjs';
import { buildTestBundle } from './testBundle';
import { extractZip } from './zip';

export async function electronMain(): Promise<number> {
  const runDir = join(workDir, 'runs', `electron-${process.pid}`);
  mkdirSync(runDir, { recursive: true });
  onCleanup('run folder', () => rmSync(runDir, { recursive: true, force: true }));
  const artifactsDir = join(e2eArtifacts, 'electron');
  mkdirSync(artifactsDir, { recursive: true });
  let passed = 0;
  let failed = 0;
  try {
    step('packaging the extension');
    const { vsix } = packageVsix(runDir);
    const extensionDir = join(runDir, 'unpacked-extension');
    extractZip(vsix, extensionDir, 'extension/');
    const tests = await buildTestBundle(join(runDir, 'host-tests'));
    const emulator = await startOrgEmulator({ size: 'demo', controlApi: true });
    const workspace = join(runDir, 'workspace');
    mkdirSync(workspace, { recursive: true });
    const resultsFile = join(runDir, 'results.json');
    const executable = process.env.VSCODE_EXECUTABLE;
    step(
      executable
        ? `running the suites in ${executable}`
        : 'downloading desktop VS Code (needs internet; set VSCODE_EXECUTABLE to use a local one)',
    );
    try {
      await runTests({
        ...(executable
          ? { vscodeExecutablePath: executable }
          : { version: process.env.VSCODE_VERSION ?? 'stable', cachePath: join(workDir, 'electron') }),
        extensionDevelopmentPath: extensionDir,
        extensionTestsPath: tests.index,
        extensionTestsEnv: suiteEnvironment({ emulator, resultsFile, artifactsDir, extensionDir, workspace }),
        launchArgs: [
          workspace,
          '--disable-extensions',
          '--disable-workspace-trust',
          '--user-data-dir',
          join(runDir, 'ud'),
          '--extensions-dir',
          join(runDir, 'ext'),
        ],
      });
    } catch (e) {
      if (!existsSync(resultsFile)) {
        throw new Error(
          `desktop VS Code did not run the suites: ${(e as Error).message}. Without internet, set VSCODE_EXECUTABLE to a local ` +
            '`code` binary, or use `npm run test:e2e`, which runs the same suites in code-server.',
        );
      }
    }
    const { outcomes } = JSON.parse(readFileSync(resultsFile, 'utf8')) as { outcomes: { state: string }[] };
    passed = outcomes.filter((t) => t.state === 'passed').length;
    failed = outcomes.length - passed;
  } catch (e) {
    console.error(`test:electron: ${(e as Error).message}`);
    failed += 1;
  } finally {
    await cleanupAll();
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}
