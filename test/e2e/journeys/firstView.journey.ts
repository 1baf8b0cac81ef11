// Journey of the very first look at the demo: the "Demo org" connection is in the view without waiting
// for the org to answer anything (the emulator holds its first authorization-server list unanswered),
// and opening it shows its servers loading under it while the org has not answered.
import assert from 'node:assert/strict';
import { defineJourney } from '../lib/journey';

const LIST_SERVERS = 'GET listAuthorizationServers';

export default defineJourney({
  title:
    'first view: the demo connection is listed before the org has answered anything; opened, its servers load',
  timeoutMs: 150_000,
  async run(wb, ctx) {
    const em = ctx.emulator;
    const before = em.stats();
    // The first authorization-server list is never answered while this journey runs.
    const hold = em.faults.add({
      kind: 'hang',
      method: 'GET',
      path: '/api/v1/authorizationServers',
      count: 1,
    });
    try {
      await wb.ready();
      await wb.openView('Okta Tokens');
      const row = await wb.waitForTreeItem(ctx.connectionName, 60_000);
      // Every list request the emulator got so far is the one it holds: the row needed no answer.
      const now = em.stats();
      const lists = (now.byRoute[LIST_SERVERS] ?? 0) - (before.byRoute[LIST_SERVERS] ?? 0);
      const held = now.faultsFired - before.faultsFired;
      assert.equal(lists - held, 0, `${lists - held} authorization-server list(s) were answered first`);
      await wb.screenshot('1-connection-listed');

      // Opened, it shows its servers loading: the request the emulator holds.
      await row.click();
      await row.locator('.codicon-tree-item-loading').waitFor({ state: 'visible', timeout: 30_000 });
      assert.equal(em.stats().faultsFired - before.faultsFired, 1, 'the servers are not being asked for');
      await wb.screenshot('2-servers-loading');
    } finally {
      em.faults.remove(hold);
    }
  },
});
