// Builds what each detail panel shows, from fresh API calls: a token with its embedded scopes and links,
// a client's tokens as a sortable table, an authorization server's metadata and scopes. The result is
// plain data (DetailView); the page renders it as text, so no API value is ever interpreted as markup.
import * as vscode from 'vscode';
import type { OktaClient } from '../../okta';
import type { HrefObject, Links, OAuth2RefreshToken } from '../../okta/models';
import { tokenServerId, tokenUserName, userDisplayName } from '../tree/filters';
import { dateLine, dateText, serverState, statusWord, tokenState } from '../tree/format';
import { tokenLabel } from '../tree/nodes';
import { STATE_ORDER } from '../tree/order';
import type { ClientIds, DetailView, Field, LinkView, ServerIds, TokenIds, UserIds } from './protocol';

const MAX_CLIENT_PAGES = 5;

/** A date as every panel shows it (format.ts): local time, "in 3 days" beside it, the ISO value on hover. */
function date(iso: string | undefined, now: number) {
  return dateText(vscode.l10n, iso, now, vscode.env.language);
}

function dateField(label: string, iso: string | undefined, now: number): Field | undefined {
  const d = date(iso, now);
  return d && { label, value: d.text, note: d.relative, title: d.iso };
}

function fields(...f: (Field | undefined)[]): Field[] {
  return f.filter((x): x is Field => !!x && x.value !== '');
}

function linkTitle(l: Links[string]): string | undefined {
  const one = Array.isArray(l) ? l[0] : l;
  return one?.title?.trim() || undefined;
}

function linkViews(links: Links): LinkView[] {
  const out: LinkView[] = [];
  for (const [rel, v] of Object.entries(links)) {
    const list: HrefObject[] = Array.isArray(v) ? v : v ? [v] : [];
    for (const l of list) out.push({ rel, href: l.href, title: l.title ?? l.name });
  }
  return out;
}

export async function tokenView(
  client: OktaClient,
  ids: TokenIds,
): Promise<{ view: DetailView; token: OAuth2RefreshToken }> {
  const t = await client.getRefreshToken(ids.authServerId, ids.clientId, ids.tokenId, { expandScope: true });
  const now = Date.now();
  const state = tokenState(t, now);
  const word = statusWord(vscode.l10n, state, t.status);
  const embedded = t._embedded?.scopes;
  const scopeRows = embedded
    ? embedded.map((s) => [s.name, s.displayName ?? '', s.description ?? ''])
    : t.scopes.map((name) => [name, '', '']);
  const view: DetailView = {
    ids,
    title: vscode.l10n.t('Refresh token {0}', t.id),
    subtitle: tokenLabel(t),
    state,
    stateLabel: word,
    fields: fields(
      { label: vscode.l10n.t('Token ID'), value: t.id },
      {
        label: vscode.l10n.t('Status'),
        value: word,
        // Okta keeps an expired token ACTIVE; say so rather than contradict the badge.
        note: t.status && state === 'expired' ? vscode.l10n.t('Okta still reports {0}', t.status) : undefined,
      },
      // The person first (as Okta names the token's user), then the id the API and queries use.
      { label: vscode.l10n.t('User'), value: tokenUserName(t) ?? '' },
      { label: vscode.l10n.t('User ID'), value: t.userId ?? '' },
      { label: vscode.l10n.t('Client'), value: linkTitle(t._links.client) ?? '' },
      { label: vscode.l10n.t('Client ID'), value: t.clientId ?? ids.clientId },
      { label: vscode.l10n.t('Authorization server'), value: ids.authServerId },
      { label: vscode.l10n.t('Issuer'), value: t.issuer ?? '' },
      dateField(vscode.l10n.t('Created'), t.created, now),
      dateField(vscode.l10n.t('Last updated'), t.lastUpdated, now),
      dateField(vscode.l10n.t('Expires'), t.expiresAt, now) ?? {
        label: vscode.l10n.t('Expires'),
        value: vscode.l10n.t('no expiry'),
      },
    ),
    tables: [
      {
        caption: vscode.l10n.t('Scopes ({0})', scopeRows.length),
        columns: [vscode.l10n.t('Name'), vscode.l10n.t('Display name'), vscode.l10n.t('Description')],
        rows: scopeRows,
        kinds: ['code', 'text', 'text'],
        empty: vscode.l10n.t('This token has no scopes.'),
      },
    ],
    links: { caption: vscode.l10n.t('Links'), items: linkViews(t._links) },
    actions: [
      { id: 'revoke', label: vscode.l10n.t('Revoke'), destructive: true, disabled: state === 'revoked' },
      // Every token panel leads to its user and its client.
      ...(t.userId ? [{ id: 'openUser', label: vscode.l10n.t('Open User') }] : []),
      { id: 'openClient', label: vscode.l10n.t('Open Client') },
      // What happened to it and why it ends when it does (src/extension/watch).
      { id: 'timeline', label: vscode.l10n.t('Show Timeline') },
      { id: 'whyExpires', label: vscode.l10n.t('Why It Expires') },
      { id: 'copyId', label: vscode.l10n.t('Copy ID') },
      { id: 'copyQuery', label: vscode.l10n.t('Copy as Query') },
      { id: 'refresh', label: vscode.l10n.t('Refresh') },
    ],
  };
  return { view, token: t };
}

