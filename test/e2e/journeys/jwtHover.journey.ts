// Journey: a developer opens a .env file holding tokens from the demo org and hovers over them. The
// hover decodes each token and gives its verdict from the org's own keys: "Valid" for the access token
// the default server issued, "Bad signature" for the same token with a claim changed afterwards — and
// nothing in the file is underlined (no diagnostics). The tokens are minted by the emulator behind the
// demo connection, so the keys come through that connection.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineJourney } from '../lib/journey';
import type { Workbench } from '../lib/workbench';

/** The same token with one claim changed and the original signature kept. */
function tamper(token: string, change: Record<string, unknown>): string {
  const [h, p, s] = token.split('.');
  const claims = { ...(JSON.parse(Buffer.from(p!, 'base64url').toString()) as object), ...change };
  return `${h}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${s}`;
}

/** Puts the cursor at the end of `line` (1-based) and asks for the hover there; returns its text. */
async function hoverAtEndOf(wb: Workbench, line: number, expect: RegExp): Promise<string> {
  const hover = wb.page.locator('.monaco-editor .monaco-hover').filter({ hasText: expect }).first();
  const editor = wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  for (let attempt = 1; ; attempt++) {
    await editor.click();
    await wb.page.keyboard.press('Control+Home');
    for (let i = 1; i < line; i++) await wb.page.keyboard.press('ArrowDown');
    await wb.page.keyboard.press('End');
    // The hover the keyboard opens (Ctrl+K Ctrl+I), as a person without a mouse would.
    await wb.runCommand('Show or Focus Hover');
    try {
      // The first hover fetches the org's discovery document and keys; later ones are answered from cache.
      await hover.waitFor({ state: 'visible', timeout: 30_000 });
      return (await hover.innerText()).replace(/\u00a0/g, ' ');
    } catch (e) {
      if (attempt === 3) throw e;
      await wb.page.keyboard.press('Escape');
    }
  }
}

export default defineJourney({
  title: 'tokens in any file: hovering over tokens in a .env file shows each verdict from the org’s keys',
  timeoutMs: 180_000,
  async run(wb, ctx) {
    const em = ctx.emulator;
    const folder = new URL(ctx.url).searchParams.get('folder');
    assert.ok(folder, 'the workbench URL names its workspace folder');
    const token = em.authServers.mintJwt({ serverId: 'default', lifetimeSeconds: 3600 });
    const forged = tamper(em.authServers.mintJwt({ serverId: 'default' }), { scp: ['admin'] });
    writeFileSync(
      join(folder, '.env'),
      `# tokens copied from the demo app\nACCESS_TOKEN=${token}\nFORGED_TOKEN=${forged}\n`,
    );

    await wb.ready();
    await wb.runCommand('Go to File');
    await wb.page.keyboard.insertText('.env');
    await wb.page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ hasText: '.env' })
      .first()
      .waitFor({ state: 'visible', timeout: 30_000 });
    await wb.page.keyboard.press('Enter');
    await wb.page
      .locator('.tabs-container .tab.active .label-name', { hasText: '.env' })
      .waitFor({ state: 'visible', timeout: 30_000 });

    const valid = await hoverAtEndOf(wb, 2, /Valid/);
    assert.match(valid, /access token · Demo org/);
    assert.match(valid, /Valid — Signature checked against the keys of .*\/oauth2\/default/);
    assert.match(valid, /audience is the server's/);
    assert.match(valid, /exp .*\(in (59|60) minutes\)/);
    assert.ok(!valid.includes(token.split('.')[2]!), 'the hover does not show the token');
    await wb.screenshot('1-valid-token-hover');
    await wb.page.keyboard.press('Escape');

    const bad = await hoverAtEndOf(wb, 3, /Bad signature/);
    assert.match(bad, /Bad signature — The token does not match its signature/);
    await wb.screenshot('2-forged-token-hover');
    await wb.page.keyboard.press('Escape');

    // No squiggles: the extension adds no diagnostics to the user's file.
    assert.equal(
      await wb.page
        .locator(
          '.editor-group-container.active .squiggly-error, .editor-group-container.active .squiggly-warning',
        )
        .count(),
      0,
    );
  },
});
