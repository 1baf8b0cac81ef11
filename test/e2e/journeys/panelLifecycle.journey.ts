// Journeys of detail panels whose tab is hidden and shown again. VS Code throws a hidden panel's page away
// and builds a new one when the tab comes back; that page must get its content again — not sit on
// "Loading…" until the tab is closed — whether it comes back by a tab click, by clicking its tree row, by
// going client → token → back, or after a window reload, and a sorted table stays sorted.
import assert from 'node:assert/strict';
import { defineJourney } from '../lib/journey';
import { editorTab, openTreePathClear, panelShows, rowMenu, shownPanel } from '../lib/panelPage';
import type { Workbench } from '../lib/workbench';

const shows = panelShows;

async function showTab(wb: Workbench, title: RegExp, h1: RegExp, what: string): Promise<void> {
  await editorTab(wb, title).click();
  await shows(wb, h1, what);
}

export default [
  defineJourney({
    title: 'panels: token, client and server panels show their content again when their tab comes back',
    timeoutMs: 240_000,
    async run(wb, ctx) {
      const org = ctx.emulator.org;
      const server = org.servers()[1];
      const client = org.clients(server.id)[1] ?? org.clients(server.id)[0];
      const TOKEN = /^Refresh token /;
      const CLIENT = new RegExp(`^Client ${client.name}`);
      const SERVER = new RegExp(`^Authorization server ${server.name}`);
      await openTreePathClear(wb, [ctx.connectionName, server.name, client.name]);
      const tokenRow = wb.page
        .locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="4"]')
        .first();
      await tokenRow.waitFor({ timeout: 30_000 });
      await tokenRow.click();
      await shows(wb, TOKEN, 'the token panel opened');
      await rowMenu(wb, client.name, 'Open Client Details');
      await shows(wb, CLIENT, 'the client panel opened');
      await rowMenu(wb, server.name, 'Open Authorization Server Details');
      await shows(wb, SERVER, 'the server panel opened');

      // Tab switches: each page was thrown away while its tab was hidden.
      await showTab(wb, TOKEN, TOKEN, 'token tab shown again');
      await showTab(wb, /^Client /, CLIENT, 'client tab shown again');
      await showTab(wb, /^Authorization server /, SERVER, 'server tab shown again');
      await wb.screenshot('1-server-tab-again');

      // The token's tree row while its panel is open behind another tab.
      await tokenRow.click();
      await shows(wb, TOKEN, 'token panel revealed from its tree row');

      // Client → token → back, with the client's table sorted by Status: the sort survives too.
      await showTab(wb, /^Client /, CLIENT, 'client tab before opening a token from it');
      const statusHeader = shownPanel(wb).locator('th', { hasText: 'Status' }).first();
      await statusHeader.locator('button').click();
      await statusHeader.locator('button').click();
      assert.equal(await statusHeader.getAttribute('aria-sort'), 'descending');
      const rows = shownPanel(wb).locator('tbody tr[role="link"]');
      const order = await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.key));
      await rows.last().click();
      await shows(wb, TOKEN, 'token opened from the client panel');
      await showTab(wb, /^Client /, CLIENT, 'back to the client panel');
      assert.equal(
        await shownPanel(wb).locator('th', { hasText: 'Status' }).first().getAttribute('aria-sort'),
        'descending',
        'the client table lost its sort when its tab came back',
      );
      assert.deepEqual(
        await shownPanel(wb)
          .locator('tbody tr[role="link"]')
          .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.key)),
        order,
      );
      await wb.screenshot('2-client-back-sorted');

      // A window reload restores every panel; each shows its content when its tab is chosen.
      const reloaded = wb.page.waitForEvent('framenavigated', {
        predicate: (f) => f === wb.page.mainFrame(),
        timeout: 30_000,
      });
      await wb.runCommand('Developer: Reload Window');
      await reloaded;
      await wb.ready();
      await shows(wb, CLIENT, 'client panel after the reload');
      await showTab(wb, /^Authorization server /, SERVER, 'server tab after the reload');
      await showTab(wb, TOKEN, TOKEN, 'token tab after the reload');
      await showTab(wb, /^Client /, CLIENT, 'client tab shown again after the reload');
      await wb.screenshot('3-after-reload');
    },
  }),
];