export async function clientView(
  client: OktaClient,
  ids: ClientIds,
  clientName: string | undefined,
): Promise<DetailView> {
  const tokens: OAuth2RefreshToken[] = [];
  let truncated = false;
  let pages = 0;
  for await (const page of client
    .listRefreshTokens(ids.authServerId, ids.clientId, { expandScope: false, limit: 200 })
    .pages({ maxPages: MAX_CLIENT_PAGES })) {
    tokens.push(...page.items);
    pages++;
    if (pages >= MAX_CLIENT_PAGES && page.nextUrl) truncated = true;
  }
  // The tree knows the name once it has listed the server's clients; after a window reload it may not
  // yet, and each token links to its client with the name as the link's title.
  const link = tokens[0]?._links.client;
  const linkedName = Array.isArray(link) ? link[0]?.title : link?.title;
  clientName ??= linkedName;
  const name = clientName ?? ids.clientId;
  const now = Date.now();
  const active = tokens.filter((t) => tokenState(t, now) === 'active').length;
  const expires = tokens.map((t) => date(t.expiresAt, now));
  return {
    ids,
    title: vscode.l10n.t('Client {0}', name),
    subtitle: ids.clientId,
    fields: fields(
      { label: vscode.l10n.t('Client name'), value: clientName ?? '' },
      { label: vscode.l10n.t('Client ID'), value: ids.clientId },
      { label: vscode.l10n.t('Authorization server'), value: ids.authServerId },
      {
        label: vscode.l10n.t('Refresh tokens'),
        value: truncated
          ? vscode.l10n.t('{0}+ (first {1} pages)', tokens.length, MAX_CLIENT_PAGES)
          : String(tokens.length),
      },
      { label: vscode.l10n.t('Active'), value: String(active) },
    ),
    tables: [
      {
        caption: vscode.l10n.t('Refresh tokens'),
        columns: [
          vscode.l10n.t('Token ID'),
          vscode.l10n.t('User'),
          vscode.l10n.t('Status'),
          vscode.l10n.t('Expires'),
          vscode.l10n.t('Scopes'),
        ],
        rows: tokens.map((t, i) => [
          t.id,
          tokenLabel(t),
          statusWord(vscode.l10n, tokenState(t, now), t.status),
          expires[i] ? dateLine(expires[i]) : vscode.l10n.t('no expiry'),
          t.scopes.join(' '),
        ]),
        kinds: ['id', 'text', 'text', 'text', 'code'],
        // Sorted by the instant, not by the local text; the exact value on hover.
        sortKeys: { 3: expires.map((d) => d?.iso ?? '') },
        titles: { 3: expires.map((d) => d?.iso ?? '') },
        rowKeys: tokens.map((t) => t.id),
        empty: vscode.l10n.t('This client holds no refresh tokens.'),
      },
    ],
    actions: [
      {
        id: 'revokeAll',
        label: vscode.l10n.t('Revoke All Tokens'),
        destructive: true,
        disabled: tokens.length === 0,
      },
      { id: 'copyId', label: vscode.l10n.t('Copy Client ID') },
      { id: 'refresh', label: vscode.l10n.t('Refresh') },
    ],
  };
}

