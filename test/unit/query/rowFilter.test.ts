// Local evaluation of WHERE filters, json_extract, ORDER BY and projection on rows, and the result
// serializers — the part of a query the API cannot do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/query/analyzer';
import { jsonExtract, matches, project, sortRows, type Row } from '../../../src/query/rowFilter';
import { toCsv, toJson, toTable } from '../../../src/query/serialize';
import type { SelectPlan } from '../../../src/query/planner';

const R = 'okta.authorizationservers.refresh_tokens';
const rows: Row[] = [
  {
    id: 'oar1',
    userId: 'u1',
    status: 'ACTIVE',
    scopes: ['openid', 'offline_access'],
    expiresAt: '2026-03-01T00:00:00.000Z',
    _embedded: { scopes: [{ name: 'openid' }] },
  },
  {
    id: 'oar2',
    userId: 'u2',
    status: 'REVOKED',
    scopes: ['offline_access'],
    expiresAt: '2025-12-01T00:00:00.000Z',
  },
  { id: 'oar3', userId: 'U3', status: 'ACTIVE', scopes: [], expiresAt: null },
];

function plan(where: string, tail = ''): SelectPlan {
  const doc = analyzeDocument(
    `SELECT id, json_extract(_embedded, '$.scopes[0].name') AS first FROM ${R} WHERE subdomain='a' AND authServerId='s' AND clientId='c' AND ${where} ${tail};`,
  );
  const p = doc.statements[0]!.plan;
  assert.ok(p && p.kind === 'select', JSON.stringify(doc.diagnostics));
  return p;
}
const ids = (p: SelectPlan) => rows.filter((r) => p.filters.every((f) => matches(r, f))).map((r) => r.id);

test('=, !=, LIKE (case-insensitive), IN, IS NULL, AND/OR/NOT on fields', () => {
  assert.deepEqual(ids(plan("status = 'ACTIVE'")), ['oar1', 'oar3']);
  assert.deepEqual(ids(plan("status != 'ACTIVE'")), ['oar2']);
  assert.deepEqual(ids(plan("userId LIKE 'u%'")), ['oar1', 'oar2', 'oar3']);
  assert.deepEqual(ids(plan("userId IN ('u1', 'u2')")), ['oar1', 'oar2']);
  assert.deepEqual(ids(plan("userId NOT IN ('u1')")), ['oar2', 'oar3']);
  assert.deepEqual(ids(plan('expiresAt IS NULL')), ['oar3']);
  assert.deepEqual(ids(plan("(status = 'REVOKED' OR userId = 'U3') AND NOT id = 'oar3'")), ['oar2']);
});

test('date-times compare in time order; NULL never matches a comparison; arrays match a member', () => {
  assert.deepEqual(ids(plan("expiresAt > '2026-01-01'")), ['oar1']);
  assert.deepEqual(ids(plan("expiresAt < '2026-01-01'")), ['oar2']);
  assert.deepEqual(ids(plan("scopes = 'openid'")), ['oar1']);
  assert.deepEqual(ids(plan("scopes LIKE 'offline%'")), ['oar1', 'oar2']);
});

test('json_extract in projections and filters; ORDER BY with NULLs first ascending', () => {
  assert.equal(jsonExtract({ a: [{ b: 2 }] }, '$.a[0].b'), 2);
  assert.equal(jsonExtract('{"a":{"b":"x"}}', '$.a.b'), 'x');
  assert.equal(jsonExtract({ a: 1 }, '$.missing.deeper'), undefined);
  const p = plan("json_extract(_embedded, '$.scopes[0].name') = 'openid'");
  assert.deepEqual(ids(p), ['oar1']);
  assert.deepEqual(project(rows[0]!, p.projection, []), { id: 'oar1', first: 'openid' });
  const sorted = sortRows(rows, plan("status = 'ACTIVE'", 'ORDER BY expiresAt').orderBy).map((r) => r.id);
  assert.deepEqual(sorted, ['oar3', 'oar2', 'oar1']);
  const desc = sortRows(rows, plan("status = 'ACTIVE'", 'ORDER BY expiresAt DESC').orderBy).map((r) => r.id);
  assert.deepEqual(desc, ['oar1', 'oar2', 'oar3']);
});

test('CSV quotes what needs quoting, JSON keeps types, the table truncates long cells', () => {
  const cols = ['id', 'note', 'scopes'];
  const data = [{ id: 'a', note: 'has, comma and "quotes"\nnewline', scopes: ['x', 'y'] }];
  assert.equal(
    toCsv(cols, data),
    'id,note,scopes\r\na,"has, comma and ""quotes""\nnewline","[""x"",""y""]"\r\n',
  );
  assert.deepEqual(JSON.parse(toJson(cols, data)), [{ id: 'a', note: data[0]!.note, scopes: ['x', 'y'] }]);
  const t = toTable(['id'], [{ id: 'x'.repeat(100) }]);
  assert.ok(t.split('\n')[3]!.includes('…'));
});
