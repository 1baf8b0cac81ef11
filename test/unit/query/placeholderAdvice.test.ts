// The unfilled-placeholder warning gives advice for where it is read: the CLI's is `--var name=…`, the
// editor's is that Run asks for the value — and that an unfilled `after` cursor is left out, not asked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/query/analyzer';
import { SEED_SELECT } from './helpers';

const warnings = (editor: boolean) =>
  analyzeDocument(SEED_SELECT, editor ? { editor } : {})
    .diagnostics.filter((d) => d.code === 'unfilled-placeholder')
    .map((d) => [d.message, d.data]);

test('on the command line an unfilled placeholder says to pass --var', () => {
  assert.deepEqual(warnings(false)[0], [
    'unfilled placeholder {{ subdomain }}: replace it with a value, or run with --var subdomain=…',
    { placeholder: 'subdomain' },
  ]);
});

test('in the editor an unfilled placeholder says its value is asked at run, and after is a cursor left out', () => {
  const got = warnings(true);
  assert.deepEqual(got, [
    [
      'unfilled placeholder {{ subdomain }}: its value is asked when the statement runs (or replace it with a value)',
      { placeholder: 'subdomain' },
    ],
    [
      'unfilled placeholder {{ expand }}: its value is asked when the statement runs (or replace it with a value)',
      { placeholder: 'expand' },
    ],
    [
      'unfilled placeholder {{ after }}: after is a paging cursor, left out when the statement runs (write one here to continue a list)',
      { placeholder: 'after', cursor: true },
    ],
    [
      'unfilled placeholder {{ limit }}: its value is asked when the statement runs (or replace it with a value)',
      { placeholder: 'limit' },
    ],
  ]);
  assert.ok(got.every(([m]) => !String(m).includes('--var')));
});
