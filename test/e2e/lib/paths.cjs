// Where the e2e harness keeps things: the repo root, the ignored install cache (.vscode-test/) and the
// artifacts folder. One module so every part agrees on the layout. Plain CommonJS (types in paths.d.cts)
// because `npm test` starts the toolchain install before `npm ci` has installed a TypeScript loader.
'use strict';
const { join, resolve } = require('node:path');

const repoRoot = resolve(__dirname, '../../..');
/** Install cache: Node 24, code-server, package staging. Ignored by git. */
const workDir = process.env.E2E_WORK_DIR ? resolve(process.env.E2E_WORK_DIR) : join(repoRoot, '.vscode-test');
const artifactsRoot = join(repoRoot, 'artifacts');
const e2eArtifacts = join(artifactsRoot, 'e2e');

module.exports = { repoRoot, workDir, artifactsRoot, e2eArtifacts };
