// `npm run package`: builds the production bundles and packs the .vsix with @vscode/vsce.
// Packing happens in a staging folder that holds only what ships (manifest, README, CHANGELOG, LICENSE,
// package.nls*.json, l10n/, media/, dist/), so the package can never pick up sources or tests by
// accident and the dev bundles in dist/ stay as they are while tests run.
//
//   node scripts/package.mjs [--out file.vsix] [--stage dir] [--json file] [--bench]
//
// --json writes {vsix, vsixBytes, bundles:{path:bytes}} for the harness; --bench rewrites the package
// block of BENCHMARKS.md with those sizes and the activation time from artifacts/e2e/activation.json.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const out = resolve(opt('--out') ?? join(root, `${manifest.name}-${manifest.version}.vsix`));
const stage = resolve(opt('--stage') ?? join(root, '.vscode-test', 'package-stage'));
const jsonOut = opt('--json');

function fail(msg) {
  console.error(`package: ${msg}`);
  process.exit(1);
}

function run(cmd, args, cwd, env = {}) {
  // stdin closed: vsce asks interactive questions (missing LICENSE, repository) and would otherwise hang.
  const r = spawnSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} failed with exit code ${r.status ?? r.signal}`);
}

const t0 = Date.now();
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });

// 1. Production bundles straight into the stage (minified, no source maps).
run(process.execPath, [join(root, 'esbuild.mjs'), '--production'], root, {
  BUILD_OUTDIR: join(stage, 'dist'),
});
if (!existsSync(join(stage, 'dist', 'extension.js')))
  fail('esbuild produced no dist/extension.js (is src/extension/extension.ts there?)');

// 2. Everything else that ships. Missing optional files are fine; missing LICENSE/README is not.
for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore']) {
  if (!existsSync(join(root, f))) fail(`${f} is missing in ${root}; the package needs it`);
  cpSync(join(root, f), join(stage, f));
}
for (const f of readdirSync(root))
  if (/^package\.nls(\..+)?\.json$/.test(f)) cpSync(join(root, f), join(stage, f));
for (const d of ['media', 'l10n']) {
  // Sources (.ts), source maps and tsconfigs never ship; media/*.ts are webview sources bundled into dist/.
  const shipped = (src) => !/\.(ts|map)$/.test(src) && !/tsconfig[^/]*\.json$/.test(src);
  if (existsSync(join(root, d))) cpSync(join(root, d), join(stage, d), { recursive: true, filter: shipped });
}

// 3. Pack. Runtime dependencies are bundled by esbuild, so node_modules is not needed.
mkdirSync(dirname(out), { recursive: true });
rmSync(out, { force: true });
const vsce = join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
// The README's pictures (docs/screenshots/) are relative links; the repository is not on GitHub/GitLab, so
// vsce cannot make them absolute and would refuse to pack. They are kept as written (the pictures do not ship).
run(
  process.execPath,
  [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', out],
  stage,
);

const bundles = {};
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else bundles[relative(stage, p)] = statSync(p).size;
  }
};
walk(join(stage, 'dist'));
const summary = { vsix: out, vsixBytes: statSync(out).size, bundles };
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(
  `package: ${relative(root, out) || out} ${kb(summary.vsixBytes)} in ${((Date.now() - t0) / 1000).toFixed(1)}s`,
);
for (const [p, n] of Object.entries(bundles)) console.log(`  ${p} ${kb(n)}`);
if (jsonOut) writeFileSync(resolve(jsonOut), JSON.stringify(summary, null, 2));

if (argv.includes('--bench')) writeBenchmarks(summary);

function writeBenchmarks(s) {
  const file = join(root, 'BENCHMARKS.md');
  const actFile = join(root, 'artifacts', 'e2e', 'activation.json');
  const act = existsSync(actFile) ? JSON.parse(readFileSync(actFile, 'utf8')) : undefined;
  const lines = [
    '<!-- section:package -->',
    '## Package',
    '',
    `Measured ${new Date().toISOString().slice(0, 10)} by \`node scripts/package.mjs --bench\` (production build).`,
    '',
    '| Artifact | Size |',
    '|---|---|',
    `| ${relative(root, s.vsix)} | ${kb(s.vsixBytes)} |`,
    ...Object.entries(s.bundles).map(([p, n]) => `| ${p} | ${kb(n)} |`),
    '',
    act
      ? `Activation inside code-server (VS Code ${act.codeServer ?? '?'}, extension host Node ${act.node}), measured by the e2e ` +
        `smoke suite — ${act.source}: **${act.activationMs.toFixed(0)} ms**` +
        (typeof act.insideActivateMs === 'number'
          ? ` (of which ${act.insideActivateMs.toFixed(1)} ms inside \`activate()\` itself, per the extension's test API).`
          : '.')
      : 'Activation time: not measured yet (run `npm run test:e2e` first; it writes artifacts/e2e/activation.json).',
    '<!-- /section:package -->',
  ];
  const block = lines.join('\n');
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const re = /<!-- section:package -->[\s\S]*?<!-- \/section:package -->/;
  const next = re.test(old)
    ? old.replace(re, block)
    : `${old}${old && !old.endsWith('\n\n') ? '\n' : ''}${block}\n`;
  writeFileSync(file, next);
  console.log(`package: wrote the package block of ${relative(root, file)}`);
}
