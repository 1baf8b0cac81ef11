// Engine behaviour a user sees: the seed examples' diagnostics, every diagnostic code, method choice
// (most specific, never YAML order), bulk revoke, fan-out, placeholders and SHOW/DESCRIBE answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument, type AnalyzedDocument } from '../../../src/query/analyzer';
import { quickFixes } from '../../../src/query/fixes';
import { applyEdits } from '../../../src/query/format';
import { CORRECTED, SEED_DELETE, SEED_SELECT } from './helpers';

const codes = (d: AnalyzedDocument) => d.diagnostics.map((x) => x.code);
const R = 'okta.authorizationservers.refresh_tokens';
const S = 'okta.authorizationservers';

test('seed SELECT (verbatim) draws StackQL\'s "missing required parameters" error on its WHERE, plus a fan-out offer', () => {
  const doc = analyzeDocument(SEED_SELECT);
  const miss = doc.diagnostics.find((d) => d.code === 'missing-required-params')!;
  assert.equal(miss.severity, 'error');
  assert.equal(
    miss.message,
    'query cannot be executed, missing required parameters: { authServerId, clientId }',
  );
  assert.equal(SEED_SELECT.slice(miss.start, miss.start + 5), 'WHERE');
  const fan = doc.diagnostics.find((d) => d.code === 'fanout')!;
  assert.equal(fan.severity, 'warning');
  assert.equal(doc.statements[0]!.plan, undefined, 'not runnable as published');
  assert.equal(codes(doc).filter((c) => c === 'unfilled-placeholder').length, 4);
});

test('the quick fix for the seed SELECT inserts the parameters, filled from cached ids, and the result is runnable', () => {
  const doc = analyzeDocument(SEED_SELECT);
  const miss = doc.diagnostics.find((d) => d.code === 'missing-required-params')!;
  const fixes = quickFixes(miss, {
    choices: [{ values: { authServerId: 'aus1', clientId: '0oa1' }, labels: { authServerId: 'default' } }],
  });
  assert.match(fixes[0]!.title, /authServerId = aus1 \(default\), clientId = 0oa1/);
  const fixed = applyEdits(SEED_SELECT, fixes[0]!.edits);
  assert.match(fixed, /AND limit = '\{\{ limit \}\}' AND authServerId = 'aus1' AND clientId = '0oa1';$/);
  const vars = { subdomain: 'acme', expand: 'scope', after: 'x', limit: '50' };
  const again = analyzeDocument(fixed, { vars });
  assert.deepEqual(codes(again), []);
  const plan = again.statements[0]!.plan!;
  assert.equal(plan.kind, 'select');
  if (plan.kind === 'select') {
    assert.equal(plan.method.name, 'list_refresh_tokens_for_authorization_server_and_client');
    assert.deepEqual(plan.params, {
      subdomain: 'acme',
      expand: 'scope',
      after: 'x',
      limit: '50',
      authServerId: 'aus1',
      clientId: '0oa1',
    });
  }
  // Without cached ids the fix uses placeholders, which then warn as unfilled.
  const ph = quickFixes(miss, {});
  assert.match(applyEdits(SEED_SELECT, ph[0]!.edits), /authServerId = '\{\{ authServerId \}\}'/);
});

test('seed DELETE (verbatim, its ; inside the comment) misses the same parameters', () => {
  const doc = analyzeDocument(SEED_DELETE);
  assert.equal(doc.statements.length, 1);
  const miss = doc.diagnostics.find((d) => d.code === 'missing-required-params')!;
  assert.match(miss.message, /missing required parameters: \{ authServerId, clientId \}/);
});

test('corrected examples analyse clean and pick the most specific method', () => {
  const pick = (q: string) => {
    const d = analyzeDocument(q);
    const p = d.statements[0]!.plan;
    return { p, codes: codes(d) };
  };
  const list = pick(CORRECTED.list);
  assert.deepEqual(list.codes, []);
  assert.equal(
    list.p?.kind === 'select' && list.p.method.name,
    'list_refresh_tokens_for_authorization_server_and_client',
  );
  const get = pick(CORRECTED.get);
  assert.equal(
    get.p?.kind === 'select' && get.p.method.name,
    'get_refresh_token_for_authorization_server_and_client',
  );
  const one = pick(CORRECTED.revokeOne);
  assert.deepEqual(one.codes, []);
  assert.equal(
    one.p?.kind === 'delete' && one.p.method.name,
    'revoke_refresh_token_for_authorization_server_and_client',
  );
  assert.equal(one.p?.kind === 'delete' && one.p.bulk, false);
  const all = pick(CORRECTED.revokeAll);
  assert.deepEqual(all.codes, ['bulk-revoke']);
  assert.equal(all.p?.kind === 'delete' && all.p.bulk, true);
});

