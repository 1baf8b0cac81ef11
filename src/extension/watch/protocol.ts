// Messages between the Watch panel's host and its page (media/watchPanel.ts), and the plain data the
// page renders. Shared by both sides; no vscode import. The page speaks first ("ready") and gets the
// whole state back (every row so far), since it is re-created whenever its tab was hidden. The page
// stores nothing but its scroll position: no token data is kept in webview state.
import type { WatchRow } from './words';

export type { WatchRow };

/** A rotation chain as the page shows it: one user and client, tokens oldest first. */
export interface ChainView {
  title: string;
  links: { id: string; state: 'active' | 'rotated' | 'reuse' | 'revoked'; note?: string }[];
}

/** Every word the page shows that is not API data (the page cannot call vscode.l10n). */
export interface WatchLabels {
  pause: string;
  resume: string;
  mark: string;
  export: string;
  interval: string;
  seconds: string;
  apply: string;
  events: string;
  chains: string;
  noEvents: string;
  noChains: string;
}

export interface WatchState {
  title: string;
  subtitle: string;
  labels: WatchLabels;
  status: string;
  paused: boolean;
  stopped: boolean;
  intervalSeconds: number;
  /** Oldest first; the page shows the newest on top. */
  rows: WatchRow[];
  chains: ChainView[];
}

export type WatchHostMessage =
  | { type: 'state'; state: WatchState }
  | { type: 'rows'; rows: WatchRow[]; chains: ChainView[] }
  | { type: 'status'; status: string; paused: boolean; stopped: boolean; intervalSeconds: number };

export type WatchPageMessage =
  | { type: 'ready' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'mark' }
  | { type: 'export' }
  | { type: 'interval'; seconds: number };

export function isWatchPageMessage(v: unknown): v is WatchPageMessage {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (o.type === 'interval') return typeof o.seconds === 'number' && Number.isFinite(o.seconds);
  return ['ready', 'pause', 'resume', 'mark', 'export'].includes(o.type as string);
}
