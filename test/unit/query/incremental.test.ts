// Incremental analysis (what the language server does on every keystroke) against analysis from
// scratch: for random edits of a multi-statement document — typing, deleting, opening strings and
// comments, adding `;` and `-- connection:` lines — the updated analysis has the same statements (ranges,
// syntax trees, connections) and the same diagnostics as analysing the new text from the start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  analyzeDocument,
  diagnosticsByStatement,
  diffEdit,
  reusedStatements,
  statementCount,
  updateDocument,
  StatementCache,
  type AnalyzedDocument,
} from '../../../src/query/analyzer';
import { splitStatements } from '../../../src/query/splitter';

const STATEMENTS = [
  "SELECT id, status FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1';",
  "select id from okta.authorizationservers.refresh_tokens where subdomain = 'acme';",
  "-- connection: Other org\nSELECT name FROM okta.authorizationservers.clients WHERE authServerId = 'aus1';",
  "DELETE FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1' AND tokenId = 'oar1';",
  'SHOW SERVICES IN okta;',
  "/* block */ SELECT * FROM okta.authorizationservers.servers WHERE subdomain = '{{ sub }}' LIMIT 5;",
  "select id, userId from okta.authorizationservers.refresh_tokens where subdomain = 'x' and status = 'ACTIVE' order by id;",
];

const PIECES = [
  ';',
  "'",
  '"',
  '--',
  '-- connection: Acme\n',
  '-- connection: Other org\n',
  '/*',
  '*/',
  '\n',
  ' ',
  'x',
  '{{',
  '}}',
  'SELECT',
  ' WHERE ',
  " AND clientId = '0oa1'",
  'okta.',
  ';\nSELECT 1',
  '12.5',
  '.',
];

/** What must agree: each statement's place, tree, connection and diagnostics, and the document's diagnostics. */
function view(doc: AnalyzedDocument) {
  return {
    statements: doc.statements.map((s) => ({
      start: s.slice.start,
      end: s.slice.end,
      semicolon: s.slice.semicolon?.start,
      codeStart: s.slice.tokens[0]?.start,
      base: s.base,
      connection: s.connection,
      verb: s.verb,
      resource: s.resource?.id,
      stmt: JSON.stringify(s.stmt),
      errors: s.errors,
      diagnostics: s.diagnostics,
      plan: s.plan ? JSON.stringify({ ...s.plan, resource: undefined }) : undefined,
    })),
    diagnostics: doc.diagnostics,
  };
}

const editArb = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.nat(40)),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.constant(''), fc.string({ maxLength: 6 })),
});

test('an edited document analysed incrementally equals the same text analysed from scratch', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...STATEMENTS), { minLength: 1, maxLength: 12 }),
      fc.array(editArb, { minLength: 1, maxLength: 8 }),
      (stmts, edits) => {
        let text = stmts.join('\n');
        const cache = new StatementCache();
        const ctx = { editor: true };
        let doc = analyzeDocument(text, ctx, cache);
        for (const e of edits) {
          const start = e.at % (text.length + 1);
          const end = Math.min(text.length, start + e.remove);
          const next = text.slice(0, start) + e.insert + text.slice(end);
          doc = updateDocument(
            doc,
            next,
            { start, oldEnd: end, newEnd: start + e.insert.length },
            ctx,
            cache,
          );
          text = next;
          assert.deepEqual(view(doc), view(analyzeDocument(text, ctx)));
          // Both cut the text where the splitter over the whole file's tokens cuts it.
          assert.deepEqual(
            doc.statements.map((s) => [s.slice.start, s.slice.end]),
            splitStatements(text)
              .filter((s) => s.tokens.length > 0)
              .map((s) => [s.start, s.end]),
          );
        }
      },
    ),
    { numRuns: 400 },
  );
});

test('a full-text change analysed through its smallest edit equals analysis from scratch', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...STATEMENTS), { minLength: 1, maxLength: 8 }),
      editArb,
      (stmts, e) => {
        const text = stmts.join('\n');
        const start = e.at % (text.length + 1);
        const next = text.slice(0, start) + e.insert + text.slice(Math.min(text.length, start + e.remove));
        const doc = updateDocument(analyzeDocument(text), next, diffEdit(text, next));
        assert.deepEqual(view(doc), view(analyzeDocument(next)));
      },
    ),
    { numRuns: 300 },
  );
});

test('edits of a document with thousands of statements (kept in segments) analyse as from scratch', () => {
  const base = Array.from({ length: 2600 }, (_, i) => STATEMENTS[i % STATEMENTS.length]!).join('\n');
  // The offset just after the n-th ';' that ends a line: where a segment of statements ends or near it.
  const nthSemicolon = (text: string, n: number) => {
    let at = -1;
    for (let k = 0; k < n && (at = text.indexOf(';\n', at + 1)) >= 0; k++);
    return at < 0 ? 0 : at;
  };
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          edit: editArb,
          near: fc.constantFrom(0, 1023, 1024, 1025, 2047, 2048),
          shift: fc.integer({ min: -60, max: 60 }),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      fc.boolean(),
      (edits, throughReader) => {
        let text = base;
        const cache = new StatementCache();
        const ctx = { editor: true };
        let doc = analyzeDocument(text, ctx, cache);
        for (const { edit: e, near, shift } of edits) {
          const start =
            near === 0
              ? e.at % (text.length + 1)
              : Math.max(0, Math.min(text.length, nthSemicolon(text, near) + shift));
          const end = Math.min(text.length, start + e.remove);
          const next = text.slice(0, start) + e.insert + text.slice(end);
          const prev = doc;
          doc = updateDocument(
            doc,
            next,
            { start, oldEnd: end, newEnd: start + e.insert.length },
            ctx,
            cache,
            throughReader ? (from, to) => next.slice(from, to) : undefined,
          );
          text = next;
          const fresh = analyzeDocument(text, ctx);
          const places = (d: AnalyzedDocument) =>
            d.statements.map((s) => [s.slice.start, s.slice.end, s.connection]);
          assert.deepEqual(places(doc), places(fresh));
          assert.deepEqual(doc.diagnostics, fresh.diagnostics);
          // Diagnostics by statement index and base, as the language server reads them.
          const byIndex = (d: AnalyzedDocument) => {
            const out: unknown[] = [];
            diagnosticsByStatement(d, (ds, at, i) => {
              out.push([i, ds.map((x) => [x.start + at, x.end + at, x.message])]);
            });
            return out;
          };
          assert.deepEqual(byIndex(doc), byIndex(fresh));
          // What the update says it kept is the previous analysis's, where it said.
          const r = reusedStatements(doc)!;
          const n = statementCount(doc);
          const before = prev.statements;
          const after = doc.statements;
          for (let i = 0; i < r.head; i++) assert.equal(after[i]!.slice.start, before[i]!.slice.start);
          for (let k = 1; k <= r.tail; k++)
            assert.equal(
              after[n - k]!.slice.start,
              before[before.length - k]!.slice.start + e.insert.length - (end - start),
            );
        }
      },
    ),
    { numRuns: 25 },
  );
});