test('unknown service, resource, column and parameter get "did you mean" and a replace fix', () => {
  const doc = analyzeDocument(
    `SELECT id FROM okta.authorizationserver.refresh_tokens WHERE subdomain='a';\n` +
      `SELECT id FROM okta.authorizationservers.refresh_tokenz WHERE subdomain='a';\n` +
      `SELECT id, statuz FROM ${R} WHERE subdomain='a' AND authServerId='x' AND clientId='y';\n` +
      `SELECT id FROM ${R} WHERE subdomain='a' AND authServerID2='x' AND clientId='y' AND userid = 'u';\n` +
      `SELECT id FROM oktaa.authorizationservers.refresh_tokens;`,
  );
  const msgs = doc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  assert.ok(
    msgs.includes(
      "unknown service 'authorizationserver' in provider okta; did you mean 'authorizationservers'?",
    ),
    msgs.join('\n'),
  );
  assert.ok(
    msgs.includes(
      "unknown resource 'refresh_tokenz' in okta.authorizationservers; did you mean 'refresh_tokens'?",
    ),
  );
  assert.ok(msgs.includes(`unknown column 'statuz' of ${R}; did you mean 'status'?`));
  assert.ok(
    msgs.includes(`unknown column or parameter 'authServerID2' of ${R}; did you mean 'authServerId'?`),
  );
  assert.ok(msgs.some((m) => m.startsWith("unknown provider 'oktaa'")));
  const d = doc.diagnostics.find((x) => x.message.includes('statuz'))!;
  const fixed = applyEdits(doc.text, quickFixes(d)[0]!.edits);
  assert.match(fixed, /SELECT id, status FROM/);
});

test('parameters only with = joined by AND; limit over 200; expand only scope', () => {
  const doc = analyzeDocument(
    `SELECT * FROM ${R} WHERE subdomain = 'a' AND authServerId = 'x' AND clientId LIKE '0oa%';\n` +
      `SELECT * FROM ${R} WHERE subdomain = 'a' AND authServerId = 'x' AND clientId = 'y' AND limit = 500;\n` +
      `SELECT * FROM ${R} WHERE subdomain = 'a' AND authServerId = 'x' AND clientId = 'y' AND expand = 'scopes';\n` +
      `SELECT * FROM ${R} WHERE subdomain = 'a' AND (authServerId = 'x' OR authServerId = 'z') AND clientId = 'y';`,
  );
  const [a, b, c, d] = doc.statements;
  assert.ok(a!.diagnostics.some((x) => x.code === 'param-operator' && x.message.includes('not LIKE')));
  const lim = b!.diagnostics.find((x) => x.code === 'limit-too-large')!;
  assert.match(lim.message, /over the API maximum of 200/);
  assert.match(applyEdits(doc.text, quickFixes(lim)[0]!.edits), /AND limit = 200;/);
  assert.ok(
    c!.diagnostics.some((x) => x.code === 'invalid-value' && x.message.includes("accepts only 'scope'")),
  );
  assert.ok(d!.diagnostics.some((x) => x.code === 'param-operator'));
});

test('local filters: fields with =, !=, <, >, LIKE, IN, AND/OR stay local; with them LIMIT is not sent as the page size', () => {
  const doc = analyzeDocument(
    `SELECT id, json_extract(_embedded, '$.scopes') AS sc FROM ${R} WHERE subdomain='a' AND authServerId='x' AND clientId='y' ` +
      `AND (status = 'ACTIVE' OR userId IN ('u1','u2')) AND expiresAt > '2026-01-01' AND issuer LIKE '%default%' AND userId != 'u3' ORDER BY expiresAt DESC LIMIT 500;`,
  );
  assert.deepEqual(codes(doc), []);
  const p = doc.statements[0]!.plan!;
  assert.ok(p.kind === 'select');
  if (p.kind !== 'select') return;
  assert.equal(p.filters.length, 4);
  assert.equal(p.rowLimit, 500);
  // Filters and ORDER BY need every row: LIMIT applies after them, the list goes in pages of 200.
  assert.equal(p.pageSize, undefined);
  assert.deepEqual(p.projection, [
    { name: 'id', field: 'id' },
    { name: 'sc', field: '_embedded', jsonPath: '$.scopes' },
  ]);
});

