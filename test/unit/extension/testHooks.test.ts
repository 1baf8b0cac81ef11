// activate() hands out its test API (answering prompts, exporting to a path, forcing Restricted Mode)
// only in a development/test host whose environment asks for it. An installed extension runs in
// production mode, where no environment variable turns the hooks on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TEST_HOOKS_ENV, testHooksRequested } from '../../../src/extension/testHooks';

test('an installed (production) extension never exposes test hooks, whatever the environment says', () => {
  assert.equal(testHooksRequested('production', {}), false);
  assert.equal(testHooksRequested('production', { [TEST_HOOKS_ENV]: '1' }), false);
});

test('a test or development host exposes them only when the harness sets the variable to 1', () => {
  assert.equal(testHooksRequested('test', {}), false);
  assert.equal(testHooksRequested('development', {}), false);
  assert.equal(testHooksRequested('test', { [TEST_HOOKS_ENV]: 'true' }), false);
  assert.equal(testHooksRequested('test', { [TEST_HOOKS_ENV]: '' }), false);
  assert.equal(testHooksRequested('test', { [TEST_HOOKS_ENV]: '1' }), true);
  assert.equal(testHooksRequested('development', { [TEST_HOOKS_ENV]: '1' }), true);
  assert.equal(TEST_HOOKS_ENV, 'OKTA_TOKEN_EXPLORER_TEST_HOOKS');
});
