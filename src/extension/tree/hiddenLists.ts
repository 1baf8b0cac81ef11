// Which clients' loaded token lists the tree may drop: a list stays while its client is on screen; once
// the client (or a row above it) is collapsed, the list is kept only while the tokens of all such hidden
// lists stay within a limit (the setting oktaTokenExplorer.tree.keepCollapsedTokens), and the lists hidden
// longest go first. A dropped list is listed afresh (its first page) when the client is expanded again.
// Without this, a client with 10,000 tokens held them — and a row object each — until the next refresh.
// Rows are named by the tree's hierarchical ids (format.ts `ids`), so "under" is a prefix test. Pure (no
// vscode), unit tested.

import { atOrUnder } from './format';

export class HiddenLists {
  /** Rows the view has collapsed (and not expanded since). */
  private readonly collapsedRows = new Set<string>();
  /** Loaded token lists not on screen, longest hidden first. */
  private readonly hidden = new Set<string>();

  constructor(private readonly limit: () => number) {}

  /**
   * The view collapsed `row`. `held` gives the token count of every loaded list (by its client row's id).
   * Returns the lists to drop, longest hidden first.
   */
  collapse(row: string, held: ReadonlyMap<string, number>): string[] {
    this.collapsedRows.add(row);
    for (const id of held.keys()) if (atOrUnder(id, row)) this.hidden.add(id);
    return this.overLimit(held);
  }

  /** The view expanded `row`: lists below it whose rows are all expanded again are on screen. */
  expand(row: string): void {
    this.collapsedRows.delete(row);
    for (const id of [...this.hidden]) if (!this.isHidden(id)) this.hidden.delete(id);
  }

  /** The view asked for a client's tokens: it and every row above it are on screen. */
  listed(id: string): void {
    for (const row of [...this.collapsedRows]) if (atOrUnder(id, row)) this.collapsedRows.delete(row);
    this.hidden.delete(id);
  }

  /** A list was dropped or reloaded for another reason (a refresh): nothing to keep track of. */
  forget(id: string): void {
    this.hidden.delete(id);
  }

  /** Lists currently hidden (for tests and the cache counts). */
  hiddenLists(): string[] {
    return [...this.hidden];
  }

  private isHidden(id: string): boolean {
    for (const row of this.collapsedRows) if (atOrUnder(id, row)) return true;
    return false;
  }

  private overLimit(held: ReadonlyMap<string, number>): string[] {
    let total = 0;
    for (const id of [...this.hidden]) {
      const n = held.get(id);
      if (n === undefined) this.hidden.delete(id);
      else total += n;
    }
    const limit = Math.max(0, this.limit());
    const drop: string[] = [];
    for (const id of this.hidden) {
      if (total <= limit) break;
      drop.push(id);
      total -= held.get(id) ?? 0;
    }
    for (const id of drop) this.hidden.delete(id);
    return drop;
  }
}
