// Journeys of debugging a refresh flow in the real VS Code: a person opens Watch Tokens on a rotating
// public client while the emulator's rotation scenario runs and an app (this journey, talking to the
// emulator's authorization server like a real app: authorize with PKCE, exchange the code, refresh, then
// a second tab reusing the old refresh token after the leeway) runs — and the panel shows the rotation
// old → new and the reuse detection; then, from a token's panel, Show Timeline and Why It Expires render.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { defineJourney, type JourneyContext } from '../lib/journey';

interface AppJson {
  id: string;
  label: string;
  credentials: { oauthClient: { token_endpoint_auth_method: string } };
  settings: {
    oauthClient: { redirect_uris: string[]; refresh_token?: { rotation_type: string; leeway: number } };
  };
}

/** A rotating public client and a server that lists it (so it has a row in the tree). */
function rotatingClient(ctx: JourneyContext): { app: AppJson; serverId: string; serverName: string } {
  const org = ctx.emulator.org;
  for (const app of org.apps() as unknown as AppJson[]) {
    if (app.credentials.oauthClient.token_endpoint_auth_method !== 'none') continue;
    if (app.settings.oauthClient.refresh_token?.rotation_type !== 'ROTATE') continue;
    const server = org.servers().find((s) => org.clients(s.id).some((c) => c.clientId === app.id));
    if (server) return { app, serverId: server.id, serverName: server.name };
  }
  throw new Error('the demo org has no rotating public client listed under a server');
}

