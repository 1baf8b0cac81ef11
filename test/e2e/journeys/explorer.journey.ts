// Journeys of the explorer, driven as a person would in code-server: add a connection through the
// palette, expand to a client's tokens, open a token and read its scopes in the webview, multi-select
// three tokens and revoke them through the modal, see the rows and the org change; screenshots of each
// state in dark, light and high-contrast themes. A second journey reloads the window and expects the
// open token panel back (restored from ids, re-fetched).
import assert from 'node:assert/strict';
import { MARKUP_DESCRIPTION } from '../../emulator';
import { defineJourney, type JourneyContext } from '../lib/journey';
import type { Workbench } from '../lib/workbench';

const CONNECTION = 'Journey org';

function tokenRows(wb: Workbench) {
  return wb.page.locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="4"]');
}

/** Answers the quick input whose title is `title` (the widget is reused between steps). */
const answerStep = (wb: Workbench, title: string, value: string) => wb.answerInput(value, title);

async function addConnectionThroughPalette(wb: Workbench, ctx: JourneyContext): Promise<void> {
  await wb.runCommand('Okta: Add Okta Connection…');
  await answerStep(wb, 'Add Okta Connection (1/3)', ctx.orgUrl);
  await answerStep(wb, 'Add Okta Connection (2/3)', CONNECTION);
  await wb.page
    .locator('.quick-input-widget .quick-input-title', { hasText: 'Add Okta Connection (3/3)' })
    .waitFor({ state: 'visible' });
  await wb.pick('API token (SSWS)');
  await answerStep(wb, 'API token', ctx.apiToken);
  await wb.waitForToast(/Connected to .* as "Journey org"/, 30_000);
}

