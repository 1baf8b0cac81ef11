// Journey: the README's pictures. On the demo org, in Light Modern, Dark Modern and Dark High Contrast,
// it saves the tree expanded to a client's tokens with a token panel beside it, the revoke modal over
// the tree (answered Cancel: nothing is revoked), and the results grid of a client opened as a query.
// The images are small JPEGs at a 1200×750 window; `npm run screenshots` (scripts/screenshots.mjs) runs
// this journey alone and copies them into docs/screenshots/. Each picture is also checked for what a
// person would see in it: the panel and grid wear the theme, the modal names the token's user, the grid
// has the client's rows.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { defineJourney } from '../lib/journey';
import type { Workbench } from '../lib/workbench';

const THEMES = [
  // theme, file-name suffix, the class VS Code puts on a webview's <body> in that theme
  ['Light Modern', 'light', 'vscode-light'],
  ['Dark Modern', 'dark', 'vscode-dark'],
  ['Dark High Contrast', 'hc-dark', 'vscode-high-contrast'],
] as const;

/** Saves the window as a small JPEG, <shotsDir>/<name>.jpg (the README shows these). */
async function shot(wb: Workbench, name: string): Promise<void> {
  mkdirSync(wb.shotsDir, { recursive: true });
  // Let the mouse's hover highlight go, so pictures show the resting state.
  await wb.page.mouse.move(0, 0);
  await wb.page.screenshot({ path: join(wb.shotsDir, `${name}.jpg`), type: 'jpeg', quality: 55 });
}

/** Waits until the webview's page wears the theme (its body class), so the picture shows it. */
async function wearsTheme(view: FrameLocator, bodyClass: string): Promise<void> {
  await view.locator(`body.${bodyClass}`).waitFor({ state: 'attached', timeout: 30_000 });
}

export default defineJourney({
  title:
    'screenshots: the tree, a token panel, the results grid and the revoke modal in light, dark and high contrast',
  timeoutMs: 300_000,
  async run(wb, ctx) {
    const org = ctx.emulator.org;
    const server = org.servers()[0]!;
    const client = org.clients(server.id)[0]!;
    await wb.page.setViewportSize({ width: 1200, height: 750 });
    await wb.ready();
    const tokens = wb.page
      .locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="4"]')
      .filter({ hasText: 'Active ·' });
    const token = tokens.first();
    // The tree can be rebuilt (collapsed) as the demo connection settles, and a theme switch may reload
    // the window (views and panels come back, the tree collapsed): open it again then.
    const showTokens = async () => {
      for (let attempt = 1; ; attempt++) {
        await wb.openTreePath([ctx.connectionName, server.name, client.name]);
        try {
          await token.waitFor({ state: 'visible', timeout: 15_000 });
          return;
        } catch (e) {
          if (attempt === 3) throw e;
        }
      }
    };
    await showTokens();
    await token.click();
    const user = (await token.locator('.label-name').innerText()).trim();
    const panel = wb.webview();
    await panel.locator('h1').filter({ hasText: 'Refresh token' }).waitFor({ timeout: 30_000 });
    const revokedBefore = org.counts(server.id, client.clientId).revoked;

    for (const [theme, suffix, bodyClass] of THEMES) {
      await wb.setTheme(theme);
      await showTokens();
      await wearsTheme(panel, bodyClass);
      await shot(wb, `tree-panel-${suffix}`);

      // The revoke modal over the tree, naming whose token it is; Cancel leaves the token alone.
      await wb.contextMenu(token, 'Revoke Token(s)…');
      const dialog = wb.page.locator('.monaco-dialog-box');
      await dialog.waitFor({ state: 'visible', timeout: 15_000 });
      const said = (await dialog.locator('.dialog-message-text, .dialog-message').allInnerTexts()).join('\n');
      const { detail } = await wb.modalContent();
      assert.ok(
        `${said}\n${detail}`.includes(`The token belongs to ${user}.`),
        `the revoke modal does not name ${user}: ${said} ${detail}`,
      );
      await shot(wb, `revoke-modal-${suffix}`);
      await wb.answerModal('Cancel');
      assert.equal(org.counts(server.id, client.clientId).revoked, revokedBefore, 'a token was revoked');
    }

    // The client opened as a query and run: its tokens in the results grid.
    const grid = wb.webview();
    const runQuery = async () => {
      await wb.contextMenu(await wb.waitForTreeItem(client.name), 'Open as Query');
      await wb.runLens(grid.locator('p.meta').first());
    };
    await runQuery();
    const expected = org.listTokens(server.id, client.clientId) as unknown[];
    assert.ok(expected.length > 0, 'the demo client has no tokens to show');
    const meta = (await grid.locator('p.meta').first().innerText()).trim();
    assert.match(meta, new RegExp(`^${expected.length} rows? · on ${ctx.connectionName}`));
    assert.ok((await grid.locator('table.grid tbody tr').count()) > 0, `the grid shows no rows: ${meta}`);
    for (const [theme, suffix, bodyClass] of THEMES) {
      await wb.setTheme(theme);
      // A reload (see showTokens) does not bring the results back: run the query again then.
      const shown = await grid
        .locator('table.grid tbody tr')
        .first()
        .waitFor({ state: 'visible', timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (!shown) {
        await showTokens();
        await runQuery();
      }
      await wearsTheme(grid, bodyClass);
      await shot(wb, `grid-${suffix}`);
    }
  },
});
