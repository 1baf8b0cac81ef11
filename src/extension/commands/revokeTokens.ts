// Revoking: one token, a multi-selection (across clients too) or all tokens of a client. Confirms
// (confirm.ts, naming the users whose tokens go), shows "Revoking…" on the affected rows and progress
// (progress.ts: in the view, a cancellable notification only when it takes a while), runs the calls
// through the shared runner, then updates the tree in place: only tokens Okta confirmed as revoked (or
// already gone) turn REVOKED. Each token's outcome is logged and returned, and "Show Details" lists
// every token with its user, client and outcome. Every target comes from the tree or an open panel, so
// the client is told it was seen: a 404 then means "already gone", never a wrong id.
import * as vscode from 'vscode';
import type { OktaClient, TokenPath } from '../../okta';
import type { Masker } from '../logging';
import type { Prompter } from '../prompter';
import { ids } from '../tree/format';
import { isTokenHolder, tokenLabel, type TokenHolder, type TokenNode, type TreeNode } from '../tree/nodes';
import type { TokenTreeProvider } from '../tree/tokenTree';
import { confirmRevoke, confirmTokenOf, type ConfirmToken } from './confirm';
import { withProgressThatCloses } from './progress';
import { isRevoked } from '../../okta/revokeOutcome';
import { describeOutcome, fromClient, runRevocations, summarizeOutcomes, type Outcome } from './revokeRunner';
import { refuseRevokeIfRestricted } from './trust';

export interface RevokeTarget {
  connectionId: string;
  authServerId: string;
  clientId: string;
  clientName: string;
  tokenId: string;
  status?: string;
  /** The token's user as its tree row names it (Okta's name for the user, else the id), when known. */
  user?: string;
  userId?: string;
  /** The API path the token was listed through (its user's, from the Users rows); else its server's. */
  path?: TokenPath;
}

export interface RevokeResult {
  confirmed: boolean;
  /** Set when nothing was attempted because the workspace is not trusted (Restricted Mode). */
  refused?: string;
  outcomes: {
    tokenId: string;
    clientId: string;
    clientName: string;
    user?: string;
    outcome: Outcome;
  }[];
}

export interface RevokeDeps {
  tree: TokenTreeProvider;
  getClient(connectionId: string): Promise<OktaClient>;
  log: vscode.LogOutputChannel;
  masker: Masker;
  prompter: () => Prompter;
  /** Called after tokens of these clients changed, so their open panels can refresh. */
  onRevoked(clients: ClientRef[]): void;
}

export function targetOf(n: TokenNode): RevokeTarget {
  return {
    connectionId: n.connectionId,
    authServerId: n.authServerId,
    clientId: n.clientId,
    clientName: n.clientName,
    tokenId: n.token.id,
    status: n.token.status,
    ...userOf(n.token),
    ...(n.path.via !== 'server' ? { path: n.path } : {}),
  };
}

/** The user fields of a target, from the token's row data; nothing when the token names no user. */
function userOf(token: TokenNode['token']): Pick<RevokeTarget, 'user' | 'userId'> {
  const label = tokenLabel(token);
  return {
    ...(label !== token.id ? { user: label } : {}),
    ...(token.userId ? { userId: token.userId } : {}),
  };
}

/** Normalises the (clicked, selected[]) pair VS Code passes to tree commands: the selection wins. */
export function tokenNodesFrom(clicked: unknown, selected: unknown): TokenNode[] {
  const list = Array.isArray(selected) && selected.length > 0 ? selected : clicked ? [clicked] : [];
  return (list as TreeNode[]).filter(
    (n): n is TokenNode => !!n && typeof n === 'object' && n.kind === 'token',
  );
}

const TREE_VIEW_ID = 'oktaTokenExplorer.tree';

function describe(o: Outcome): string {
  return describeOutcome(o, vscode.l10n);
}

/** The trust gate (trust.ts) every tree, palette and panel revoke passes first. */
function refuseIfRestricted(deps: RevokeDeps): string | undefined {
  return refuseRevokeIfRestricted(deps.log);
}

/**
 * `onConfirmed` runs once the user has said yes and before anything is sent, so a caller (a detail
 * panel) shows its "Revoking…" state only for a revoke that is really happening, not while the modal asks.
 */
