// Shared fixtures for the query engine tests: the seed page's examples verbatim and their corrected forms.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const seedPath = join(__dirname, '../../../../shared/seed/000_5f47acda6922d3d0.txt');
const seed = readFileSync(seedPath, 'utf8');

function between(from: string, to: string): string {
  const a = seed.indexOf(from);
  const b = seed.indexOf(to, a);
  if (a < 0 || b < 0) throw new Error(`seed page changed: cannot find ${from}`);
  return seed.slice(a, b + to.length);
}

/** The seed's SELECT example exactly as published (omits authServerId and clientId). */
export const SEED_SELECT = between('SELECT\nid,', "AND limit = '{{ limit }}';");
/** The seed's DELETE example exactly as published (its `;` sits inside the trailing comment). */
export const SEED_DELETE = between('DELETE FROM okta.authorizationservers.refresh_tokens', "--required;");

export const CORRECTED = {
  list: "SELECT id, userId, status, scopes, expiresAt\nFROM okta.authorizationservers.refresh_tokens\nWHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1'\n  AND expand = 'scope';",
  get: "SELECT * FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1' AND tokenId = 'oar1';",
  revokeOne: "DELETE FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1' AND tokenId = 'oar1';",
  revokeAll: "DELETE FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1';",
};