/** The app's side of the flow: what a browser app does against Okta's endpoints. */
function appFlow(ctx: JourneyContext, app: AppJson, serverId: string) {
  const issuer = `${ctx.orgUrl.replace(/\/$/, '')}/oauth2/${serverId}`;
  const token = async (params: Record<string, string>) => {
    const res = await fetch(`${issuer}/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...params, client_id: app.id }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, string> };
  };
  return {
    async signIn(login: string): Promise<string> {
      const verifier = randomBytes(32).toString('base64url');
      const redirectUri = app.settings.oauthClient.redirect_uris[0]!;
      const q = new URLSearchParams({
        client_id: app.id,
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: 'openid offline_access',
        state: 'journey',
        code_challenge: createHash('sha256').update(verifier).digest('base64url'),
        code_challenge_method: 'S256',
        login_hint: login,
      });
      const res = await fetch(`${issuer}/v1/authorize?${q}`, { redirect: 'manual' });
      const code = new URL(res.headers.get('location') ?? '').searchParams.get('code');
      assert.ok(code, 'the emulator signed the user in');
      const t = await token({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: verifier,
      });
      assert.equal(t.status, 200, JSON.stringify(t.body));
      return t.body.refresh_token!;
    },
    refresh: (refreshToken: string) => token({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  };
}

export default [
  defineJourney({
    title:
      'watch: a rotation and a reuse detection show up live while the scenario runs; the timeline and why it expires render',
    timeoutMs: 240_000,
    async run(wb, ctx) {
      const { app, serverId, serverName } = rotatingClient(ctx);
      const user = ctx.emulator.org.users().find((u) => u.status === 'ACTIVE')!;
      const flow = appFlow(ctx, app, serverId);
      const clientName = ctx.emulator.org.clients(serverId).find((c) => c.clientId === app.id)!.name;
      const rt1 = await flow.signIn(user.login);

      await wb.openTreePath([ctx.connectionName, serverName]);
      await wb.contextMenu(await wb.waitForTreeItem(clientName), 'Watch Tokens');
      const watch = wb.webview();
      await watch.locator('h1').filter({ hasText: 'Watch:' }).waitFor({ timeout: 30_000 });
      await watch
        .locator('#status')
        .filter({ hasText: /Watching · Polls every/ })
        .waitFor({ timeout: 30_000 });
      await watch.locator('.watch-row').filter({ hasText: 'Watching from now' }).waitFor({ timeout: 30_000 });
      assert.match(await watch.locator('#status').innerText(), /uses at most 10 % of the rate limit/);
      // The rotation scenario's simulated app runs beside ours (other users and apps, sign-outs, races).
      const scenario = setInterval(() => ctx.emulator.scenario.step(), 1000);
      try {
        // The app refreshes: Okta rotates the refresh token.
        const refreshed = await flow.refresh(rt1);
        assert.equal(refreshed.status, 200);
        await watch
          .locator('.watch-row.tone-rotated')
          .filter({ hasText: /Rotated: oar\S+ → oar\S+/ })
          .first()
          .waitFor({ timeout: 45_000 });
        await wb.screenshot('1-rotation');

        // A second tab uses the old refresh token after the leeway: Okta detects the reuse.
        ctx.emulator.clock.advance(((app.settings.oauthClient.refresh_token?.leeway ?? 30) + 1) * 1000);
        const reuse = await flow.refresh(rt1);
        assert.equal(reuse.status, 400);
        assert.equal(reuse.body.error, 'invalid_grant');
        await watch
          .locator('.watch-row.tone-reuse')
          .filter({ hasText: 'by reuse detection' })
          .first()
          .waitFor({ timeout: 45_000 });
        await watch
          .locator('.watch-row.tone-reuse')
          .filter({ hasText: 'Refresh token reuse detected' })
          .first()
          .waitFor({ timeout: 15_000 });
        await watch
          .locator('.watch-row.tone-failed')
          .filter({ hasText: 'invalid_refresh_token' })
          .first()
          .waitFor({ timeout: 15_000 });
        // The chain old (by rotation) → new (by reuse detection), among any the scenario's app made.
        await watch
          .locator('#chains .chain')
          .filter({ hasText: /oar\w+\s*\(by rotation\)\s*→\s*oar\w+\s*\(by reuse detection\)/ })
          .first()
          .waitFor({ timeout: 15_000 });
        await wb.screenshot('2-reuse-detected');
      } finally {
        clearInterval(scenario);
      }

      // A token of that client: its panel, then one click to its timeline and to why it expires.
      await wb.expand(clientName);
      const token = wb.page
        .locator('.part.sidebar .monaco-list-row[role="treeitem"][aria-level="4"]')
        .first();
      await token.waitFor({ timeout: 30_000 });
      await token.click();
      const panel = wb.webview();
      await panel.locator('h1').filter({ hasText: 'Refresh token' }).waitFor({ timeout: 30_000 });
      await panel.getByRole('button', { name: 'Show Timeline', exact: true }).click();
      const timeline = wb.webview();
      await timeline
        .locator('h1')
        .filter({ hasText: 'Timeline: refresh token' })
        .waitFor({ timeout: 45_000 });
      await timeline.locator('section[aria-label^="System Log events"]').waitFor({ timeout: 15_000 });
      await timeline.locator('th').filter({ hasText: 'Transaction' }).first().waitFor({ timeout: 15_000 });
      await wb.screenshot('3-timeline');

      // The token panel's own tab ("Refresh token oar…"): an earlier journey's untitled query editor, restored
      // in this window, is titled "-- Refresh tokens of …" and matched a plain 'Refresh token'.
      await wb.page
        .locator('.tabs-container .tab')
        .filter({ hasText: /Refresh token oar/ })
        .first()
        .click();
      const again = wb.webview();
      await again.getByRole('button', { name: 'Why It Expires', exact: true }).click();
      const expiry = wb.webview();
      await expiry
        .locator('h1')
        .filter({ hasText: 'Why it expires: refresh token' })
        .waitFor({ timeout: 45_000 });
      await expiry.locator('dt').filter({ hasText: 'Ends first' }).waitFor({ timeout: 15_000 });
      await expiry.getByText('Idle window', { exact: true }).waitFor({ timeout: 15_000 });
      await expiry
        .locator('section[aria-label^="Policies and rules"] td')
        .filter({ hasText: 'matches' })
        .first()
        .waitFor({ timeout: 15_000 });
      await wb.screenshot('4-why-it-expires');
    },
  }),
];
