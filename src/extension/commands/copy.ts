// Copy commands with explicit labels (Copy Token ID, Copy Client ID, Copy User ID, Copy Issuer,
// Copy Authorization Server ID) and "Copy as Query", which writes the .iql statement that selects the
// same token. Values go through vscode.env.clipboard so they work in remote windows too.
import * as vscode from 'vscode';
import type { TreeNode } from '../tree/nodes';

export { tokenQuery } from './tokenQuery';

export type CopyWhat = 'tokenId' | 'clientId' | 'userId' | 'issuer' | 'serverId';

/** The value a copy command copies from a node, or undefined when the node doesn't have it. */
export function valueFor(node: TreeNode, what: CopyWhat): string | undefined {
  switch (what) {
    case 'tokenId':
      return node.kind === 'token' ? node.token.id : undefined;
    case 'userId':
      return node.kind === 'token' ? node.token.userId : node.kind === 'user' ? node.user.id : undefined;
    case 'clientId':
      return node.kind === 'token'
        ? node.clientId
        : node.kind === 'client' || node.kind === 'userClient'
          ? node.client.client_id
          : undefined;
    case 'issuer':
      return node.kind === 'token'
        ? (node.token.issuer ?? node.holder.serverIssuer)
        : node.kind === 'server'
          ? node.server.issuer
          : undefined;
    case 'serverId':
      return node.kind === 'server'
        ? node.server.id
        : node.kind === 'client' || node.kind === 'token'
          ? node.authServerId
          : undefined;
  }
}

export async function copyValue(value: string | undefined, label: string): Promise<boolean> {
  if (!value) {
    void vscode.window.showWarningMessage(vscode.l10n.t('This item has no {0} to copy.', label));
    return false;
  }
  await vscode.env.clipboard.writeText(value);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', label), 2500);
  return true;
}
