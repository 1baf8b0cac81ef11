// Property-based fuzzing (fast-check) of the splitter, parser, analyzer and formatter: on any input
// they never throw, every range lies inside the document, and formatting twice equals formatting once.
// Also: LIKE agrees with a plain dynamic-programming LIKE, quick fixes stay inside the document and
// leave it analysable, formatting keeps every statement's plan, and `{{ }}` values are filled exactly
// as a reference renderer fills them (only from the given names, never from Object.prototype).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeDocument, StatementCache } from '../../../src/query/analyzer';
import { splitStatements } from '../../../src/query/splitter';
import { applyEdits, formatDocument } from '../../../src/query/format';
import { quickFixes } from '../../../src/query/fixes';
import { likeMatcher } from '../../../src/query/like';
import { renderTemplate } from '../../../src/query/analyzer';
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

/** LIKE by the textbook table: cell (i, j) says whether the first i pattern characters match the first j. */
function referenceLike(pattern: string, text: string): boolean {
  const p = [...pattern];
  const t = [...text];
  const same = (a: string, b: string) => a === b || a.toLowerCase() === b.toLowerCase();
  let row = t.map(() => false);
  row.unshift(true);
  for (const pc of p) {
    const next = [pc === '%' && row[0]!];
    for (let j = 1; j <= t.length; j++)
      next[j] = pc === '%' ? next[j - 1]! || row[j]! : row[j - 1]! && (pc === '_' || same(pc, t[j - 1]!));
    row = next;
  }
  return row[t.length]!;
}

test('LIKE agrees with a plain table-filling LIKE on small patterns and texts', () => {
  const ch = fc.constantFrom('a', 'A', 'b', '%', '_', 'é', 'É', '😀', '.', '*', '#', ' ');
  const str = (n: number) => fc.array(ch, { maxLength: n }).map((a) => a.join(''));
  fc.assert(
    fc.property(str(10), str(14), (p, t) => {
      assert.equal(likeMatcher(p)(t), referenceLike(p, t), `'${t}' LIKE '${p}'`);
    }),
    { numRuns: 3000 },
  );
});

test('every quick fix stays inside the document, and the fixed text analyses without an internal error', () => {
  const choices = [{ values: { authServerId: 'aus1', clientId: "0o'a1" }, labels: { clientId: 'App' } }];
  fc.assert(
    fc.property(text, (t) => {
      const doc = analyzeDocument(t);
      for (const d of doc.diagnostics) {
        for (const fix of quickFixes(d, { choices })) {
          const sorted = [...fix.edits].sort((a, b) => a.start - b.start);
          sorted.forEach((e, i) => {
            assert.ok(0 <= e.start && e.start <= e.end && e.end <= t.length, fix.title);
            if (i > 0) assert.ok(sorted[i - 1]!.end <= e.start, `overlapping edits in ${fix.title}`);
          });
          const fixed = applyEdits(t, fix.edits);
          for (const after of analyzeDocument(fixed).diagnostics)
            assert.ok(!after.message.startsWith('internal'), after.message);
          // The fix that adds parameters really adds them: that statement no longer misses them.
          if (d.code === 'missing-required-params' && fix.title.endsWith('as placeholders'))
            assert.ok(
              !analyzeDocument(fixed).diagnostics.some(
                (x) => x.code === 'missing-required-params' && x.start <= d.start && d.start < x.end + 1,
              ) || fixed === t,
              `${fix.title}: ${fixed}`,
            );
        }
      }
    }),
    { numRuns: 500 },
  );
});

test('formatting keeps what every statement does: the same diagnostics and the same plan', () => {
  const planOf = (t: string) =>
    analyzeDocument(t).statements.map((st) => {
      const p = st.plan;
      const codes = st.diagnostics.map((d) => d.code);
      if (!p) return { codes };
      if (p.kind === 'meta') return { codes, kind: p.kind, rows: p.rows };
      return {
        codes,
        kind: p.kind,
        method: p.method.name,
        params: p.params,
        ...(p.kind === 'select'
          ? { rowLimit: p.rowLimit, pageSize: p.pageSize, fanout: p.fanout, filters: p.filters.length }
          : { bulk: p.bulk }),
      };
    });
  fc.assert(
    fc.property(text, (t) => {
      const formatted = applyEdits(t, formatDocument(analyzeDocument(t)));
      assert.deepEqual(planOf(formatted), planOf(t), formatted);
    }),
    { numRuns: 600 },
  );
});

/** The renderer as it was, as a RegExp: a fine reference on short values (it only backtracks on long ones). */
function referenceRender(s: string, vars: Record<string, string>): { value: string; unfilled: string[] } {
  const unfilled: string[] = [];
  const value = s.replace(/\{\{\s*\.?([A-Za-z_][\w.]*)?\s*\}\}/g, (m, name: string | undefined) => {
    const v = name !== undefined && Object.hasOwn(vars, name) ? vars[name] : undefined;
    if (v === undefined) {
      unfilled.push(name ?? '');
      return m;
    }
    return v;
  });
  return { value, unfilled };
}

test('{{ }} values are filled only from the names given, literally, and the rest reported unfilled', () => {
  const names = ['x', 'a.b', '_y1', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];
  const piece = fc.oneof(
    fc.constantFrom('{{', '}}', '{', '}', ' ', '.', '\t', 'x', "'", '$&', '$1'),
    fc.constantFrom(...names).map((n) => `{{ ${n} }}`),
    fc.constantFrom(...names).map((n) => `{{.${n}}}`),
    fc.string({ maxLength: 3 }),
  );
  const value = fc.array(piece, { maxLength: 12 }).map((a) => a.join(''));
  const vars = fc.dictionary(
    fc.constantFrom(...names),
    fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom('$&', "$'", '{{ x }}')),
  );
  fc.assert(
    fc.property(value, vars, (s, v) => {
      // fc.dictionary may build the object with a null prototype; the engine gets what --var builds.
      const given: Record<string, string> = {};
      for (const [k, val] of Object.entries(v))
        Object.defineProperty(given, k, { value: val, enumerable: true });
      assert.deepEqual(renderTemplate(s, given), referenceRender(s, given), s);
      // In a statement: the analyzer reports exactly the unfilled ones and never fails inside.
      const doc = analyzeDocument(
        `SELECT id FROM okta.authorizationservers.refresh_tokens WHERE subdomain = 'a' AND authServerId = '${s.replace(/'/g, "''")}' AND clientId = 'c';`,
        { vars: given },
      );
      for (const d of doc.diagnostics) assert.ok(!d.message.startsWith('internal'), d.message);
    }),
    { numRuns: 1500 },
  );
});
