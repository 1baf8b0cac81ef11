// Shared fixtures for the query engine tests: StackQL's published examples verbatim (test/fixtures/stackql)
// and their corrected forms.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const FIXTURES = join('test', 'fixtures', 'stackql');

/** The fixtures sit under test/fixtures in the repository; bundled copies of the tests (e2e) live deeper, so walk up. */
function fixture(name: string): string {
  const rel = join(FIXTURES, name);
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, rel))) return readFileSync(join(dir, rel), 'utf8').replace(/\n$/, '');
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`cannot find ${rel} in any folder above ${__dirname}`);
}

/** The seed's SELECT example exactly as published (omits authServerId and clientId). */
export const SEED_SELECT = fixture('refresh_tokens.select.iql');
/** The seed's DELETE example exactly as published (its `;` sits inside the trailing comment). */
export const SEED_DELETE = fixture('refresh_tokens.delete.iql');

export const CORRECTED = {
  list: "SELECT id, userId, status, scopes, expiresAt\nFROM okta.authorizationservers.refresh_tokens\nWHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1'\n  AND expand = 'scope';",
  get: "SELECT * FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1' AND tokenId = 'oar1';",
  revokeOne:
    "DELETE FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1' AND tokenId = 'oar1';",
  revokeAll:
    "DELETE FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1';",
};

/** Runs fn while counting the characters String methods that scan a string may read. */
export function countScanned<T>(fn: () => T): { value: T; scanned: number } {
  const proto = String.prototype as unknown as Record<string, (...a: unknown[]) => unknown>;
  const names = [
    'endsWith',
    'startsWith',
    'includes',
    'indexOf',
    'lastIndexOf',
    'search',
    'match',
    'matchAll',
    'replace',
    'replaceAll',
    'split',
    'trim',
    'trimEnd',
    'trimStart',
  ];
  const saved = names.map((n) => proto[n]!);
  let scanned = 0;
  names.forEach((n, k) => {
    const real = saved[k]!;
    proto[n] = function (this: string, ...args: unknown[]) {
      const result = real.apply(this, args);
      if (n === 'indexOf') {
        // indexOf(x, from) reads from `from` up to where x is found (or to the end).
        const from = typeof args[1] === 'number' ? Math.max(0, args[1]) : 0;
        const found = result as number;
        scanned += found >= 0 ? found + String(args[0]).length - from : this.length - from;
      } else scanned += this.length; // every other method may read the whole receiver
      return result;
    };
  });
  try {
    return { value: fn(), scanned };
  } finally {
    names.forEach((n, k) => (proto[n] = saved[k]!));
  }
}
