// Values we write into statements (Open/Copy as Query, quick fixes, completion) must read back unchanged.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queryForNode } from '../../../src/extension/query/openAsQuery';
import { analyzeDocument } from '../../../src/query/analyzer';
import { lex } from '../../../src/query/lexer';
import { sqlString, sqlStringBody } from '../../../src/query/sqlString';

const awkward = ['plain', "O'Brien", 'ends with a backslash\\', 'C:\\temp\\new', "\\'", "''", ''];

test('a value written as a string literal reads back as the same value, quotes and backslashes included', () => {
  for (const v of awkward) {
    const [t, ...rest] = lex(sqlString(v));
    assert.equal(t?.kind, 'string', v);
    assert.equal(t.unterminated, undefined, v);
    assert.equal(t.value, v);
    assert.deepEqual(rest, []);
    // Typed inside an open quote, the body plus the closing quote is the same literal.
    assert.equal(lex(`'${sqlStringBody(v)}'`)[0]?.value, v);
  }
});

test('Open as Query on ids holding a backslash or a quote names exactly those ids', () => {
  const clientId = '0oa\\';
  const authServerId = "aus'1\\x";
  const q = queryForNode({ orgUrl: 'https://acme.okta.com', connectionName: 'Acme', authServerId, clientId });
  const doc = analyzeDocument(q);
  assert.deepEqual(doc.diagnostics, [], q);
  const given = doc.statements[0]!.givenParams;
  assert.equal(given.get('clientId')?.value, clientId);
  assert.equal(given.get('authServerId')?.value, authServerId);
});
