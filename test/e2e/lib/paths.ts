// Where the e2e harness keeps things: the repo root, the ignored install cache (.vscode-test/) and the
// artifacts folder. One module so every part agrees on the layout.
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');
/** Install cache: Node 24, code-server, package staging. Ignored by git. */
export const workDir = process.env.E2E_WORK_DIR
  ? resolve(process.env.E2E_WORK_DIR)
  : join(repoRoot, '.vscode-test');
export const artifactsRoot = join(repoRoot, 'artifacts');
export const e2eArtifacts = join(artifactsRoot, 'e2e');