export async function revokeTargets(
  deps: RevokeDeps,
  targets: RevokeTarget[],
  onConfirmed?: () => void,
): Promise<RevokeResult> {
  const refused = refuseIfRestricted(deps);
  if (refused) return { confirmed: false, outcomes: [], refused };
  const todo = targets.filter((t) => (t.status ?? '').toUpperCase() !== 'REVOKED');
  if (todo.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The selected tokens are already revoked.'));
    return { confirmed: false, outcomes: [] };
  }
  const clientNames = [...new Set(todo.map((t) => t.clientName))];
  const skipped = targets.length - todo.length;
  // The token's row under its server, else under its user: the tree may show it either way (or both).
  const nodeOf = (t: RevokeTarget): TokenNode | undefined => {
    const n = deps.tree.node(ids.token(t.connectionId, t.authServerId, t.clientId, t.tokenId));
    return n?.kind === 'token' ? n : deps.tree.tokenNodes(t.connectionId, t.tokenId)[0];
  };
  const rowsOf = (t: RevokeTarget) => deps.tree.tokenNodes(t.connectionId, t.tokenId);
  // A panel's target carries no user; the tree's row for the token knows it when it is loaded.
  const withUser = (t: RevokeTarget): RevokeTarget => {
    const row = t.user === undefined ? nodeOf(t) : undefined;
    return row?.kind === 'token' ? { ...t, ...userOf(row.token) } : t;
  };
  const named = todo.map(withUser);
  const tokens: ConfirmToken[] = named.map((t) => ({
    tokenId: t.tokenId,
    clientName: t.clientName,
    ...(t.user !== undefined ? { user: t.user } : {}),
    ...(t.userId !== undefined ? { userId: t.userId } : {}),
  }));
  if (!(await confirmRevoke(deps.prompter(), { count: todo.length, clientNames, skipped, tokens }))) {
    return { confirmed: false, outcomes: [] };
  }
  onConfirmed?.();
  const rows = todo.flatMap(rowsOf);
  deps.tree.setBusy(rows, vscode.l10n.t('Revoking…'));
  deps.log.info(`Revoking ${todo.length} refresh token(s) of ${clientNames.join(', ')}`);

  const jobs = named.map((t) => ({
    key: t,
    run: async (signal: AbortSignal): Promise<Outcome> => {
      const client = await deps.getClient(t.connectionId);
      // Through the path the token was found by: a token opened under its user is revoked as that user's.
      const path: TokenPath = t.path ?? { via: 'server', authServerId: t.authServerId, clientId: t.clientId };
      return fromClient(await client.revokeTokenAt(path, t.tokenId, { signal, seen: true }), (m) =>
        deps.masker.mask(m),
      );
    },
  }));
  const concurrency = vscode.workspace
    .getConfiguration('oktaTokenExplorer.revoke')
    .get<number>('concurrency', 4);
  let results: Map<RevokeTarget, Outcome>;
  try {
    results = await withProgressThatCloses(
      {
        title:
          todo.length === 1
            ? vscode.l10n.t('Revoking 1 refresh token')
            : vscode.l10n.t('Revoking {0} refresh tokens', todo.length),
        viewId: TREE_VIEW_ID,
      },
      (signal, progress) =>
        runRevocations(jobs, {
          concurrency,
          signal,
          onDone: (t, outcome, done, total) => {
            deps.tree.setBusy(rowsOf(t), undefined);
            deps.log.info(`Token ${t.tokenId} (client ${t.clientId}): ${describe(outcome)}`);
            progress.report({ message: vscode.l10n.t('{0} of {1}', done, total), increment: 100 / total });
          },
        }),
    );
  } finally {
    deps.tree.setBusy(rows, undefined);
  }

  // Local tree update: only confirmed revocations change the rows (under its server and its user alike).
  for (const [t, o] of results) if (isRevoked(o.status)) deps.tree.markRevoked(t, [t.tokenId]);
  deps.onRevoked(todo); // a RevokeTarget is a ClientRef plus the token id

  const outcomes = [...results].map(([t, outcome]) => ({
    tokenId: t.tokenId,
    clientId: t.clientId,
    clientName: t.clientName,
    ...(t.user !== undefined ? { user: t.user } : {}),
    outcome,
  }));
  void report(deps, outcomes);
  return { confirmed: true, outcomes };
}

async function report(deps: RevokeDeps, outcomes: RevokeResult['outcomes']): Promise<void> {
  const details = vscode.l10n.t('Show Details');
  const { severity, text } = summarizeOutcomes(
    outcomes.map((o) => o.outcome),
    vscode.l10n,
  );
  const choice =
    severity === 'info'
      ? await vscode.window.showInformationMessage(text, ...(outcomes.length > 1 ? [details] : []))
      : await vscode.window.showWarningMessage(text, details);
  if (choice === details) {
    // Each token as a person knows it: its user (as the tree row names it), the client, and what
    // happened to it; the token id last, for a search or a ticket.
    await deps.prompter().pick(
      outcomes.map((o) => ({
        label: o.user ?? vscode.l10n.t('User not loaded'),
        description: `${o.clientName} — ${describe(o.outcome)}`,
        detail: vscode.l10n.t('Token {0}', o.tokenId),
        value: o,
      })),
      {
        title: vscode.l10n.t('Revocation results'),
        canPickMany: false,
        matchOnDescription: true,
        matchOnDetail: true,
      },
    );
  }
}

