// Property-based fuzzing (fast-check) of the splitter, parser, analyzer and formatter: on any input
// they never throw, every range lies inside the document, and formatting twice equals formatting once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeDocument, StatementCache } from '../../../src/query/analyzer';
import { splitStatements } from '../../../src/query/splitter';
import { applyEdits, formatDocument } from '../../../src/query/format';
import { complete, completionContext, completionItems } from '../../../src/query/completion';
import { hoverAt, idHoverAt } from '../../../src/query/hover';
import { semanticTokens } from '../../../src/query/semanticTokens';
import { CORRECTED, SEED_DELETE, SEED_SELECT } from './helpers';

const words = [
  'SELECT',
  'select',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'DELETE',
  'SHOW',
  'METHODS',
  'IN',
  'DESCRIBE',
  'EXTENDED',
  'ORDER',
  'BY',
  'DESC',
  'LIMIT',
  'LIKE',
  'IS',
  'NULL',
  'okta',
  '.',
  'authorizationservers',
  'refresh_tokens',
  'clients',
  'subdomain',
  'authServerId',
  'clientId',
  'tokenId',
  'status',
  'limit',
  'expand',
  'id',
  'userId',
  '=',
  '!=',
  '<',
  '>',
  '<=',
  ',',
  ';',
  '(',
  ')',
  '*',
  "'acme'",
  "'{{ subdomain }}'",
  '{{ x }}',
  '200',
  '500',
  "'",
  '"',
  '`',
  '--c\n',
  '/* c */',
  '/*+ FANOUT */',
  '/*',
  '\n',
  ' ',
  'json_extract',
  "'$.scopes'",
  '@@',
  '{{',
];
const tokenSoup = fc.array(fc.constantFrom(...words), { maxLength: 40 }).map((a) => a.join(' '));
const text = fc.oneof(
  tokenSoup,
  fc.string({ maxLength: 200 }),
  fc
    .constantFrom(SEED_SELECT, SEED_DELETE, ...Object.values(CORRECTED))
    .chain((s) =>
      fc
        .tuple(fc.nat(s.length), fc.nat(s.length), fc.string({ maxLength: 5 }))
        .map(([a, b, ins]) => s.slice(0, Math.min(a, b)) + ins + s.slice(Math.max(a, b))),
    ),
);

test('splitter: statements are ordered, disjoint and inside the text', () => {
  fc.assert(
    fc.property(text, (t) => {
      let last = 0;
      for (const s of splitStatements(t)) {
        assert.ok(s.start >= last && s.end <= t.length && s.start <= s.end);
        last = s.end;
      }
    }),
    { numRuns: 600 },
  );
});

test('analyzer never throws; every diagnostic range lies inside the document', () => {
  fc.assert(
    fc.property(text, (t) => {
      const doc = analyzeDocument(t);
      for (const d of doc.diagnostics) {
        assert.ok(
          d.start >= 0 && d.end <= t.length && d.start <= d.end,
          `${d.message} ${d.start}-${d.end} of ${t.length}`,
        );
        assert.ok(!d.message.startsWith('internal'), d.message);
      }
    }),
    { numRuns: 800 },
  );
});

test('formatting is idempotent and keeps every non-space character', () => {
  fc.assert(
    fc.property(text, (t) => {
      const once = applyEdits(t, formatDocument(analyzeDocument(t)));
      const twice = applyEdits(once, formatDocument(analyzeDocument(once)));
      assert.equal(twice, once);
      // Only whitespace and keyword case change.
      const squash = (s: string) => s.replace(/\s+/g, '').toLowerCase();
      assert.equal(squash(once), squash(t));
    }),
    { numRuns: 600 },
  );
});

test('completion, hover and semantic tokens never throw at any offset', () => {
  fc.assert(
    fc.property(text, fc.nat(), (t, n) => {
      const off = t.length === 0 ? 0 : n % (t.length + 1);
      const doc = analyzeDocument(t);
      for (const item of complete(t, off))
        assert.ok(item.replace.start <= off && item.replace.end >= off - 0 && item.replace.end <= t.length);
      const h = hoverAt(doc, off);
      if (h) assert.ok(h.start <= off && off <= h.end);
      const id = idHoverAt(doc, off);
      if (id) assert.ok(id.start <= off && off < id.end && t.slice(id.start, id.end).includes(id.value));
      const data = semanticTokens(doc);
      assert.equal(data.length % 5, 0);
    }),
    { numRuns: 500 },
  );
});

test('statement cache: analysing an edited document with the previous cache equals a fresh analysis', () => {
  fc.assert(
    fc.property(text, text, fc.nat(), (a, ins, n) => {
      const cache = new StatementCache();
      analyzeDocument(a, {}, cache);
      const at = a.length === 0 ? 0 : n % (a.length + 1);
      const b = a.slice(0, at) + ins + a.slice(at);
      const warm = analyzeDocument(b, {}, cache);
      const cold = analyzeDocument(b);
      assert.deepEqual(warm.diagnostics, cold.diagnostics);
      assert.deepEqual(semanticTokens(warm), semanticTokens(cold));
      assert.deepEqual(formatDocument(warm), formatDocument(cold));
      const off = b.length === 0 ? 0 : n % (b.length + 1);
      assert.deepEqual(hoverAt(warm, off), hoverAt(cold, off));
      assert.deepEqual(complete(b, off), completionItems(completionContext(b, off, warm)));
    }),
    { numRuns: 400 },
  );
});
