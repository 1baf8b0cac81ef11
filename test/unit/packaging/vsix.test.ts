// Packs the extension exactly as `npm run package` does (into a temporary folder) and checks what the
// .vsix holds: only the manifest, README, CHANGELOG, LICENSE, nls/l10n files, media and minified dist
// bundles — no sources, tests, source maps or node_modules.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listZip, readEntry } from '../../e2e/lib/zip';

const root = resolve(__dirname, '../../..');

const allowed: RegExp[] = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/package\.nls(\.[\w-]+)?\.json$/,
  /^extension\/l10n\/[\w./-]+\.json$/,
  /^extension\/dist\/[\w./-]+\.(js|css)$/,
  /^extension\/media\/[\w./-]+\.(svg|png|gif|css|json)$/,
  // The walkthrough's step pages: VS Code reads them from the package when a step is shown.
  /^extension\/media\/walkthrough\/[\w-]+\.md$/,
];

test(
  'the .vsix holds only shipped files, with minified bundles and no source maps',
  { timeout: 180_000 },
  () => {
    const tmp = mkdtempSync(join(tmpdir(), 'vsix-test-'));
    try {
      const out = join(tmp, 'ext.vsix');
      const r = spawnSync(
        process.execPath,
        ['scripts/package.mjs', '--out', out, '--stage', join(tmp, 'stage')],
        {
          cwd: root,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      assert.equal(r.status, 0, `scripts/package.mjs failed:\n${r.stdout}\n${r.stderr}`);

      const buf = readFileSync(out);
      const entries = listZip(buf);
      const names = entries.map((e) => e.name);
      const unexpected = names.filter((n) => !allowed.some((re) => re.test(n)));
      assert.deepEqual(unexpected, [], `files that must not be in the package: ${unexpected.join(', ')}`);
      for (const required of [
        'extension/package.json',
        'extension/readme.md',
        'extension/LICENSE.txt',
        'extension/changelog.md',
        'extension/dist/extension.js',
      ]) {
        assert.ok(
          names.includes(required),
          `${required} is missing from the package; it has: ${names.join(', ')}`,
        );
      }

      const manifest = JSON.parse(
        readEntry(
          buf,
          entries.find((e) => e.name === 'extension/package.json')!,
        ).toString('utf8'),
      );
      assert.equal(manifest.main, './dist/extension.js');

      // Minified: a production bundle is a few very long lines, never thousands of short ones.
      for (const e of entries.filter((x) => /^extension\/dist\/.+\.js$/.test(x.name) && x.size > 4096)) {
        const text = readEntry(buf, e).toString('utf8');
        const lines = text.split('\n').length;
        assert.ok(
          text.length / lines > 500,
          `${e.name} does not look minified (${lines} lines for ${text.length} bytes)`,
        );
        assert.ok(!text.includes('sourceMappingURL='), `${e.name} points at a source map`);
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
);