export interface ClientRef {
  connectionId: string;
  /** '' for a user's client (its tokens may be on several servers). */
  authServerId: string;
  clientId: string;
  clientName: string;
  /** Set for a client under a user (the Users rows): only that user's tokens of the client. */
  userId?: string;
  userName?: string;
}

export function clientRefOf(n: TokenHolder): ClientRef {
  return {
    connectionId: n.connectionId,
    authServerId: n.kind === 'client' ? n.authServerId : '',
    clientId: n.clientId,
    clientName: n.clientName,
    ...(n.kind === 'userClient' ? { userId: n.userId, userName: n.parent.name } : {}),
  };
}

/** "Revoke All Tokens": one DELETE for the client; the tree marks its loaded tokens revoked on success. */
export async function revokeAllOfClient(
  deps: RevokeDeps,
  ref: ClientRef,
  onConfirmed?: () => void,
): Promise<Outcome | undefined> {
  if (refuseIfRestricted(deps)) return undefined;
  const name = ref.clientName;
  const node = deps.tree.node(
    ref.userId
      ? ids.userClient(ref.connectionId, ref.userId, ref.clientId)
      : ids.client(ref.connectionId, ref.authServerId, ref.clientId),
  );
  const clientNode = isTokenHolder(node) ? node : undefined;
  const loaded = clientNode ? deps.tree.loadedTokens(clientNode) : [];
  const who = ref.userId ? (ref.userName ?? ref.userId) : undefined;
  if (
    !(await confirmRevoke(deps.prompter(), {
      count: undefined,
      clientNames: [name],
      ...(who !== undefined ? { user: who } : {}),
      loadedCount: loaded.length,
      tokens: loaded
        .filter((t) => (t.status ?? '').toUpperCase() !== 'REVOKED')
        .map((t) => confirmTokenOf(t, name)),
    }))
  )
    return undefined;
  onConfirmed?.();
  const rows = loaded.flatMap((t) => deps.tree.tokenNodes(ref.connectionId, t.id));
  deps.tree.setBusy(rows, vscode.l10n.t('Revoking…'));
  deps.log.info(
    ref.userId
      ? `Revoking all refresh tokens of user ${ref.userId} for client ${ref.clientId}`
      : `Revoking all refresh tokens of client ${ref.clientId} on ${ref.authServerId}`,
  );
  // A user's client revokes only that user's tokens, through the user's path.
  const path: TokenPath = ref.userId
    ? { via: 'user', userId: ref.userId, clientId: ref.clientId }
    : { via: 'server', authServerId: ref.authServerId, clientId: ref.clientId };
  let outcome: Outcome;
  try {
    outcome = await withProgressThatCloses(
      { title: vscode.l10n.t('Revoking all refresh tokens of "{0}"', name), viewId: TREE_VIEW_ID },
      async (signal) => {
        try {
          const c = await deps.getClient(ref.connectionId);
          return fromClient(await c.revokeTokensAt(path, { signal, seen: true }), (m) => deps.masker.mask(m));
        } catch (err) {
          return {
            status: 'failed',
            reason: deps.masker.mask(err instanceof Error ? err.message : String(err)),
          } as Outcome;
        }
      },
    );
  } finally {
    deps.tree.setBusy(rows, undefined);
  }
  deps.log.info(`Revoke all of ${ref.clientId}: ${describe(outcome)}`);
  if (isRevoked(outcome.status)) {
    // A user's revoke-all names no server (its tokens may be on several): only the user's of the client.
    deps.tree.markRevoked(
      {
        connectionId: ref.connectionId,
        clientId: ref.clientId,
        ...(ref.userId ? { userId: ref.userId } : { authServerId: ref.authServerId }),
      },
      'all',
    );
    deps.onRevoked([ref]);
    void vscode.window.showInformationMessage(
      outcome.status === 'revoked'
        ? who !== undefined
          ? vscode.l10n.t('Revoked all refresh tokens of {0} for "{1}".', who, name)
          : vscode.l10n.t('Revoked all refresh tokens of "{0}".', name)
        : vscode.l10n.t('The tokens of "{0}" were {1}', name, describe(outcome)),
    );
  } else if (outcome.status === 'unknown') {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Whether the tokens of "{0}" were revoked is not known — {1}', name, describe(outcome)),
    );
  } else {
    void vscode.window.showErrorMessage(
      vscode.l10n.t('The tokens of "{0}" were not revoked — {1}', name, describe(outcome)),
    );
  }
  return outcome;
}
