// Shared fixtures for the query engine tests: the seed page's examples verbatim and their corrected forms.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const SEED = join('shared', 'seed', '000_5f47acda6922d3d0.txt');

/** The seed sits in ../shared beside the repository; bundled copies of the tests (e2e) live deeper, so walk up. */
function findSeed(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = dirname(dir)) {
      if (existsSync(join(dir, SEED))) return join(dir, SEED);
      if (dirname(dir) === dir) break;
    }
  }
  throw new Error(`cannot find ${SEED} in any folder above ${__dirname}`);
}

const seed = readFileSync(findSeed(), 'utf8');

function between(from: string, to: string): string {
  const a = seed.indexOf(from);
  const b = seed.indexOf(to, a);
  if (a < 0 || b < 0) throw new Error(`seed page changed: cannot find ${from}`);
  return seed.slice(a, b + to.length);
}

/** The seed's SELECT example exactly as published (omits authServerId and clientId). */
export const SEED_SELECT = between('SELECT\nid,', "AND limit = '{{ limit }}';");
/** The seed's DELETE example exactly as published (its `;` sits inside the trailing comment). */
export const SEED_DELETE = between('DELETE FROM okta.authorizationservers.refresh_tokens', '--required;');

export const CORRECTED = {
  list: "SELECT id, userId, status, scopes, expiresAt\nFROM okta.authorizationservers.refresh_tokens\nWHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1'\n  AND expand = 'scope';",
  get: "SELECT * FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1' AND tokenId = 'oar1';",
  revokeOne:
    "DELETE FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1' AND tokenId = 'oar1';",
  revokeAll:
    "DELETE FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1';",
};