test('FANOUT hint makes a refresh_tokens SELECT without server/client runnable, with a warning', () => {
  const q = `SELECT id, userId FROM ${R} WHERE subdomain = 'acme' AND userId = '00u1';`;
  const before = analyzeDocument(q);
  const fan = before.diagnostics.find((d) => d.code === 'fanout')!;
  const withHint = applyEdits(q, quickFixes(fan)[0]!.edits);
  assert.match(withHint, /^SELECT \/\*\+ FANOUT \*\/ id/);
  const after = analyzeDocument(withHint);
  assert.deepEqual(codes(after), ['fanout']);
  const p = after.statements[0]!.plan!;
  assert.ok(p.kind === 'select' && p.fanout.join() === 'authServerId,clientId');
  // Only clientId left out: fan out over the server's clients.
  const one = analyzeDocument(
    `SELECT /*+ FANOUT */ * FROM ${R} WHERE subdomain = 'acme' AND authServerId = 'aus1';`,
  ).statements[0]!.plan!;
  assert.ok(one.kind === 'select' && one.fanout.join() === 'clientId');
  // subdomain can't be fanned out.
  assert.ok(
    analyzeDocument(`SELECT /*+ FANOUT */ * FROM ${R};`).diagnostics.some(
      (d) => d.code === 'missing-required-params',
    ),
  );
});

test('no WHERE: StackQL\'s "WHERE clause not supplied" wording, fix adds a WHERE', () => {
  const q = `SELECT * FROM ${R};`;
  const d = analyzeDocument(q).diagnostics.find((x) => x.code === 'missing-required-params')!;
  assert.match(
    d.message,
    /^WHERE clause not supplied.*missing required parameters: \{ subdomain, authServerId, clientId \}$/,
  );
  const fixed = applyEdits(
    q,
    quickFixes(d, { choices: [{ values: { subdomain: 'acme', authServerId: 'a', clientId: 'c' } }] })[0]!
      .edits,
  );
  assert.equal(
    fixed,
    `SELECT * FROM ${R}\nWHERE subdomain = 'acme' AND authServerId = 'a' AND clientId = 'c';`,
  );
  assert.deepEqual(codes(analyzeDocument(fixed)), []);
});

test('connection directive or a given connection satisfies subdomain', () => {
  const q = `-- connection: Local emulator  \nSELECT * FROM ${R} WHERE authServerId = 'a' AND clientId = 'c';`;
  const doc = analyzeDocument(q);
  assert.deepEqual(codes(doc), []);
  const p = doc.statements[0]!.plan!;
  assert.ok(p.kind === 'select' && p.connection === 'Local emulator', 'names may contain spaces');
  assert.deepEqual(
    codes(
      analyzeDocument(`SELECT * FROM ${R} WHERE authServerId = 'a' AND clientId = 'c';`, {
        connectionGiven: true,
      }),
    ),
    [],
  );
});

test('unsupported statements and clauses say so clearly', () => {
  const doc = analyzeDocument(
    `INSERT INTO ${R} (x) VALUES (1);\nUPDATE x SET y = 1;\nSELECT * FROM ${R} a JOIN ${R} b ON a.id = b.id;\nDELETE FROM okta.authorizationservers.scopes WHERE subdomain='a' AND authServerId='x' AND scopeId='s';\nSELECT count(*) FROM ${R} WHERE subdomain='a' AND authServerId='x' AND clientId='y';`,
  );
  const msgs = doc.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
  assert.ok(msgs.some((m) => m.startsWith('INSERT statements are not supported')));
  assert.ok(msgs.some((m) => m.startsWith('UPDATE statements are not supported')));
  assert.ok(msgs.some((m) => m.startsWith('JOIN is not supported')));
  assert.ok(msgs.some((m) => m.startsWith('DELETE on okta.authorizationservers.scopes is not supported')));
  assert.ok(msgs.some((m) => m.startsWith('function count() is not supported')));
});

