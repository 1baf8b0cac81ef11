// `npm start`: the extension on the embedded demo org, in a real VS Code (code-server) on 127.0.0.1.
// From a fresh clone it runs `npm ci` when node_modules is missing or older than package-lock.json,
// then hands over to test/e2e/lib/demoMain.ts (toolchain install, package, emulator, code-server).
//
//   npm start [-- --port 8080] [--emulator-port 8787] [--scenario rotation]
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const lock = join(root, 'node_modules', '.package-lock.json');
if (!existsSync(lock) || statSync(join(root, 'package-lock.json')).mtimeMs > statSync(lock).mtimeMs) {
  console.log('demo: installing npm packages (npm ci)');
  const r = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('demo: npm ci failed; see the output above');
    process.exit(1);
  }
}

const { register } = await import('tsx/cjs/api');
register();
const require = createRequire(import.meta.url);
const { runDemo } = require('../test/e2e/lib/demoMain.ts');
try {
  await runDemo(process.argv.slice(2));
} catch (e) {
  console.error(`demo: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
