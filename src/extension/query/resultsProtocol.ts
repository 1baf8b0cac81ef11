// Messages between the results panel host and its webview page (media/resultsPanel.ts). Plain data,
// no vscode import, so both sides share the types.

export interface ResultPayload {
  /** Statement text as written. */
  statement: string;
  connection?: string;
  columns: string[];
  rows: Record<string, unknown>[];
  method?: string;
  pagesFetched: number;
  pageCap: number;
  truncated: boolean;
  apiCalls: number;
  elapsedMs: number;
  notes: string[];
  /** Present for DELETE: each token's outcome. */
  revokes?: { tokenId: string; userId?: string; outcome: string; message?: string }[];
  error?: string;
}

export type HostToPage =
  { type: 'running'; statement: string; connection?: string } | { type: 'results'; results: ResultPayload[] };

export type PageToHost =
  | { type: 'ready' }
  | { type: 'export'; index: number; format: 'csv' | 'json' }
  | { type: 'copy'; text: string; what: string };