export async function serverView(client: OktaClient, ids: ServerIds): Promise<DetailView> {
  const [s, scopes] = await Promise.all([
    client.getAuthorizationServer(ids.authServerId),
    client.listScopes(ids.authServerId, { limit: 200 }).toArray({ maxPages: 5 }),
  ]);
  const signing = s.credentials?.signing;
  const now = Date.now();
  const state = serverState(s.status);
  const word = statusWord(vscode.l10n, state, s.status);
  return {
    ids,
    title: vscode.l10n.t('Authorization server {0}', s.name),
    subtitle: s.id,
    state,
    stateLabel: word,
    fields: fields(
      { label: vscode.l10n.t('Name'), value: s.name },
      { label: vscode.l10n.t('ID'), value: s.id },
      { label: vscode.l10n.t('Description'), value: s.description ?? '' },
      { label: vscode.l10n.t('Status'), value: word },
      { label: vscode.l10n.t('Issuer'), value: s.issuer ?? '' },
      { label: vscode.l10n.t('Issuer mode'), value: s.issuerMode ?? '' },
      { label: vscode.l10n.t('Audiences'), value: s.audiences.join(', ') },
      dateField(vscode.l10n.t('Created'), s.created, now),
      dateField(vscode.l10n.t('Last updated'), s.lastUpdated, now),
      { label: vscode.l10n.t('Signing key'), value: signing?.kid ?? '' },
      { label: vscode.l10n.t('Key rotation'), value: signing?.rotationMode ?? '' },
      dateField(vscode.l10n.t('Next rotation'), signing?.nextRotation, now),
    ),
    tables: [
      {
        caption: vscode.l10n.t('Scopes ({0})', scopes.length),
        columns: [
          vscode.l10n.t('Name'),
          vscode.l10n.t('Display name'),
          vscode.l10n.t('Description'),
          vscode.l10n.t('Consent'),
          vscode.l10n.t('Default'),
          vscode.l10n.t('System'),
        ],
        rows: scopes.map((sc) => [
          sc.name,
          sc.displayName ?? '',
          sc.description ?? '',
          sc.consent ?? '',
          sc.default ? '✓' : '',
          sc.system ? '✓' : '',
        ]),
        kinds: ['code', 'text', 'text', 'text', 'text', 'text'],
        empty: vscode.l10n.t('This server has no scopes.'),
      },
    ],
    links: { caption: vscode.l10n.t('Links'), items: linkViews(s._links) },
    actions: [
      { id: 'copyIssuer', label: vscode.l10n.t('Copy Issuer') },
      { id: 'copyId', label: vscode.l10n.t('Copy ID') },
      { id: 'refresh', label: vscode.l10n.t('Refresh') },
    ],
  };
}

const MAX_USER_PAGES = 5;

/**
 * A user: profile basics, the clients holding their tokens or grants, their refresh tokens on every
 * client (counted by status) and their consent grants. Each token row opens its token panel.
 */
