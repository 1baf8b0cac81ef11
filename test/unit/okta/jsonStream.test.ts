// List pages are parsed as their bytes arrive, element by element: whatever the chunking, the result
// must be exactly JSON.parse's, and a body JSON.parse refuses must be refused.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonStreamParser } from '../../../src/okta/jsonStream';

/** Parses `text` fed in chunks cut at the given byte offsets. */
function parseIn(bytes: Buffer, cuts: number[]) {
  const p = new JsonStreamParser();
  let at = 0;
  for (const cut of [...cuts, bytes.length]) {
    p.push(bytes.subarray(at, cut));
    at = cut;
  }
  return p.end();
}

const valid = [
  '[]',
  ' [ ] ',
  '[{"id":"a","scopes":["x","y"],"_links":{"self":{"href":"https://o/x?a=[1]&b={2}"}}},{"id":"b"}]',
  '[{"s":"quote \\" bracket ] brace } comma , backslash \\\\"},{"n":[1,[2,{"d":[]}]]}]',
  '[1, -2.5e3 ,"a,b", true,false ,null,[],{}]\n',
  '[{"name":"Zoë — 東京 🚀"}]',
  '[{"s":"\\\\\\"x\\\\"},"\\\\",{"t":"\\u005c\\""}]',
  '{"errorCode":"E0000007","errorSummary":"Not found"}',
  '"just a string"',
  '\uFEFF[{"bom":true}]',
];
const invalid = [
  '[{"a":1} {"b":2}]',
  '[1,]',
  '[,1]',
  '[1 2]',
  '[{"a":1}]]',
  '[{"a":1}] x',
  '[{"a":1}',
  '[{"a":}]',
  '<html><body>Sign in to the Wi-Fi</body></html>',
  '   ',
  '[1}',
];

describe('list pages parsed as they stream', () => {
  it('a body split anywhere into chunks parses to exactly what JSON.parse gives', () => {
    for (const text of valid) {
      const bytes = Buffer.from(text, 'utf8');
      const expected = JSON.parse(text.replace(/^\uFEFF/, ''));
      assert.deepEqual(parseIn(bytes, []), { ok: true, value: expected }, text);
      for (let i = 0; i <= bytes.length; i++)
        for (const j of [i, Math.min(bytes.length, i + 1), Math.min(bytes.length, i + 7)])
          assert.deepEqual(
            parseIn(bytes, [i, j]),
            { ok: true, value: expected },
            `${text} cut at ${i}, ${j}`,
          );
    }
  });

  it('a body JSON.parse refuses is refused however it is split', () => {
    for (const text of invalid) {
      assert.throws(() => JSON.parse(text));
      const bytes = Buffer.from(text, 'utf8');
      for (let i = 0; i <= bytes.length; i++)
        assert.deepEqual(parseIn(bytes, [i]), { ok: false }, `${text} cut at ${i}`);
    }
  });

  it('an empty body is no body at all', () => {
    assert.deepEqual(parseIn(Buffer.alloc(0), []), { ok: true, value: undefined });
  });
});