export default [
  defineJourney({
    title: 'explorer: add a connection, read a token’s scopes, revoke three tokens through the modal',
    timeoutMs: 240_000,
    async run(wb, ctx) {
      const org = ctx.emulator.org;
      const server = org.servers()[0];
      const client = org.clients(server.id)[0];
      await wb.ready();
      // A fresh profile follows the browser's light preference; the first screenshots are the dark theme.
      await wb.setTheme('Dark Modern');
      await wb.openView('Okta Tokens');
      await addConnectionThroughPalette(wb, ctx);
      await wb.openTreePath([CONNECTION, server.name, client.name]);
      await tokenRows(wb).nth(2).waitFor({ state: 'visible', timeout: 30_000 });
      await wb.screenshot('1-tree-dark');

      // Open the first token; its panel shows the token's own embedded scopes.
      await tokenRows(wb).first().click();
      const view = wb.webview();
      await view.locator('h1').filter({ hasText: 'Refresh token' }).waitFor({ timeout: 30_000 });
      const tokenId = (
        await view
          .locator('dl.fields dt', { hasText: /^Token ID$/ })
          .locator('xpath=following-sibling::dd[1]')
          .innerText()
      ).trim();
      const expected = org.getToken(server.id, client.clientId, tokenId, true) as {
        _embedded: { scopes: { name: string; description?: string }[] };
      };
      assert.ok(expected, `the panel shows token ${tokenId}, which the org does not have`);
      const scopeNames = await view
        .locator('section')
        .first()
        .locator('tbody tr td:first-child')
        .allInnerTexts();
      assert.deepEqual(
        scopeNames.map((s) => s.trim()),
        expected._embedded.scopes.map((s) => s.name),
      );
      // API markup is text: no element was created from it.
      assert.equal(await view.locator('td script, td b').count(), 0);
      if (expected._embedded.scopes.some((s) => s.description === MARKUP_DESCRIPTION)) {
        assert.ok(
          (await view.locator('td', { hasText: '<script>' }).count()) > 0,
          'the markup description is not shown as text',
        );
      }
      await wb.screenshot('2-token-panel-dark');

      // Multi-select three active tokens and revoke them from the context menu.
      const revokedBefore = org.counts(server.id, client.clientId).revoked;
      const revokedRowsBefore = await tokenRows(wb).filter({ hasText: 'Revoked ·' }).count();
      const active = tokenRows(wb).filter({ hasText: 'Active ·' });
      assert.ok((await active.count()) >= 3, 'fewer than three active tokens are shown');
      await active.nth(0).click();
      await active.nth(1).click({ modifiers: ['Control'] });
      await active.nth(2).click({ modifiers: ['Control'] });
      await wb.screenshot('3-three-selected');
      // The confirmation defaults to no: Enter lists the tokens (then asks again), Escape says no, and
      // nothing is revoked.
      await wb.contextMenu(active.nth(2), 'Revoke Token(s)…');
      assert.equal(await wb.modalFocusedButton(), 'Show Tokens…');
      await wb.dismissModalWith('Enter');
      await wb.page.locator('.quick-input-widget').waitFor({ state: 'visible' });
      await wb.page.keyboard.press('Escape');
      await wb.modalContent();
      await wb.dismissModalWith('Escape');
      assert.equal(await tokenRows(wb).filter({ hasText: 'Revoked ·' }).count(), revokedRowsBefore);
      await wb.contextMenu(active.nth(2), 'Revoke Token(s)…');
      const message = await wb.answerModal('Revoke');
      assert.match(message, /Revoke 3 refresh tokens of ".*"\?/);
      await wb.waitForToast(/Revoked 3 refresh tokens/, 60_000);
      await wb.page.waitForFunction(
        () =>
          document.querySelectorAll('.part.sidebar .monaco-list-row[aria-level="4"] .label-description')
            .length > 0,
      );
      assert.equal(
        org.counts(server.id, client.clientId).revoked,
        revokedBefore + 3,
        'the org did not record three revocations',
      );
      // The rows change in place: three more read "Revoked", none is left spinning.
      await wb.page.waitForFunction(
        (want) => {
          const rows = Array.from(
            document.querySelectorAll('.part.sidebar .monaco-list-row[aria-level="4"]'),
            (r) => r.textContent ?? '',
          );
          return (
            rows.filter((t) => t.includes('Revoked ·')).length === want &&
            !rows.some((t) => t.includes('Revoking'))
          );
        },
        revokedRowsBefore + 3,
        { timeout: 15_000 },
      );
      await wb.screenshot('4-after-revoke-dark');

      for (const [theme, slug] of [
        ['Light Modern', 'light'],
        ['Dark High Contrast', 'hc-dark'],
        ['Light High Contrast', 'hc-light'],
      ] as const) {
        await wb.setTheme(theme);
        await wb.screenshot(`5-tree-and-panel-${slug}`);
      }
    },
  }),
  defineJourney({
    title: 'explorer: an open token panel comes back after a window reload',
    timeoutMs: 180_000,
    async run(wb, ctx) {
      const org = ctx.emulator.org;
      const server = org.servers()[1];
      const client = org.clients(server.id)[0];
      await wb.ready();
      await wb.openTreePath([ctx.connectionName, server.name, client.name]);
      await tokenRows(wb).first().click();
      const h1 = wb.webview().locator('h1').filter({ hasText: 'Refresh token' });
      await h1.waitFor({ timeout: 30_000 });
      const title = (await h1.innerText()).trim();
      // Wait for the page itself to reload, so the panel found next is the restored one, not the old page's.
      const reloaded = wb.page.waitForEvent('framenavigated', {
        predicate: (f) => f === wb.page.mainFrame(),
        timeout: 30_000,
      });
      await wb.runCommand('Developer: Reload Window');
      await reloaded;
      await wb.ready();
      const again = wb.webview().locator('h1').filter({ hasText: 'Refresh token' });
      await again.waitFor({ timeout: 60_000 });
      assert.equal((await again.innerText()).trim(), title);
      await wb.screenshot('restored-token-panel');
    },
  }),
];
