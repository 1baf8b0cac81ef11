// Kind (a) of e2e suite: mocha inside VS Code's extension host. The packaged .vsix is unpacked and
// loaded as the development extension (never the source folder), code-server runs with the smoke-test
// driver so the workbench honours `?payload=`, and the workbench calls window.codeAutomationExit(code)
// when mocha finishes. Reporter output only reaches the browser console, so it is relayed from there.
import { existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { launchBrowser } from './browser';
import { startCodeServer } from './codeServer';
import type { Toolchain } from './install.cjs';
import type { OrgEmulator } from './emulator';
import type { Result } from './results';
import { step } from './log.cjs';

/** Workbench chatter (sockets, gallery lookups that fail offline) is kept in the log file, not echoed. */
const NOISE =
  /^(Resolving connection|Resolved connection|Creating a socket|\[reconnection|Updating additional|\[Service Worker|\[AgentHost|\[AccountPolicyGate|Failed: getaddrinfo|\s+at )/;
function isTestOutput(text: string): boolean {
  return text.trim() !== '' && !NOISE.test(text);
}

/** What suites read from process.env in the extension host (see test/e2e/README.md). */
export function suiteEnvironment(o: {
  emulator: OrgEmulator;
  resultsFile: string;
  artifactsDir: string;
  extensionDir: string;
  workspace: string;
}): Record<string, string> {
  const env: Record<string, string> = {
    OKTA_E2E_ORG_URL: o.emulator.url,
    OKTA_E2E_API_TOKEN: o.emulator.token,
    OKTA_E2E_CONTROL_URL: `${o.emulator.url}/__emulator`,
    OKTA_E2E_RESULTS_FILE: o.resultsFile,
    OKTA_E2E_ARTIFACTS: o.artifactsDir,
    OKTA_E2E_EXTENSION_PATH: o.extensionDir,
    OKTA_E2E_WORKSPACE: o.workspace,
    // Asks the extension for its test API (src/extension/testHooks.ts); without it activate() returns
    // nothing, as for every user.
    OKTA_TOKEN_EXPLORER_TEST_HOOKS: '1',
  };
  for (const k of ['E2E_FAIL', 'E2E_GREP', 'OKTA_E2E_TEST_TIMEOUT'])
    if (process.env[k]) env[k] = process.env[k]!;
  return env;
}

export interface MochaRunOptions {
  toolchain: Toolchain;
  runDir: string;
  /** Unpacked extension folder (the .vsix's extension/ directory). */
  extensionDir: string;
  testsIndex: string;
  emulator: OrgEmulator;
  artifactsDir: string;
  timeoutMs: number;
}

export async function runMochaSuites(
  o: MochaRunOptions,
): Promise<{ results: Result[]; codeServerLog: string; userDataDir: string }> {
  const stateDir = join(o.runDir, 'cs-mocha');
  const workspace = join(o.runDir, 'ws-mocha');
  mkdirSync(workspace, { recursive: true });
  mkdirSync(o.artifactsDir, { recursive: true });
  const cs = await startCodeServer({ toolchain: o.toolchain, stateDir, workspace, smokeTestDriver: true });
  step(`code-server (mocha) on ${cs.url}`);
  const resultsFile = join(o.runDir, 'mocha-results.json');
  const consoleLog = join(o.artifactsDir, 'browser-console.log');
  const browser = await launchBrowser(o.toolchain, o.runDir);
  const results: Result[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    // Console args are read asynchronously; keep the promises so nothing is lost when the page closes.
    const pending = new Set<Promise<void>>();
    page.on('console', (msg) => {
      const p = (async () => {
        const args = await Promise.all(msg.args().map((a) => a.jsonValue().catch(() => '[unserialisable]')));
        // Extension-host output arrives as ('%c INFO', css, format, ...args).
        const fromHost = typeof args[0] === 'string' && args[0].startsWith('%c');
        const text = fromHost ? format(...(args.slice(2) as [unknown, ...unknown[]])) : msg.text();
        appendFileSync(consoleLog, `${text}\n`);
        if (fromHost && process.env.E2E_QUIET !== '1' && isTestOutput(text))
          process.stdout.write(`  │ ${text.replace(/\n/g, '\n  │ ')}\n`);
      })().catch(() => undefined);
      pending.add(p);
      void p.finally(() => pending.delete(p));
    });
    const exitCode = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${cs.port}${p}`;
    const env = suiteEnvironment({
      emulator: o.emulator,
      resultsFile,
      artifactsDir: o.artifactsDir,
      extensionDir: o.extensionDir,
      workspace,
    });
    const payload = [
      ['extensionDevelopmentPath', remote(o.extensionDir)],
      ['extensionTestsPath', remote(o.testsIndex)],
      ['extensionEnvironment', JSON.stringify(env)],
    ];
    const url = `${cs.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    // Only the navigation is awaited: the run's own end (or its timeout) is the condition waited on, and
    // a busy machine can take longer than page.goto's 30 s to fire 'load' for the workbench's bundles.
    await page.goto(url, { waitUntil: 'commit', timeout: 120_000 });
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([
      exitCode,
      new Promise<number>((r) => (timer = setTimeout(() => r(-1), o.timeoutMs))),
    ]);
    clearTimeout(timer);
    // Mocha's last lines can still be in flight when the exit call arrives.
    await new Promise((r) => setTimeout(r, 300));
    await Promise.allSettled([...pending]);
    if (code === -1) {
      await page.screenshot({ path: join(o.artifactsDir, 'timeout.png') }).catch(() => undefined);
    }
    if (existsSync(resultsFile)) {
      const { outcomes } = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
        outcomes: { title: string; state: string; error?: string; durationMs?: number }[];
      };
      for (const t of outcomes) {
        results.push({
          kind: 'mocha',
          title: t.title,
          ok: t.state === 'passed',
          error: t.error,
          durationMs: t.durationMs,
        });
      }
    }
    if (code === -1) {
      results.push({
        kind: 'harness',
        title: 'mocha suites finish in the extension host',
        ok: false,
        error: `no codeAutomationExit within ${o.timeoutMs / 1000}s; see ${consoleLog} and the code-server log`,
      });
    } else if (code !== 0 && !results.some((r) => !r.ok)) {
      results.push({
        kind: 'harness',
        title: 'mocha run in the extension host',
        ok: false,
        error: `exited with code ${code}; see ${consoleLog}`,
      });
    } else if (results.length === 0) {
      results.push({
        kind: 'harness',
        title: 'mocha suites ran',
        ok: false,
        error: `the extension host reported exit ${code} but no test results (no suites found, or the loader failed); see ${consoleLog}`,
      });
    }
  } finally {
    await browser.close();
    await cs.stop();
    mkdirSync(o.artifactsDir, { recursive: true });
    writeFileSync(join(o.artifactsDir, 'code-server-url.txt'), cs.url + '\n');
  }
  return { results, codeServerLog: cs.logFile, userDataDir: cs.userDataDir };
}
