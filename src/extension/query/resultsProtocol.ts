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

/** Longest label a copy message may carry for the "Copied …" status line (the page sends a column name). */
const MAX_WHAT = 200;

/**
 * Whether a message from the results page is one the host acts on, with the right shapes — checked
 * before anything is done, as the detail panels do with isPageMessage: the page renders API data, so
 * a message is input, not a trusted call.
 */
export function isResultsMessage(v: unknown): v is PageToHost {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  switch (o.type) {
    case 'ready':
      return true;
    case 'export':
      return (
        typeof o.index === 'number' &&
        Number.isSafeInteger(o.index) &&
        o.index >= 0 &&
        (o.format === 'csv' || o.format === 'json')
      );
    case 'copy':
      return typeof o.text === 'string' && typeof o.what === 'string' && o.what.length <= MAX_WHAT;
    default:
      return false;
  }
}
