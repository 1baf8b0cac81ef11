// `npm run screenshots`: regenerates the README's pictures. Runs only the screenshots journey
// (test/e2e/journeys/screenshots.journey.ts) in the real-VS-Code harness, which saves the tree with a
// token panel, the revoke modal and the results grid in Light Modern, Dark Modern and Dark High Contrast,
// then copies those JPEGs into docs/screenshots/ (committed) and prints their sizes.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const journeys = join(root, 'artifacts', 'e2e', 'journeys');
const out = join(root, 'docs', 'screenshots');

const run = spawnSync(process.execPath, [join(root, 'test', 'e2e', 'run.mjs')], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, E2E_ONLY: 'journeys', E2E_GREP: '^screenshots:' },
});
if (run.status !== 0) {
  console.error('screenshots: the screenshots journey failed; see the output above and artifacts/e2e/');
  process.exit(run.status ?? 1);
}

// The journey's folder is named after its title (artifacts/e2e/journeys/screenshots-…/).
const dir = existsSync(journeys)
  ? readdirSync(journeys).find((d) => d.startsWith('screenshots-'))
  : undefined;
const shots = dir ? readdirSync(join(journeys, dir)).filter((f) => f.endsWith('.jpg')) : [];
if (shots.length === 0) {
  console.error(`screenshots: the journey saved no pictures under ${journeys}`);
  process.exit(1);
}
// Replace the folder's pictures wholesale, so a renamed picture leaves no stale copy behind.
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
let total = 0;
for (const f of shots.sort()) {
  copyFileSync(join(journeys, dir, f), join(out, f));
  const kb = statSync(join(out, f)).size / 1024;
  total += kb;
  console.log(`  docs/screenshots/${f}  ${kb.toFixed(0)} KB`);
}
console.log(`screenshots: ${shots.length} pictures, ${total.toFixed(0)} KB in docs/screenshots/`);
