// Mocha entry point loaded by VS Code's extension host (the payload's extensionTestsPath). The harness
// compiles every test/e2e/suite/**/*.test.ts next to this file (suite/…/*.js) and VS Code calls `run()`.
// Results go to the browser console (reporter output) and, as JSON, to OKTA_E2E_RESULTS_FILE so the
// runner can count them without parsing console text.
import Mocha from 'mocha';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from '../lib/files';

interface Outcome {
  title: string;
  state: 'passed' | 'failed';
  durationMs?: number;
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    reporter: 'spec',
    timeout: Number(process.env.OKTA_E2E_TEST_TIMEOUT ?? 60_000),
    ...(process.env.E2E_GREP ? { grep: process.env.E2E_GREP } : {}),
  });
  // The smoke suite measures a cold activate() for BENCHMARKS.md, so it must run before anything else
  // touches the extension; the rest run in path order.
  const files = filesUnder(join(__dirname, 'suite'), (n) => n.endsWith('.test.js'));
  const smoke = files.filter((f) => /[\\/]smoke\.test\.js$/.test(f));
  for (const f of [...smoke, ...files.filter((f) => !smoke.includes(f))]) mocha.addFile(f);
  const outcomes: Outcome[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.OKTA_E2E_RESULTS_FILE;
      if (file) writeFileSync(file, JSON.stringify({ outcomes }, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (t) =>
      outcomes.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration }),
    );
    runner.on('fail', (t, err: Error) =>
      outcomes.push({ title: t.fullTitle(), state: 'failed', error: `${err.message}\n${err.stack ?? ''}` }),
    );
  });
}
