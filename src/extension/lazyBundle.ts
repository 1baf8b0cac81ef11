// Loads a part of the extension that ships as its own bundle in dist/ (the Okta client with its HTTP
// stack, the language client) the first time it is needed, so activation only pays for what it uses.
// From source (unit tests under tsx) there is no bundle, and the source module is loaded instead; its
// path is built at run time so esbuild does not pull it into the extension bundle.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const loaded = new Map<string, unknown>();

/**
 * @param bundle file name in dist/, next to extension.js
 * @param sourceSegments the source module's path relative to this file, split into segments
 */
export function lazyBundle<T>(bundle: string, sourceSegments: string[]): T {
  let mod = loaded.get(bundle);
  if (!mod) {
    const bundled = join(__dirname, bundle);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(existsSync(bundled) ? bundled : ['.', ...sourceSegments].join('/'));
    loaded.set(bundle, mod);
  }
  return mod as T;
}
