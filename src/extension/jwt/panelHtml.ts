// The "Decode and Verify Token" panel's page: the verdict, the token's user, client and server (with
// "Reveal in Tree" links, or why not), its times and its decoded header and claims. A static page — no
// script at all (script-src 'none'), every value escaped, the stylesheet from the extension's media
// folder — so nothing in a token can run, and the token itself is never part of the page or its state.
// Pure (no vscode import) so the unit tests check the escaping and the policy.
import { escapeHtml } from '../panels/html';
import type { L10n } from '../tree/format';
import { REVEAL_COMMAND } from './hoverMarkdown';
import type { ObjectInfo, TokenReport } from './jwtService';
import { knownFrom, statusText, timeRows, tokenKindWords, verdictWords, whyNotRevealable } from './words';

export function tokenPanelCsp(cspSource: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    "script-src 'none'",
    "connect-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

function objectRow(l10n: L10n, label: string, o: ObjectInfo | undefined): string {
  if (!o) return '';
  const status = statusText(l10n, o.status);
  const why = whyNotRevealable(l10n, o);
  const link =
    'target' in o.reveal
      ? `<a href="command:${REVEAL_COMMAND}?${escapeHtml(encodeURIComponent(JSON.stringify([o.reveal.target])))}">${escapeHtml(l10n.t('Reveal in Tree'))}</a>`
      : `<span class="muted">${escapeHtml(why ?? '')}</span>`;
  return `<dt>${escapeHtml(label)}</dt><dd>${o.name ? `<strong>${escapeHtml(o.name)}</strong> ` : ''}<code class="id">${escapeHtml(o.id)}</code>${status ? ` · ${escapeHtml(status)}` : ''} <span class="muted">(${escapeHtml(knownFrom(l10n, o))})</span><br>${link}</dd>`;
}

export function tokenPanelHtml(
  l10n: L10n,
  r: TokenReport,
  o: { cspSource: string; styleUri: string; now: number; locale: string; lang?: string },
): string {
  const v = verdictWords(l10n, r, o.now, o.locale);
  const badge = v.tone === 'pass' ? 'active' : v.tone === 'fail' ? 'revoked' : 'expired';
  const iss = typeof r.jwt.claims.iss === 'string' ? r.jwt.claims.iss : '';
  const times = timeRows(l10n, r.jwt.claims, o.now, o.locale)
    .map((t) => `<dt><code>${escapeHtml(t.claim)}</code></dt><dd>${escapeHtml(t.text)}</dd>`)
    .join('');
  const title = l10n.t('Token: {0}', v.title);
  return `<!DOCTYPE html>
<html lang="${escapeHtml(o.lang ?? 'en')}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(tokenPanelCsp(o.cspSource))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="root">
<h1>${escapeHtml(l10n.t('Decoded token'))} <span class="badge ${badge}">${escapeHtml(v.title)}</span></h1>
<p class="subtitle">${escapeHtml(tokenKindWords(l10n, r))}${r.connection ? ` · ${escapeHtml(r.connection.name)}` : ''}</p>
<p class="verdict">${escapeHtml(v.detail)}</p>
<h2>${escapeHtml(l10n.t('Issued by and for'))}</h2>
<dl class="fields">
<dt>${escapeHtml(l10n.t('Issuer'))}</dt><dd><code class="id">${escapeHtml(iss || l10n.t('(none)'))}</code></dd>
${objectRow(l10n, l10n.t('Server'), r.server)}
${objectRow(l10n, l10n.t('Client'), r.client)}
${objectRow(l10n, l10n.t('User'), r.user)}
</dl>
${times ? `<h2>${escapeHtml(l10n.t('Times'))}</h2><dl class="fields">${times}</dl>` : ''}
<h2>${escapeHtml(l10n.t('Header'))}</h2>
<pre><code>${escapeHtml(JSON.stringify(r.jwt.header, null, 2))}</code></pre>
<h2>${escapeHtml(l10n.t('Claims'))}</h2>
<pre><code>${escapeHtml(JSON.stringify(r.jwt.claims, null, 2))}</code></pre>
</main>
</body>
</html>`;
}
