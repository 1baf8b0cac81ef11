// The confirmation in front of every revoke: a modal that names the count, the client(s) and the
// consequence, where dismissing means "no"; and, for "revoke all" or selections above the configured
// size, typing the client's name (or, across several clients, the number of tokens) before anything
// is sent.
import * as vscode from 'vscode';
import type { Prompter } from '../prompter';
import { typedPhrase, type ConfirmRequest, type ConfirmSettings } from './confirmPolicy';

export type { ConfirmRequest, ConfirmSettings } from './confirmPolicy';

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
      ? vscode.l10n.t('Revoke ALL refresh tokens of "{0}"?', client)
      : req.count === 1
        ? vscode.l10n.t('Revoke 1 refresh token of "{0}"?', client)
        : vscode.l10n.t('Revoke {0} refresh tokens of {1}?', req.count, clients);
  const detail = [
    req.count !== undefined
      ? ''
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
  // The first button is the one Enter presses, so it is the safe one: the default answer is no.
  const keep = vscode.l10n.t('Keep Tokens');
  const choice = await ui.warnModal(message, detail, keep, revoke);
  if (choice !== revoke) return false;
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
