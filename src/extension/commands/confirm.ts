// The confirmation in front of every revoke: a modal that names the count, the client(s), the users
// whose tokens go and the consequence, where dismissing means "no"; and, for "revoke all" or selections
// above the configured size, typing the client's name (or, across several clients, the number of
// tokens) before anything is sent.
import * as vscode from 'vscode';
import type { OAuth2RefreshToken } from '../../okta/models';
import type { Prompter } from '../prompter';
import { tokenLabel } from '../tree/nodes';
import {
  shortList,
  typedPhrase,
  usersOf,
  type ConfirmRequest,
  type ConfirmSettings,
  type ConfirmToken,
} from './confirmPolicy';

export type { ConfirmRequest, ConfirmSettings, ConfirmToken } from './confirmPolicy';

/** A token as the modal shows it: its user as the tree names the row (never the token id as a "user"). */
export function confirmTokenOf(t: OAuth2RefreshToken, clientName?: string): ConfirmToken {
  const label = tokenLabel(t);
  return {
    tokenId: t.id,
    ...(label !== t.id ? { user: label } : {}),
    ...(t.userId ? { userId: t.userId } : {}),
    ...(clientName ? { clientName } : {}),
  };
}

/** "Karen Easley, Bob Stone and 3 more": every name up to five, else four and a count. */
export function namesText(names: readonly string[]): string {
  const { shown, more } = shortList(names);
  return more ? vscode.l10n.t('{0} and {1} more', shown.join(', '), more) : shown.join(', ');
}

/** Who must sign in again, in a sentence; '' when no token's user is known. */
function usersLine(req: ConfirmRequest): string {
  const { names, unknown } = usersOf(req.tokens ?? []);
  if (names.length === 0) return '';
  const list = namesText(names);
  const who =
    req.count === undefined
      ? names.length === 1
        ? vscode.l10n.t('The loaded tokens belong to {0}.', list)
        : vscode.l10n.t('The loaded tokens belong to {0} users: {1}.', names.length, list)
      : req.count === 1
        ? vscode.l10n.t('The token belongs to {0}.', list)
        : names.length === 1
          ? vscode.l10n.t('All of them belong to {0}.', list)
          : vscode.l10n.t('They belong to {0} users: {1}.', names.length, list);
  return unknown
    ? `${who} ${unknown === 1 ? vscode.l10n.t('The user of 1 token is not loaded.') : vscode.l10n.t('The users of {0} tokens are not loaded.', unknown)}`
    : who;
}

