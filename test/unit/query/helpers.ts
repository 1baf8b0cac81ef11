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
