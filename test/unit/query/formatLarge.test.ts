// Formatting a very large statement (20,000 ids in IN (…)) gives the right text and does work in
// proportion to it. The work is counted, not timed: every call of a String method that scans its
// receiver (endsWith, replace, indexOf, trimEnd, …) adds the characters it may read. The formatter used
// to ask the growing output `endsWith` and trim it with a RegExp once per token, which re-read the
// whole output each time (20 s for this statement, with the language server blocked).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument } from '../../../src/query/analyzer';
import { applyEdits, formatDocument, type TextEdit } from '../../../src/query/format';
import { countScanned } from './helpers';

const R = 'okta.authorizationservers.refresh_tokens';
const ids = Array.from({ length: 20_000 }, (_, i) => `'oar${String(i).padStart(17, '0')}'`);

test('formatting 20,000 ids in IN (…) gives one clause per line and reads the text a bounded number of times', () => {
  const text =
    `select id, expiresAt from ${R} where subdomain='acme' and authServerId='aus1' and clientId='0oa1' ` +
    `and id in (${ids.join(',')}) -- the ids\n order by expiresAt desc limit 5;`;
  const doc = analyzeDocument(text);
  const { value: edits, scanned } = countScanned((): TextEdit[] => formatDocument(doc));
  const out = applyEdits(text, edits);
  assert.equal(
    out,
    [
      'SELECT id, expiresAt',
      `FROM ${R}`,
      "WHERE subdomain = 'acme'",
      "  AND authServerId = 'aus1'",
      "  AND clientId = '0oa1'",
      `  AND id IN (${ids.join(', ')}) -- the ids`,
      'ORDER BY expiresAt DESC',
      'LIMIT 5;',
    ].join('\n'),
  );
  // Linear: a few readings of the text at most, where re-reading the output per token is ~10^10.
  assert.ok(scanned <= 4 * text.length, `scanned ${scanned} characters for a ${text.length}-character text`);
});

test('formatting many comments with trailing spaces trims them without re-reading the output', () => {
  const body = ids
    .slice(0, 5_000)
    .map((id) => `${id} /* note   \n   more */`)
    .join(',\n');
  const text = `SELECT id FROM ${R} WHERE subdomain = 'acme' AND authServerId = 'a' AND clientId = 'c' AND id IN (${body}) -- end   \n;`;
  const doc = analyzeDocument(text);
  const { value: edits, scanned } = countScanned(() => formatDocument(doc));
  const out = applyEdits(text, edits);
  assert.ok(
    out.includes("'oar00000000000000000' /* note\n   more */, 'oar00000000000000001' /* note\n"),
    out.slice(0, 300),
  );
  assert.ok(out.endsWith('-- end\n  ;'), out.slice(-40));
  assert.ok(scanned <= 4 * text.length, `scanned ${scanned} characters for a ${text.length}-character text`);
});
