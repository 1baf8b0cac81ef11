// Walks the extension's tree to the rows of a given server / client of the emulator's org (by id), so
// suites can act on the same nodes a user would click.
import type { OktaTokenExplorerTestApi, TreeRow } from '../../../../src/extension/testApi';

export async function serverRow(
  api: OktaTokenExplorerTestApi,
  connectionId: string,
  serverId: string,
): Promise<TreeRow> {
  const conn = (await api.children()).find((r) => r.id === `c/${connectionId}`);
  if (!conn) throw new Error(`connection ${connectionId} is not in the tree`);
  const row = (await api.children(conn.node)).find((r) => r.id === `c/${connectionId}/s/${serverId}`);
  if (!row) throw new Error(`server ${serverId} is not under the connection`);
  return row;
}

export async function clientRow(
  api: OktaTokenExplorerTestApi,
  connectionId: string,
  serverId: string,
  clientId: string,
): Promise<TreeRow> {
  const s = await serverRow(api, connectionId, serverId);
  const row = (await api.children(s.node)).find(
    (r) => r.id === `c/${connectionId}/s/${serverId}/cl/${clientId}`,
  );
  if (!row) throw new Error(`client ${clientId} is not under server ${serverId}`);
  return row;
}

export async function tokenRows(
  api: OktaTokenExplorerTestApi,
  connectionId: string,
  serverId: string,
  clientId: string,
): Promise<TreeRow[]> {
  const c = await clientRow(api, connectionId, serverId, clientId);
  return (await api.children(c.node)).filter((r) => r.kind === 'token');
}

export function tokenIdOf(r: TreeRow): string {
  return r.id.split('/t/')[1];
}
