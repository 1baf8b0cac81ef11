// Loads the Okta client on first use. The client and its HTTP stack (undici) are a bundle of their own
// (dist/okta.js, built from src/okta), so activation and the extension bundle stay small: nothing
// network-related is loaded until a connection is tested or a tree node is expanded.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type * as Okta from '../../okta';

let loaded: typeof Okta | undefined;

export function oktaModule(): typeof Okta {
  if (!loaded) {
    const bundled = join(__dirname, 'okta.js');
    // From source (unit tests under tsx) there is no bundle; the path is built at run time so esbuild
    // does not pull the client into the extension bundle.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require(existsSync(bundled) ? bundled : ['..', '..', 'okta'].join('/')) as typeof Okta;
  }
  return loaded;
}
