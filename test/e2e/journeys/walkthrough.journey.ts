// Journey of the getting-started walkthrough opened by someone who already has a connection and has the
// Okta Tokens view open: its first two steps ("connect", "browse") are already checked, and no step's
// title is cut off with an ellipsis in the step list.
import assert from 'node:assert/strict';
import { defineJourney } from '../lib/journey';

export default defineJourney({
  title:
    'walkthrough: with a connection and the view open, its first steps are checked and no title is cut off',
  timeoutMs: 150_000,
  async run(wb, ctx) {
    // A narrow window (or half of a split editor) with the side bar open: the step list is ~220 px wide.
    await wb.page.setViewportSize({ width: 700, height: 800 });
    await wb.openTreePath([ctx.connectionName]);
    await wb.runCommand('Welcome: Open Walkthrough...');
    await wb.pick('Get started with Okta Token Explorer');
    const step = (id: string) => wb.page.locator(`[data-done-step-id$="#${id}"]`).first();
    await step('connect').waitFor({ state: 'attached', timeout: 30_000 });
    await wb.screenshot('walkthrough-steps');
    // Every step title of this walkthrough (collapsed ones are one line with an ellipsis when too long).
    const cut = await wb.page
      .locator('.gettingStartedSlideDetails h3.step-title')
      .evaluateAll((els) =>
        els
          .filter((e) => e.scrollWidth > e.clientWidth + 1)
          .map((e) => `${(e.textContent ?? '').trim()} (${e.scrollWidth} > ${e.clientWidth} px)`),
      );
    assert.deepEqual(cut, [], 'step titles cut off in the step list');
    for (const id of ['connect', 'browse']) {
      const checked = wb.page.locator(`[data-done-step-id$="#${id}"][aria-checked="true"]`).first();
      try {
        await checked.waitFor({ state: 'attached', timeout: 20_000 });
      } catch (e) {
        throw new Error(
          `the walkthrough step "${id}" is not checked: ${await step(id).getAttribute('aria-label')}`,
          { cause: e },
        );
      }
    }
    await wb.screenshot('walkthrough-checked');
  },
});