/** Lists the tokens the modal is about (user, client, token id); closing it returns to the modal. */
async function showTokens(ui: Prompter, tokens: readonly ConfirmToken[], question: string): Promise<void> {
  await ui.pick(
    tokens.map((t) => ({
      label: t.user ?? vscode.l10n.t('User not loaded'),
      description: t.clientName,
      detail: vscode.l10n.t('Token {0}', t.tokenId),
      value: t,
    })),
    {
      title:
        tokens.length === 1
          ? vscode.l10n.t('The token to revoke')
          : vscode.l10n.t('The {0} tokens to revoke', tokens.length),
      placeHolder: question,
      canPickMany: false,
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
}

export function readConfirmSettings(): ConfirmSettings {
  const cfg = vscode.workspace.getConfiguration('oktaTokenExplorer.revoke');
  const mode = cfg.get<string>('confirmation', 'modal') === 'typeName' ? 'typeName' : 'modal';
  const threshold = Math.max(1, cfg.get<number>('typeNameThreshold', 10));
  return { mode, threshold };
}

export async function confirmRevoke(
  ui: Prompter,
  req: ConfirmRequest,
  s: ConfirmSettings = readConfirmSettings(),
): Promise<boolean> {
  const client =
    req.clientNames.length === 1 ? req.clientNames[0] : vscode.l10n.t('{0} clients', req.clientNames.length);
  const clients = req.clientNames.length === 1 ? `"${client}"` : client;
  const c = req.connection;
  const message = c
    ? req.count === undefined
      ? vscode.l10n.t(
          'Revoke ALL refresh tokens of "{0}" on connection "{1}" ({2})?',
          client,
          c.name,
          c.orgUrl,
        )
      : req.count === 1
        ? vscode.l10n.t(
            'Revoke 1 refresh token of "{0}" on connection "{1}" ({2})?',
            client,
            c.name,
            c.orgUrl,
          )
        : vscode.l10n.t(
            'Revoke {0} refresh tokens of {1} on connection "{2}" ({3})?',
            req.count,
            clients,
            c.name,
            c.orgUrl,
          )
    : req.count === undefined
      ? req.user !== undefined
        ? vscode.l10n.t('Revoke ALL refresh tokens of {0} for "{1}"?', req.user, client)
        : vscode.l10n.t('Revoke ALL refresh tokens of "{0}"?', client)
      : req.count === 1
        ? vscode.l10n.t('Revoke 1 refresh token of "{0}"?', client)
        : vscode.l10n.t('Revoke {0} refresh tokens of {1}?', req.count, clients);
  const detail = [
    req.count !== undefined
      ? ''
      : req.user !== undefined
        ? vscode.l10n.t(
            'Every refresh token {0} holds for this client is revoked, on every authorization server, including any not loaded in the tree ({1} loaded). Other users keep theirs.',
            req.user,
            req.loadedCount ?? 0,
          )
        : req.listedCount === null
          ? vscode.l10n.t(
              "The client's tokens could not be listed beforehand. Every refresh token it holds on the authorization server is revoked.",
            )
          : req.listedCount !== undefined
            ? vscode.l10n.t(
                'Okta lists {0} refresh tokens of this client that are not revoked yet. Every refresh token it holds on the authorization server is revoked, including any issued since.',
                req.listedCount,
              )
            : vscode.l10n.t(
                'Every refresh token this client holds on the authorization server is revoked, including any not loaded in the tree ({0} loaded).',
                req.loadedCount ?? 0,
              ),
    req.skipped
      ? req.skipped === 1
        ? vscode.l10n.t('1 selected token is already revoked and is left out.')
        : vscode.l10n.t('{0} selected tokens are already revoked and are left out.', req.skipped)
      : '',
    usersLine(req),
    req.count === 1
      ? vscode.l10n.t(
          'Access tokens minted with this refresh token are revoked too, so its user must sign in again. This cannot be undone.',
        )
      : vscode.l10n.t(
          'Access tokens minted with these refresh tokens are revoked too, so the signed-in users must sign in again. This cannot be undone.',
        ),
  ]
    .filter(Boolean)
    .join('\n\n');
  const revoke = req.count === undefined ? vscode.l10n.t('Revoke All') : vscode.l10n.t('Revoke');
  // VS Code focuses the first button an extension passes (Enter presses it) and always adds its own
  // Cancel, last; no extension can focus that Cancel. So the first button is neither the revoke nor a
  // second Cancel: it lists the tokens and asks again. Enter never revokes, and Cancel is the one way out.
  const tokens = req.tokens ?? [];
  const show =
    tokens.length === 0
      ? undefined
      : req.count === undefined
        ? vscode.l10n.t('Show Loaded Tokens…')
        : tokens.length === 1
          ? vscode.l10n.t('Show Token…')
          : vscode.l10n.t('Show Tokens…');
  for (;;) {
    const choice = await ui.warnModal(message, detail, ...(show ? [show] : []), revoke);
    if (show !== undefined && choice === show) {
      await showTokens(ui, tokens, message);
      continue;
    }
    if (choice !== revoke) return false;
    break;
  }
  const phrase = typedPhrase(req, s);
  if (phrase === undefined) return true;
  const typed = await ui.input({
    title: message,
    prompt:
      req.clientNames.length === 1
        ? vscode.l10n.t('Type the client name "{0}" to confirm', phrase)
        : vscode.l10n.t('Type the number of tokens ({0}) to confirm', phrase),
    placeHolder: phrase,
    validateInput: (v) => (v === phrase ? undefined : vscode.l10n.t('Type exactly: {0}', phrase)),
  });
  // Re-checked after the box closes: validateInput alone does not stop Enter on a wrong value.
  return typed === phrase;
}
