// The results panel acts on a page message only when it has the shape the page sends: an export of an
// existing result index as CSV or JSON, a copy of text, or ready. Anything else — a format that is not
// csv/json (a path, say), a fractional or negative index, missing or non-string fields, unknown types —
// is dropped before the host does anything, as the detail panels do with isPageMessage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isResultsMessage } from '../../../src/extension/query/resultsProtocol';

test('the messages the results page sends are accepted', () => {
  for (const m of [
    { type: 'ready' },
    { type: 'export', index: 0, format: 'csv' },
    { type: 'export', index: 3, format: 'json' },
    { type: 'copy', text: 'id\tstatus\noar1\tACTIVE', what: '1 rows with headers' },
    { type: 'copy', text: '', what: '' },
  ])
    assert.equal(isResultsMessage(m), true, JSON.stringify(m));
});

test('malformed or unknown results-page messages are rejected', () => {
  const bad: unknown[] = [
    undefined,
    null,
    'export',
    42,
    [],
    [{ type: 'ready' }],
    {},
    { type: 'READY' },
    { type: 'exportLast', format: 'csv', target: '/etc/passwd' },
    { type: 'export', index: 0, format: 'xlsx' },
    { type: 'export', index: 0, format: '../../.bashrc' },
    { type: 'export', index: '0', format: 'csv' },
    { type: 'export', index: -1, format: 'csv' },
    { type: 'export', index: 0.5, format: 'json' },
    { type: 'export', index: Number.NaN, format: 'json' },
    { type: 'export', index: Number.POSITIVE_INFINITY, format: 'json' },
    { type: 'export', format: 'csv' },
    { type: 'copy', text: 42, what: 'x' },
    { type: 'copy', text: { toString: () => 'x' }, what: 'x' },
    { type: 'copy', text: 'x' },
    { type: 'copy', text: 'x', what: 'w'.repeat(10_000) },
    { type: 'action', action: 'revoke' },
    { type: 'open', key: 'oar1' },
  ];
  for (const m of bad) assert.equal(isResultsMessage(m), false, JSON.stringify(m));
});