test('SHOW and DESCRIBE are answered from the catalogue', () => {
  const doc = analyzeDocument(
    `SHOW SERVICES IN okta; SHOW RESOURCES IN okta.authorizationservers; SHOW METHODS IN ${R}; SHOW EXTENDED METHODS IN ${R}; DESCRIBE EXTENDED ${R};`,
  );
  assert.deepEqual(codes(doc), []);
  const [svc, res, meth, ext, desc] = doc.statements.map((s) => s.plan!);
  assert.deepEqual(svc?.kind === 'meta' && svc.rows.map((r) => r.name), [
    'authorizationservers',
    'users',
    'apps',
    'logs',
  ]);
  assert.ok(res?.kind === 'meta' && res.rows.length === 9);
  assert.ok(
    meth?.kind === 'meta' &&
      meth.rows.some(
        (r) =>
          r.MethodName === 'list_refresh_tokens_for_authorization_server_and_client' &&
          r.RequiredParams === 'subdomain, authServerId, clientId' &&
          r.SQLVerb === 'SELECT',
      ),
  );
  assert.ok(ext?.kind === 'meta' && ext.columns.includes('HTTP'));
  assert.ok(
    desc?.kind === 'meta' &&
      desc.rows.some((r) => r.name === 'expiresAt' && r.type === 'string (date-time)' && r.description),
  );
});

test('a syntax error in one statement does not block the next one', () => {
  const doc = analyzeDocument(`SELECT FROM WHERE;\n${CORRECTED.get}`);
  assert.ok(doc.statements[0]!.diagnostics.some((d) => d.code === 'syntax'));
  assert.deepEqual(doc.statements[1]!.diagnostics, []);
  assert.ok(doc.statements[1]!.plan);
});

test('unterminated string stops at the end of its line', () => {
  const doc = analyzeDocument(`SELECT * FROM ${R} WHERE subdomain = 'acme\n;\n${CORRECTED.get}`);
  assert.ok(doc.diagnostics.some((d) => d.message === 'this string is missing its closing quote'));
  assert.ok(doc.statements.some((s) => s.plan?.kind === 'select'));
});

test('subdomain must be one DNS label: anything that could name another host is an error and nothing is planned', () => {
  const at = (sub: string) =>
    `SELECT id FROM ${R} WHERE subdomain = '${sub}' AND authServerId = 'aus1' AND clientId = '0oa1';`;
  for (const bad of [
    'evil.example#',
    'evil.example/x',
    'acme.evil.com',
    'a?b',
    'user@evil',
    'acme:8443',
    '-acme',
    'acme-',
    'a'.repeat(64),
  ]) {
    const doc = analyzeDocument(at(bad));
    const d = doc.diagnostics.find((x) => x.code === 'invalid-value');
    assert.ok(d, bad);
    assert.equal(d.severity, 'error');
    assert.match(d.message, /is not a single DNS label/);
    assert.equal(doc.statements[0]!.plan, undefined, bad);
  }
  for (const good of ['acme', 'dev-123', 'A1', 'a'.repeat(63)])
    assert.deepEqual(codes(analyzeDocument(at(good))), [], good);
  // A placeholder filled with a bad value is caught the same way.
  const ph = `SELECT id FROM ${R} WHERE subdomain = {{ org }} AND authServerId = 'aus1' AND clientId = '0oa1';`;
  const filled = analyzeDocument(ph, { vars: { org: 'evil.example#' } });
  assert.ok(filled.diagnostics.some((d) => d.code === 'invalid-value' && d.severity === 'error'));
  assert.equal(filled.statements[0]!.plan, undefined);
});

test('an empty or blank path parameter is an error (literal or filled placeholder); nothing is planned', () => {
  const del = (tokenId: string, server = "'aus1'", client = "'0oa1'") =>
    `DELETE FROM ${R} WHERE subdomain = 'acme' AND authServerId = ${server} AND clientId = ${client} AND tokenId = ${tokenId};`;
  for (const sql of [
    del("''"),
    del("'   '"),
    del("'oar1'", "''"),
    del("'oar1'", "'aus1'", "''"),
    `SELECT * FROM ${R} WHERE subdomain = 'acme' AND authServerId = '' AND clientId = '0oa1';`,
    `SELECT * FROM ${S}.scopes WHERE subdomain = 'acme' AND authServerId = 'aus1' AND scopeId = '';`,
    `SELECT id FROM ${R} WHERE subdomain = '' AND authServerId = 'aus1' AND clientId = '0oa1';`,
  ]) {
    const doc = analyzeDocument(sql);
    const d = doc.diagnostics.find((x) => x.code === 'invalid-value');
    assert.ok(d && d.severity === 'error' && /is empty/.test(d.message), sql);
    assert.equal(doc.statements[0]!.plan, undefined, sql);
  }
  const ph = del('{{ t }}');
  const blank = analyzeDocument(ph, { vars: { t: '' } });
  assert.ok(blank.diagnostics.some((d) => d.code === 'invalid-value' && /tokenId is empty/.test(d.message)));
  assert.equal(blank.statements[0]!.plan, undefined);
  const inString = analyzeDocument(del("'{{ t }}'"), { vars: { t: ' ' } });
  assert.equal(inString.statements[0]!.plan, undefined);
  const ok = analyzeDocument(ph, { vars: { t: 'oar1' } });
  assert.deepEqual(codes(ok), []);
  assert.equal(ok.statements[0]!.plan?.kind, 'delete');
});

