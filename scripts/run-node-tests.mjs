// Runs node:test over every *.test.ts under the given folders, with tsx as the TypeScript loader.
// Node 20's --test cannot glob .ts files itself, so the files are found here and passed explicitly.
import { readdirSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir) {
  if (statSync(dir).isFile()) return [dir];
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const dirs = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const files = dirs.flatMap(find).sort();
if (files.length === 0) {
  console.error(`no test files under ${dirs.join(', ')}`);
  process.exit(1);
}
// The spec reporter is for people; a TAP copy (when TEST_TAP_FILE is set) lets `npm test` add up counts.
const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout'];
if (process.env.TEST_TAP_FILE) {
  reporters.push('--test-reporter=tap', `--test-reporter-destination=${process.env.TEST_TAP_FILE}`);
}
// Test files run side by side: most of a file's time is tsx loading TypeScript or a test waiting on a
// socket or timer, so one more file than cores keeps the CPU busy (node:test's default is one fewer).
// TEST_CONCURRENCY=1 runs them one at a time.
const concurrency = process.env.TEST_CONCURRENCY ?? String(availableParallelism() + 1);
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, ...reporters, ...files],
  {
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