export async function userView(client: OktaClient, ids: UserIds): Promise<DetailView> {
  const [u, clients, grants] = await Promise.all([
    client.getUser(ids.userId),
    client.listUserClients(ids.userId).toArray({ maxPages: MAX_USER_PAGES }),
    client
      .listUserGrants(ids.userId, { limit: 200 })
      .toArray({ maxPages: MAX_USER_PAGES })
      .catch(() => undefined),
  ]);
  const perClient = await Promise.all(
    clients.map(async (c) => ({
      c,
      tokens: await client
        .listUserRefreshTokens(ids.userId, c.client_id, { expandScope: false, limit: 200 })
        .toArray({ maxPages: MAX_USER_PAGES }),
    })),
  );
  const now = Date.now();
  const name = userDisplayName(u);
  const tokens = perClient.flatMap(({ c, tokens: ts }) => ts.map((t) => ({ c, t })));
  const count = (state: string) => tokens.filter(({ t }) => tokenState(t, now) === state).length;
  const clientName = (clientId: string | undefined) =>
    clients.find((c) => c.client_id === clientId)?.client_name ?? clientId ?? '';
  const expires = tokens.map(({ t }) => date(t.expiresAt, now));
  return {
    ids,
    title: vscode.l10n.t('User {0}', name),
    subtitle: u.profile.login ?? u.id,
    ...(u.status
      ? {
          state: u.status.toUpperCase() === 'ACTIVE' ? 'active' : 'other',
          stateLabel: statusWord(
            vscode.l10n,
            u.status.toUpperCase() === 'ACTIVE' ? 'active' : 'other',
            u.status,
          ),
        }
      : {}),
    fields: fields(
      { label: vscode.l10n.t('Name'), value: name },
      { label: vscode.l10n.t('Login'), value: u.profile.login ?? '' },
      { label: vscode.l10n.t('Email'), value: u.profile.email ?? '' },
      { label: vscode.l10n.t('User ID'), value: u.id },
      dateField(vscode.l10n.t('Created'), u.created, now),
      dateField(vscode.l10n.t('Last login'), u.lastLogin ?? undefined, now),
      // Token counts by status, over every client (what was listed: up to five pages a client).
      ...STATE_ORDER.filter((s) => s !== 'other' || count(s) > 0).map((s) => ({
        label: vscode.l10n.t('{0} tokens', statusWord(vscode.l10n, s)),
        value: String(count(s)),
      })),
    ),
    tables: [
      {
        caption: vscode.l10n.t('Clients ({0})', clients.length),
        columns: [
          vscode.l10n.t('Client'),
          vscode.l10n.t('Client ID'),
          vscode.l10n.t('Refresh tokens'),
          vscode.l10n.t('Active'),
        ],
        rows: perClient.map(({ c, tokens: ts }) => [
          c.client_name ?? c.client_id,
          c.client_id,
          String(ts.length),
          String(ts.filter((t) => tokenState(t, now) === 'active').length),
        ]),
        kinds: ['text', 'id', 'text', 'text'],
        empty: vscode.l10n.t('No client holds tokens or grants of this user.'),
      },
      {
        caption: vscode.l10n.t('Refresh tokens ({0})', tokens.length),
        columns: [
          vscode.l10n.t('Token ID'),
          vscode.l10n.t('Client'),
          vscode.l10n.t('Authorization server'),
          vscode.l10n.t('Status'),
          vscode.l10n.t('Expires'),
        ],
        rows: tokens.map(({ c, t }, i) => [
          t.id,
          c.client_name ?? c.client_id,
          tokenServerId(t) ?? '',
          statusWord(vscode.l10n, tokenState(t, now), t.status),
          expires[i] ? dateLine(expires[i]) : vscode.l10n.t('no expiry'),
        ]),
        kinds: ['id', 'text', 'id', 'text', 'text'],
        sortKeys: { 4: expires.map((d) => d?.iso ?? '') },
        titles: { 4: expires.map((d) => d?.iso ?? '') },
        // Opens the token's panel: where it lives (server, client) and its id.
        rowKeys: tokens.map(({ c, t }) => JSON.stringify([tokenServerId(t) ?? '', c.client_id, t.id])),
        empty: vscode.l10n.t('This user holds no refresh tokens.'),
      },
      {
        caption: vscode.l10n.t('Grants ({0})', grants?.length ?? 0),
        columns: [
          vscode.l10n.t('Scope'),
          vscode.l10n.t('Client'),
          vscode.l10n.t('Status'),
          vscode.l10n.t('Source'),
          vscode.l10n.t('Created'),
        ],
        rows: (grants ?? []).map((g) => {
          const created = date(g.created, now);
          return [
            linkTitle(g._links.scope) ?? g.scopeId ?? '',
            clientName(g.clientId),
            g.status
              ? statusWord(vscode.l10n, g.status.toUpperCase() === 'ACTIVE' ? 'active' : 'other', g.status)
              : '',
            g.source ?? '',
            created ? dateLine(created) : '',
          ];
        }),
        kinds: ['code', 'text', 'text', 'text', 'text'],
        empty: grants
          ? vscode.l10n.t('This user has no consent grants.')
          : vscode.l10n.t('The grants could not be read.'),
      },
    ],
    actions: [
      { id: 'copyId', label: vscode.l10n.t('Copy User ID') },
      { id: 'refresh', label: vscode.l10n.t('Refresh') },
    ],
  };
}
