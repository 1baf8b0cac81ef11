// Semantic tokens of a range (what an editor asks for the visible part of a file) against those of the
// whole document: for random documents and ranges, every token of the whole document inside the range
// is in the range's answer, and the range's answer holds nothing the whole document does not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeDocument, updateDocument, StatementCache } from '../../../src/query/analyzer';
import { semanticTokens } from '../../../src/query/semanticTokens';
import { LineIndex } from '../../../src/query/text';

const STATEMENTS = [
  "SELECT id, status FROM okta.authorizationservers.refresh_tokens\nWHERE subdomain = 'acme' AND authServerId = 'aus1' AND clientId = '0oa1';",
  "select id from okta.authorizationservers.refresh_tokens where subdomain = 'acme';",
  "-- connection: Other org\nSELECT name FROM okta.authorizationservers.clients WHERE authServerId = 'aus1';",
  "/* a\n block */ SELECT * FROM okta.authorizationservers.servers WHERE subdomain = '{{ sub }}' LIMIT 5;",
  "SELECT /*+ FANOUT */ id FROM okta.users.oauth_tokens WHERE subdomain = 'acme' AND userId = '00u1' -- trailing\n;",
  '-- only a comment',
  "select json_extract(scopes, '$[0]') from okta.authorizationservers.refresh_tokens where",
];
const PIECES = [';', "'", '/*', '*/', '\n', ' x', '--', "'multi\nline"];

/** Absolute [line, character, length, type] of each token. */
function decode(data: number[]): string[] {
  const out: string[] = [];
  let line = 0;
  let ch = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i]!;
    ch = data[i]! === 0 ? ch + data[i + 1]! : data[i + 1]!;
    out.push(`${line}:${ch}:${data[i + 2]}:${data[i + 3]}`);
  }
  return out;
}

test('the tokens of a range are the whole document’s tokens there', () => {
  fc.assert(
    fc.property(
      fc.array(fc.constantFrom(...STATEMENTS), { minLength: 1, maxLength: 12 }),
      fc.array(fc.record({ at: fc.nat(), insert: fc.constantFrom(...PIECES) }), { maxLength: 3 }),
      fc.nat(),
      fc.nat(),
      fc.boolean(),
      (stmts, edits, a, b, incremental) => {
        let text = stmts.join('\n');
        const ctx = { editor: true };
        const cache = new StatementCache();
        let doc = analyzeDocument(text, ctx, cache);
        for (const e of edits) {
          const at = e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(at);
          doc = incremental
            ? updateDocument(doc, text, { start: at, oldEnd: at, newEnd: at + e.insert.length }, ctx, cache)
            : analyzeDocument(text, ctx);
        }
        const lines = new LineIndex(text);
        const start = Math.min(a, b) % (text.length + 1);
        const end = Math.min(text.length, start + (Math.max(a, b) % (text.length + 1)));
        const whole = decode(semanticTokens(doc, lines));
        const part = decode(semanticTokens(doc, lines, { start, end }));
        // Read through a reader (as the language server reads its store), the same tokens.
        const read = (from: number, to: number) => text.slice(from, to);
        assert.deepEqual(decode(semanticTokens(doc, lines, { start, end, read })), part);
        const inRange = (t: string) => {
          const [line, ch, len] = t.split(':').map(Number) as [number, number, number];
          const s = lines.offset({ line, character: ch });
          return s >= start && s + len <= end;
        };
        const wholeSet = new Set(whole);
        for (const t of part) assert.ok(wholeSet.has(t), `${t} is not a token of the whole document`);
        const partSet = new Set(part);
        for (const t of whole.filter(inRange)) assert.ok(partSet.has(t), `${t} is missing from the range`);
      },
    ),
    { numRuns: 500 },
  );
});
