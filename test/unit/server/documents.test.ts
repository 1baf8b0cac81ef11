// The language server's document store against a plain string: random incremental changes (several
// per didChange, ranges given as the editor gives them, CRLF and lone line breaks included) leave the
// same text and the same line index as applying them to a string, and report the region that changed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { OpenDocument } from '../../../src/server/documents';
import { LineIndex } from '../../../src/query/text';

const PIECES = ['\n', '\r\n', ';', 'select ', "'", '-- c\n', '', 'x', '\n\n'];
const change = fc.record({
  at: fc.nat(),
  remove: fc.oneof(fc.constant(0), fc.nat(40)),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })),
  full: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

test('random incremental changes leave the text, lines and positions a plain string has', () => {
  fc.assert(
    fc.property(
      fc.string({ maxLength: 200 }).map((s) => s.replace(/x/g, '\n')),
      fc.array(fc.array(change, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
      (initial, notes) => {
        let text = initial;
        const doc = new OpenDocument('file:///t.iql', 'stackql', 1, text);
        let version = 1;
        for (const note of notes) {
          const before = text;
          let full = false;
          const sent = note.map((c) => {
            if (c.full) {
              text = text.slice(0, c.at % (text.length + 1)) + c.insert;
              full = true;
              return { text };
            }
            const lines = new LineIndex(text);
            const start = c.at % (text.length + 1);
            const end = Math.min(text.length, start + c.remove);
            text = text.slice(0, start) + c.insert + text.slice(end);
            return { range: lines.range(start, end), text: c.insert };
          });
          doc.apply(sent, ++version);
          assert.equal(doc.text, text);
          assert.equal(doc.version, version);
          const fresh = new LineIndex(text);
          assert.equal(doc.lines.lineCount, fresh.lineCount);
          for (let o = 0; o <= text.length; o++) assert.deepEqual(doc.lines.position(o), fresh.position(o));
          const edit = doc.takeEdit();
          if (full) assert.equal(edit, 'full');
          else {
            // The edit names the one region that differs: the rest is the old text, moved.
            assert.ok(edit && edit !== 'full');
            assert.equal(text.slice(0, edit.start), before.slice(0, edit.start));
            assert.equal(text.slice(edit.newEnd), before.slice(edit.oldEnd));
          }
          assert.equal(doc.takeEdit(), undefined);
        }
      },
    ),
    { numRuns: 400 },
  );
});
