// The hover's Markdown for a JWT and for an Okta id. Everything that comes from the token or the org
// (claims, names) is either inside a code fence longer than any backtick run in it or escaped, so a
// claim cannot add links, images or commands; the only command links are the "Reveal in Tree" ones
// built here, and the hover trusts only that command. Pure (no vscode import) for tests and the bench.
import type { L10n } from '../tree/format';
import type { ObjectInfo, RevealTarget, TokenReport } from './jwtService';
import {
  knownFrom,
  objectKindWords,
  statusText,
  timeRows,
  tokenKindWords,
  verdictWords,
  whyNotRevealable,
  type VerdictTone,
} from './words';

export const REVEAL_COMMAND = 'oktaTokenExplorer.revealOktaId';

/** Text shown literally in Markdown: every character with a meaning escaped, line breaks flattened. */
export function mdText(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are dropped from API text
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/[\\`*_{}[\]()#+\-.!|<>~&"':=$]/g, '\\$&');
}

/** A fenced block that no backtick run inside `text` can close. */
export function codeBlock(text: string, lang = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${lang}\n${text}\n${fence}`;
}

export function revealLink(l10n: L10n, target: RevealTarget): string {
  const args = encodeURIComponent(JSON.stringify([target]));
  return `[${mdText(l10n.t('Reveal in Tree'))}](command:${REVEAL_COMMAND}?${args})`;
}

const ICON: Record<VerdictTone, string> = { pass: '$(pass-filled)', fail: '$(error)', info: '$(info)' };

function objectLine(l10n: L10n, label: string, o: ObjectInfo): string {
  const name = o.name ? `**${mdText(o.name)}** ` : '';
  const status = statusText(l10n, o.status);
  const bits = [`${label}: ${name}\`${o.id}\``];
  if (status) bits.push(mdText(status));
  bits.push(`*${mdText(knownFrom(l10n, o))}*`);
  const why = whyNotRevealable(l10n, o);
  const tail = 'target' in o.reveal ? revealLink(l10n, o.reveal.target) : why ? mdText(why) : '';
  return `${bits.join(' · ')}${tail ? ` — ${tail}` : ''}`;
}

export interface HoverOptions {
  now: number;
  locale: string;
}

export function tokenHoverMarkdown(l10n: L10n, r: TokenReport, o: HoverOptions): string {
  const v = verdictWords(l10n, r, o.now, o.locale);
  const out: string[] = [];
  const connection = r.connection ? ` · ${mdText(r.connection.name)}` : '';
  out.push(`**${mdText(l10n.t('JWT'))}** · ${mdText(tokenKindWords(l10n, r))}${connection}`);
  out.push(`${ICON[v.tone]} **${mdText(v.title)}** — ${mdText(v.detail)}`);
  const named: string[] = [];
  if (r.server) named.push(objectLine(l10n, mdText(l10n.t('Server')), r.server));
  if (r.client) named.push(objectLine(l10n, mdText(l10n.t('Client')), r.client));
  if (r.user) named.push(objectLine(l10n, mdText(l10n.t('User')), r.user));
  if (named.length) out.push(named.join('  \n'));
  const times = timeRows(l10n, r.jwt.claims, o.now, o.locale);
  if (times.length) out.push(times.map((t) => `\`${t.claim}\` ${mdText(t.text)}`).join('  \n'));
  out.push(`${mdText(l10n.t('Header'))}\n\n${codeBlock(JSON.stringify(r.jwt.header, null, 2), 'json')}`);
  out.push(`${mdText(l10n.t('Claims'))}\n\n${codeBlock(JSON.stringify(r.jwt.claims, null, 2), 'json')}`);
  return out.join('\n\n');
}

export function unreadableTokenMarkdown(l10n: L10n, reason: string): string {
  return `**${mdText(l10n.t('JWT'))}** · ${ICON.fail} **${mdText(l10n.t('Not a readable JWT'))}** — ${mdText(reason)}`;
}

export function idHoverMarkdown(l10n: L10n, o: ObjectInfo): string {
  const kind = objectKindWords(l10n, o.kind);
  const head = o.name ? `**${mdText(o.name)}** · ${mdText(kind)}` : `**${mdText(kind)}**`;
  const status = statusText(l10n, o.status);
  const lines = [
    `${head} \`${o.id}\`${status ? ` · ${mdText(status)}` : ''}`,
    `*${mdText(knownFrom(l10n, o))}*`,
  ];
  const why = whyNotRevealable(l10n, o);
  lines.push('target' in o.reveal ? revealLink(l10n, o.reveal.target) : mdText(why ?? ''));
  return lines.join('\n\n');
}
