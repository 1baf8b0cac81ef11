// Journeys of how the tree and the detail panels read to someone who compares them: the same status words
// ("Active", never "ACTIVE" on the next screen; an expired token's Status agrees with its badge), the same
// date format (local time and "in 3 days", not raw ISO in one panel and local time in another), "just now"
// instead of "0 seconds ago", the default server's row not read as "default default", table words never
// split mid-word, and the destructive buttons not styled as the primary action.
import assert from 'node:assert/strict';
import { defineJourney } from '../lib/journey';
import {
  buttonLook,
  fieldNote,
  fieldValue,
  openTreePathClear,
  panelShows,
  rowMenu,
  shownPanel,
  wordsBrokenInTables,
} from '../lib/panelPage';

export default [
  defineJourney({
    title: 'panels: statuses and dates read the same in the tree and every panel, words are not split',
    timeoutMs: 240_000,
    async run(wb, ctx) {
      // Narrow enough that the scope and token tables have to wrap.
      await wb.page.setViewportSize({ width: 1000, height: 850 });
      const org = ctx.emulator.org;
      const now = Date.now();
      // A server and client no other journey uses, with an expired token (Okta still calls it ACTIVE).
      const server = org.servers()[3];
      const found = org
        .clients(server.id)
        .map((c) => ({
          client: c,
          expired: org
            .listTokens(server.id, c.clientId)
            .find((t) => t.status === 'ACTIVE' && Date.parse(t.expiresAt as string) <= now),
        }))
        .find((x) => x.expired);
      assert.ok(found?.expired, 'the demo org has no expired token on its fourth server');
      const { client, expired } = found;
      const expiredId = expired.id as string;

      // The tree: the default server's row says "default" once, to the eye and to a screen reader.
      await openTreePathClear(wb, [ctx.connectionName]);
      const defaultRow = wb.page
        .locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="2"]')
        .filter({ has: wb.page.locator('.label-name', { hasText: /^default$/ }) })
        .first();
      await defaultRow.waitFor({ timeout: 30_000 });
      const aria = (await defaultRow.getAttribute('aria-label')) ?? '';
      assert.doesNotMatch(aria, /default\W+default/, `the default server's row reads "${aria}"`);
      assert.equal(
        (
          await defaultRow
            .locator('.label-description')
            .innerText()
            .catch(() => '')
        ).trim(),
        '',
      );

      // The server's status in the tree and its panel: "Inactive" or "Active", as on token rows and badges.
      const word = String(server.status).toUpperCase() === 'INACTIVE' ? 'Inactive' : 'Active';
      if (word === 'Inactive') {
        const serverRow = wb.treeItem(server.name);
        assert.match(await serverRow.locator('.label-description').innerText(), /^Inactive · /);
      }
      await rowMenu(wb, server.name, 'Open Authorization Server Details');
      await panelShows(wb, new RegExp(`^Authorization server ${server.name}`), 'server panel');
      let panel = shownPanel(wb);
      assert.equal((await panel.locator('#state').innerText()).trim(), word);
      assert.equal(await fieldValue(panel, 'Status'), word);
      assert.deepEqual(await wordsBrokenInTables(panel), [], 'words split over two lines in the scopes');

      // The client panel: dates as local time with "in …"/"… ago", Revoke All styled as a secondary button.
      await openTreePathClear(wb, [ctx.connectionName, server.name]);
      await rowMenu(wb, client.name, 'Open Client Details');
      await panelShows(wb, new RegExp(`^Client ${client.name}`), 'client panel');
      panel = shownPanel(wb);
      const expiresCells = await panel
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => (tr.children[3]?.textContent ?? '').trim()));
      assert.ok(expiresCells.length > 0);
      for (const cell of expiresCells)
        assert.doesNotMatch(cell, /\d{4}-\d\d-\d\dT/, `a raw ISO date in the client panel: ${cell}`);
      assert.deepEqual(await wordsBrokenInTables(panel), [], 'words split over two lines in the tokens');
      const row = panel.locator(`tbody tr[data-key="${expiredId}"]`);
      const cellExpires = (await row.locator('td').nth(3).innerText()).trim();
      assert.equal((await row.locator('td').nth(2).innerText()).trim(), 'Expired');
      await wb.screenshot('1-client-panel');

      // The expired token's panel: its Status agrees with its badge; its expiry reads as in the table.
      await row.click();
      await panelShows(wb, /^Refresh token /, 'token panel');
      panel = shownPanel(wb);
      assert.equal((await panel.locator('#state').innerText()).trim(), 'Expired');
      assert.equal(await fieldValue(panel, 'Status'), 'Expired');
      assert.equal(
        `${await fieldValue(panel, 'Expires')} (${await fieldNote(panel, 'Expires')})`,
        cellExpires,
        'the token panel and the client panel show the same expiry differently',
      );
      assert.deepEqual(await wordsBrokenInTables(panel), [], 'words split over two lines in the scopes');
      await wb.screenshot('2-token-panel');

      // Revoked a moment ago reads "just now", not "0 seconds ago".
      await panel.getByRole('button', { name: 'Revoke', exact: true }).click();
      await wb.answerModal('Revoke');
      await panel.locator('#state', { hasText: 'Revoked' }).waitFor({ timeout: 30_000 });
      assert.equal(await fieldNote(panel, 'Last updated'), 'just now');
      await wb.screenshot('3-revoked-just-now');
    },
  }),
  defineJourney({
    title: 'panels: Revoke and Revoke All Tokens are secondary buttons marked as destructive, not primary',
    timeoutMs: 150_000,
    async run(wb, ctx) {
      const org = ctx.emulator.org;
      const server = org.servers()[1];
      const client = org.clients(server.id)[0];
      await openTreePathClear(wb, [ctx.connectionName, server.name]);
      await rowMenu(wb, client.name, 'Open Client Details');
      await panelShows(wb, new RegExp(`^Client ${client.name}`), 'client panel');
      let panel = shownPanel(wb);
      const revokeAll = await buttonLook(panel.getByRole('button', { name: 'Revoke All Tokens' }));
      const copyClient = await buttonLook(panel.getByRole('button', { name: 'Copy Client ID' }));
      assert.equal(revokeAll.background, copyClient.background, 'Revoke All Tokens is styled as primary');
      assert.notEqual(revokeAll.border, copyClient.border, 'Revoke All Tokens is not marked as destructive');
      await panel.locator('tbody tr[role="link"]').first().click();
      await panelShows(wb, /^Refresh token /, 'token panel');
      panel = shownPanel(wb);
      const revoke = await buttonLook(panel.getByRole('button', { name: 'Revoke', exact: true }));
      const copyId = await buttonLook(panel.getByRole('button', { name: 'Copy ID' }));
      assert.equal(revoke.background, copyId.background, 'Revoke is styled as primary');
      assert.notEqual(revoke.border, copyId.border, 'Revoke is not marked as destructive');
      await wb.screenshot('token-panel-buttons');
    },
  }),
];
