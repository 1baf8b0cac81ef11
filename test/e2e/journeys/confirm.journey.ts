// Journeys of the confirmations a demanding person meets on the demo org: the revoke modal names the
// users whose tokens go and has one way out (VS Code's Cancel) beside a safe default that lists the
// tokens; "Show Details" afterwards names each token's user, client and outcome; Enter on "Remove
// Connection" never removes; and when a revoke's result toast shows, no progress toast is left beside it.
import assert from 'node:assert/strict';
import { defineJourney } from '../lib/journey';
import type { Workbench } from '../lib/workbench';

function tokenRows(wb: Workbench) {
  return wb.page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="4"]');
}

/** Progress toasts ("Revoking …") on screen now. */
async function progressToasts(wb: Workbench): Promise<string[]> {
  return (await wb.toasts()).filter((t) => /^Revoking/.test(t));
}

async function quickPickRows(wb: Workbench): Promise<string[]> {
  const rows = wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
  return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

export default [
  defineJourney({
    title:
      'revoke: the modal names whose tokens go and has one way out; Show Details names each token’s user, client and outcome',
    timeoutMs: 180_000,
    async run(wb, ctx) {
      const org = ctx.emulator.org;
      // A server and client no other journey revokes from.
      const server = org.servers()[2];
      const client = org.clients(server.id)[2];
      await wb.ready();
      await wb.openTreePath([ctx.connectionName, server.name, client.name]);
      const active = tokenRows(wb).filter({ hasText: 'Active ·' });
      await active.nth(2).waitFor({ state: 'visible', timeout: 30_000 });
      // The rows are named by their users: what the modal must name too.
      const users: string[] = [];
      for (let i = 0; i < 3; i++) users.push((await active.nth(i).locator('.label-name').innerText()).trim());
      const distinct = [...new Set(users)];
      const revokedBefore = org.counts(server.id, client.clientId).revoked;

      await active.nth(0).click();
      await active.nth(1).click({ modifiers: ['Control'] });
      await active.nth(2).click({ modifiers: ['Control'] });
      await wb.contextMenu(active.nth(2), 'Revoke Token(s)…');
      const { buttons, detail } = await wb.modalContent();
      await wb.screenshot('1-modal');
      // One way out: VS Code's own Cancel, and no second dismiss button beside it.
      assert.deepEqual(
        [...buttons].sort(),
        ['Cancel', 'Revoke', 'Show Tokens…'],
        `the modal's buttons are ${JSON.stringify(buttons)}`,
      );
      // Enter is not the revoke.
      assert.equal(await wb.modalFocusedButton(), 'Show Tokens…');
      for (const u of distinct) assert.ok(detail.includes(u), `the modal does not name ${u}: ${detail}`);
      if (distinct.length > 1)
        assert.match(detail, new RegExp(`They belong to ${distinct.length} users: `), detail);

      // Enter lists the tokens, each under its user, and closing the list asks again.
      await wb.page.keyboard.press('Enter');
      const listed = await quickPickRows(wb);
      await wb.screenshot('2-tokens-listed');
      assert.equal(listed.length, 3, `the list shows ${JSON.stringify(listed)}`);
      for (const u of distinct)
        assert.ok(
          listed.some((r) => r.startsWith(u) && r.includes(client.name)),
          `no listed token of ${u}: ${JSON.stringify(listed)}`,
        );
      await wb.page.keyboard.press('Escape');
      assert.equal(org.counts(server.id, client.clientId).revoked, revokedBefore, 'a token was revoked');
      await wb.answerModal('Revoke');

      const result = wb.page
        .locator('.notification-toast')
        .filter({ hasText: /Revoked 3 refresh tokens/ })
        .first();
      await result.waitFor({ state: 'visible', timeout: 60_000 });
      // The "Revoking…" progress is gone by the time the result shows, not lingering beside it.
      assert.deepEqual(await progressToasts(wb), [], 'a progress toast is still shown beside the result');
      assert.equal(org.counts(server.id, client.clientId).revoked, revokedBefore + 3);

      await result.getByRole('button', { name: 'Show Details' }).click();
      const details = await quickPickRows(wb);
      await wb.screenshot('3-show-details');
      assert.equal(details.length, 3, `Show Details lists ${JSON.stringify(details)}`);
      for (const u of distinct)
        assert.ok(
          details.some((r) => r.startsWith(u) && r.includes(client.name) && /\brevoked\b/.test(r)),
          `Show Details has no row naming ${u}, "${client.name}" and its outcome: ${JSON.stringify(details)}`,
        );
      await wb.page.keyboard.press('Escape');
    },
  }),
  defineJourney({
    title: 'revoke: when a revoke-all’s result shows, no progress toast is left beside it, quick or slow',
    timeoutMs: 180_000,
    async run(wb, ctx) {
      const em = ctx.emulator;
      const server = em.org.servers()[2];
      const [slow, quick] = [em.org.clients(server.id)[0], em.org.clients(server.id)[3]];
      await wb.ready();
      await wb.openTreePath([ctx.connectionName, server.name]);

      const revokeAll = async (name: string) => {
        await wb.contextMenu(await wb.waitForTreeItem(name), 'Revoke All Tokens of Client…');
        await wb.answerModal('Revoke All');
        await wb.answerInput(name);
      };
      const noProgressBesideResult = async (name: string) => {
        await wb.waitForToast(`Revoked all refresh tokens of "${name}".`, 60_000);
        assert.deepEqual(await progressToasts(wb), [], 'a progress toast is still shown beside the result');
      };

      // Quick: Okta answers at once; no progress toast is left when the result shows.
      await revokeAll(quick.name);
      await noProgressBesideResult(quick.name);
      await wb.screenshot('1-quick-result');

      // Slow: the cancellable progress toast appears while Okta takes its time, and is gone when the
      // result shows.
      const fault = em.faults.add({
        kind: 'latency',
        ms: 5_000,
        method: 'DELETE',
        path: `/api/v1/authorizationServers/${server.id}/clients/${slow.clientId}/tokens`,
      });
      try {
        await revokeAll(slow.name);
        await wb.waitForToast(`Revoking all refresh tokens of "${slow.name}"`, 15_000);
        await wb.screenshot('2-slow-progress');
        await noProgressBesideResult(slow.name);
        await wb.screenshot('3-slow-result');
      } finally {
        em.faults.remove(fault);
      }
    },
  }),
  defineJourney({
    title: 'connections: Enter on the Remove Connection modal keeps the connection; Remove removes it',
    timeoutMs: 150_000,
    async run(wb, ctx) {
      await wb.ready();
      await wb.openView('Okta Tokens');
      const row = () => wb.waitForTreeItem(ctx.connectionName, 60_000);
      await wb.contextMenu(await row(), 'Remove Connection…');
      const { buttons } = await wb.modalContent();
      await wb.screenshot('1-remove-modal');
      const focused = await wb.modalFocusedButton();
      assert.notEqual(focused, 'Remove', 'Enter would remove the connection');
      assert.equal(buttons.filter((b) => b === 'Cancel').length, 1, `buttons: ${JSON.stringify(buttons)}`);
      assert.ok(buttons.includes('Remove'), `buttons: ${JSON.stringify(buttons)}`);

      // Enter opens the connection's edit form instead; leaving it changes nothing.
      await wb.dismissModalWith('Enter');
      await wb.page
        .locator('.quick-input-widget .quick-input-title', { hasText: 'Edit Okta Connection (1/3)' })
        .waitFor({ state: 'visible', timeout: 15_000 });
      await wb.page.keyboard.press('Escape');
      await row();

      await wb.contextMenu(await row(), 'Remove Connection…');
      await wb.answerModal('Remove');
      await wb.treeItem(ctx.connectionName).waitFor({ state: 'detached', timeout: 30_000 });
      await wb.screenshot('2-removed');
    },
  }),
];
