// Journeys of what a person meets around the detail panels and the getting-started walkthrough: the
// token panel's Revoke says "Revoking…" only after the modal was answered yes (never while it asks, nor
// after Cancel), and the walkthrough's steps show their pages instead of an error toast.
import assert from 'node:assert/strict';
import { defineJourney } from '../lib/journey';

export default [
  defineJourney({
    title: 'panels: the token panel says "Revoking…" only once the modal was confirmed',
    timeoutMs: 150_000,
    async run(wb, ctx) {
      const org = ctx.emulator.org;
      // A server and client no other journey revokes from.
      const server = org.servers()[2];
      const client = org.clients(server.id)[1];
      await wb.openTreePath([ctx.connectionName, server.name, client.name]);
      const active = wb.page
        .locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="4"]')
        .filter({ hasText: 'Active ·' });
      await active.first().waitFor({ timeout: 30_000 });
      await active.first().click();
      const view = wb.webview();
      await view.locator('h1').filter({ hasText: 'Refresh token' }).waitFor({ timeout: 30_000 });
      const status = view.locator('#busy');

      await view.getByRole('button', { name: 'Revoke', exact: true }).click();
      await wb.page.locator('.monaco-dialog-box').waitFor({ state: 'visible', timeout: 15_000 });
      await wb.screenshot('1-modal-over-panel');
      assert.equal(
        (await status.innerText()).trim(),
        '',
        'the panel says it is revoking while the confirmation is still open',
      );
      await wb.answerModal('Cancel');
      await view.locator('#state', { hasText: 'Active' }).waitFor({ timeout: 15_000 });
      assert.equal((await view.locator('#busy').innerText()).trim(), '');

      await view.getByRole('button', { name: 'Revoke', exact: true }).click();
      await wb.answerModal('Revoke');
      await wb.waitForToast(/Revoked 1 refresh token/, 30_000);
      await view.locator('#state', { hasText: 'Revoked' }).waitFor({ timeout: 30_000 });
      await wb.screenshot('2-revoked');
    },
  }),
  defineJourney({
    title: 'walkthrough: each step shows its page, not "Error reading markdown document"',
    timeoutMs: 90_000,
    async run(wb) {
      await wb.runCommand('Welcome: Open Walkthrough...');
      await wb.pick('Get started with Okta Token Explorer');
      // The first step's page (media/walkthrough/connect.md) renders in the walkthrough's webview.
      await wb
        .webview()
        .getByText('The extension makes one test call before it saves anything.')
        .waitFor({ timeout: 30_000 });
      await wb.screenshot('walkthrough-connect');
      const toasts = await wb.toasts();
      assert.ok(
        !toasts.some((t) => /Error reading markdown/.test(t)),
        `the walkthrough could not read its page: ${JSON.stringify(toasts)}`,
      );
    },
  }),
];