test('a misspelt statement verb gets "did you mean" and a quick fix that makes the statement valid', () => {
  const text = `selec id FROM ${R} WHERE subdomain = 'acme' AND authServerId = 'a' AND clientId = 'c';`;
  const doc = analyzeDocument(text);
  assert.equal(doc.diagnostics.length, 1);
  const d = doc.diagnostics[0]!;
  assert.equal(
    d.message,
    "expected a statement (SELECT, DELETE, EXEC, SHOW or DESCRIBE) but found 'selec'; did you mean 'SELECT'?",
  );
  const [fix] = quickFixes(d);
  assert.equal(fix?.title, "Change to 'SELECT'");
  const fixed = applyEdits(text, fix!.edits);
  assert.deepEqual(analyzeDocument(fixed).diagnostics, []);
  // DELET and SHWO are caught too; a word that is no verb at all gets no guess.
  for (const [typo, verb] of [
    [`DELET FROM ${R} WHERE subdomain = 'acme' AND authServerId = 'a' AND clientId = 'c';`, 'DELETE'],
    [`SHWO SERVICES;`, 'SHOW'],
  ] as const)
    assert.match(analyzeDocument(typo).diagnostics[0]!.message, new RegExp(`did you mean '${verb}'\\?$`));
  assert.doesNotMatch(analyzeDocument('FROBNICATE x;').diagnostics[0]!.message, /did you mean/);
});

test('a placeholder named like an Object.prototype member (toString, constructor, __proto__) is unfilled, never a function', () => {
  for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf']) {
    for (const value of [`{{ ${name} }}`, `'{{ ${name} }}'`]) {
      const sql = `SELECT id FROM ${R} WHERE subdomain = 'acme' AND authServerId = ${value} AND clientId = '0oa1';`;
      const doc = analyzeDocument(sql, { vars: {} });
      assert.deepEqual(codes(doc), ['unfilled-placeholder'], sql);
      assert.ok(!doc.diagnostics.some((d) => d.message.startsWith('internal')), sql);
      // Once given, the value is the one passed, also for these names.
      const given = analyzeDocument(sql, { vars: { [name]: 'aus9' } });
      assert.deepEqual(codes(given), [], sql);
      const plan = given.statements[0]!.plan!;
      assert.ok(plan.kind === 'select' && plan.params.authServerId === 'aus9', sql);
    }
  }
});

test('LIMIT becomes the page size only when the first rows fetched are the answer', () => {
  const plan = (where: string, tail = '') => {
    const doc = analyzeDocument(`SELECT id FROM ${R} WHERE subdomain = 'acme' AND ${where}${tail};`);
    assert.deepEqual(
      codes(doc).filter((c) => c !== 'fanout'),
      [],
    );
    const p = doc.statements[0]!.plan!;
    assert.ok(p.kind === 'select');
    return p;
  };
  const both = "authServerId = 'aus1' AND clientId = '0oa1'";
  assert.equal(plan(both, ' LIMIT 3').pageSize, 3);
  assert.equal(plan(both, ' LIMIT 500').pageSize, 200);
  // ORDER BY, a local filter, or a tokenId narrowing a fan-out need every row: pages of 200.
  assert.equal(plan(both, ' ORDER BY id DESC LIMIT 3').pageSize, undefined);
  assert.equal(plan(`${both} AND status = 'ACTIVE'`, ' LIMIT 3').pageSize, undefined);
  const fan = analyzeDocument(
    `SELECT /*+ FANOUT */ id FROM ${R} WHERE subdomain = 'acme' AND tokenId = 'oar1' LIMIT 3;`,
  ).statements[0]!.plan!;
  assert.ok(fan.kind === 'select' && fan.fanout.length === 2 && fan.pageSize === undefined);
  // A page size the statement gives itself is sent as written.
  assert.equal(plan(`${both} AND limit = '7' AND status = 'ACTIVE'`, ' LIMIT 3').pageSize, 7);
});
