// Messages between the results panel host and its webview page (media/resultsPanel.ts). Plain data,
// no vscode import, so both sides share the types.
import type { QueryResult } from '../../query/executor';

/** One statement's result as the page shows it: the executor's result plus what was run where. */
export type ResultPayload = Omit<QueryResult, 'rows'> & {
  /** Statement text as written. */
  statement: string;
  connection?: string;
  rows: Record<string, unknown>[];
  error?: string;
};

export type HostToPage =
  { type: 'running'; statement: string; connection?: string } | { type: 'results'; results: ResultPayload[] };

export type PageToHost =
  | { type: 'ready' }
  | { type: 'export'; index: number; format: 'csv' | 'json' }
  | { type: 'copy'; text: string; what: string };
