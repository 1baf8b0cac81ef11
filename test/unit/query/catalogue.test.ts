// The checked-in catalogue must equal what the generator makes from Okta's spec today (drift test),
// and must carry the facts the seed page gets wrong (required authServerId / clientId / tokenId).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findResource } from '../../../src/query/catalogue';

const root = join(__dirname, '../../..');

test('catalogue JSON is exactly what scripts/gen-catalogue.mjs generates from the spec (no drift)', async () => {
  const gen = (await import(pathToFileURL(join(root, 'scripts/gen-catalogue.mjs')).href)) as {
    buildCatalogue(t: string): unknown;
    render(c: unknown): string;
    DEFAULT_SPEC: string;
  };
  const fresh = gen.render(gen.buildCatalogue(readFileSync(gen.DEFAULT_SPEC, 'utf8')));
  const checkedIn = readFileSync(join(root, 'src/query/catalogue/okta.catalogue.json'), 'utf8');
  assert.equal(checkedIn, fresh, 'catalogue drifted from the spec; run: node scripts/gen-catalogue.mjs');
});

test('refresh_tokens has the four methods with the real required parameters', () => {
  const r = findResource('authorizationservers', 'refresh_tokens')!;
  const byName = Object.fromEntries(r.methods.map((m) => [m.name, m]));
  assert.deepEqual(byName.list_refresh_tokens_for_authorization_server_and_client!.required, [
    'subdomain',
    'authServerId',
    'clientId',
  ]);
  assert.deepEqual(byName.list_refresh_tokens_for_authorization_server_and_client!.optional, [
    'expand',
    'after',
    'limit',
  ]);
  assert.deepEqual(byName.get_refresh_token_for_authorization_server_and_client!.required, [
    'subdomain',
    'authServerId',
    'clientId',
    'tokenId',
  ]);
  assert.equal(byName.revoke_refresh_tokens_for_authorization_server_and_client!.sqlVerb, 'delete');
  assert.equal(byName.revoke_refresh_token_for_authorization_server_and_client!.httpMethod, 'DELETE');
  const status = r.fields.find((f) => f.name === 'status')!;
  assert.deepEqual(status.enum, ['ACTIVE', 'REVOKED']);
  assert.equal(r.fields.find((f) => f.name === 'expiresAt')!.format, 'date-time');
});

test('every resource named in the issue is in the catalogue with fields and a SELECT method', () => {
  for (const name of [
    'authorization_servers',
    'clients',
    'refresh_tokens',
    'scopes',
    'claims',
    'policies',
    'rules',
    'keys',
    'associated_servers',
  ]) {
    const r = findResource('authorizationservers', name);
    assert.ok(r, name);
    assert.ok(r.fields.length > 0, `${name} has fields`);
    assert.ok(
      r.methods.some((m) => m.sqlVerb === 'select'),
      `${name} has a SELECT method`,
    );
  }
});
