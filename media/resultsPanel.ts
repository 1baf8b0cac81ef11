// Query results page (runs inside the webview). Renders each statement's result as a sortable grid or
// as JSON, shows a cell's full value on click, copies rows with headers, asks the host to export
// CSV/JSON, and states pages fetched against the page cap, API calls and timing. Every value is placed
// with textContent, so API data containing markup shows as text.
import type { HostToPage, PageToHost, ResultPayload } from '../src/extension/query/resultsProtocol';
import { isRevoked, summarizeRevokes, type RevokeStatus } from '../src/okta/revokeOutcome';

declare function acquireVsCodeApi(): { postMessage(m: PageToHost): void };
const vscode = acquireVsCodeApi();
const root = document.getElementById('root')!;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  cls?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return cell(a).localeCompare(cell(b));
}

function tsv(columns: string[], rows: Record<string, unknown>[]): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  return [columns.join('\t'), ...rows.map((r) => columns.map((c) => clean(cell(r[c]))).join('\t'))].join(
    '\n',
  );
}

function renderResult(r: ResultPayload, index: number): HTMLElement {
  const section = el('section', 'result');
  section.dataset.index = String(index);
  // The statement as it ran, one line until opened: the rows are what the panel is for, and a long
  // statement would push them out of a short panel. Its whole text is the summary, so opening it
  // shows the same text with its line breaks (see .statement in resultsPanel.css).
  const statement = el('details', 'statement');
  statement.appendChild(el('summary', undefined, r.statement));
  section.appendChild(statement);
  if (r.error) {
    const err = el('p', 'error', r.error);
    err.setAttribute('role', 'alert');
    section.appendChild(err);
    // Rows that arrived before a list broke off are still shown (and can be exported); otherwise stop here.
    if (r.rows.length === 0) return section;
  }
  const meta = el('p', 'meta');
  const facts = [`${r.rows.length} row${r.rows.length === 1 ? '' : 's'}`];
  if (r.connection) facts.push(`on ${r.connection}`);
  if (r.method) facts.push(r.method);
  if (r.apiCalls)
    facts.push(
      `${r.apiCalls} API call${r.apiCalls === 1 ? '' : 's'}`,
      `${r.pagesFetched} page${r.pagesFetched === 1 ? '' : 's'} fetched (cap ${r.pageCap})`,
    );
  facts.push(`${r.elapsedMs} ms`);
  meta.textContent = facts.join(' · ');
  section.appendChild(meta);
  if (r.cutShort) {
    // A capped result is not the answer: said above the rows, before anyone reads or exports them.
    const cut = el(
      'p',
      'warning cut-short',
      r.cutShort.cap === 'pages'
        ? `${r.cutShort.message} (setting oktaTokenExplorer.query.pageCap, now ${r.cutShort.value})`
        : r.cutShort.message,
    );
    cut.setAttribute('role', 'alert');
    section.appendChild(cut);
  } else if (r.truncated)
    section.appendChild(
      el(
        'p',
        'warning',
        `Stopped at the page cap (${r.pageCap} pages per list): more rows exist. Narrow the query or raise oktaTokenExplorer.query.pageCap.`,
      ),
    );
  for (const n of r.notes) section.appendChild(el('p', 'note', n));
  if (r.revokes) {
    // The same words as the CLI: "2 of 3 revoked; 1 not revoked: 1 not-found".
    const notRevoked = r.revokes.some((x) => !isRevoked(x.outcome));
    const summary = summarizeRevokes(r.revokes.map((x) => x.outcome));
    section.appendChild(
      el(
        'p',
        notRevoked ? 'error' : 'ok',
        notRevoked ? `${summary} — see the outcome and message columns.` : `${summary}.`,
      ),
    );
  }

  const bar = el('div', 'toolbar');
  const gridBtn = el('button', 'secondary', 'Grid');
  const jsonBtn = el('button', 'secondary', 'JSON');
  const copyBtn = el('button', 'secondary', 'Copy with headers');
  const csvBtn = el('button', undefined, 'Export CSV…');
  const jsonExp = el('button', undefined, 'Export JSON…');
  gridBtn.setAttribute('aria-pressed', 'true');
  jsonBtn.setAttribute('aria-pressed', 'false');
  bar.append(gridBtn, jsonBtn, copyBtn, csvBtn, jsonExp);
  section.appendChild(bar);

  const body = el('div', 'body');
  const detail = el('pre', 'detail');
  // Focus stays on the cell while its detail opens below: a screen reader hears it through the live region.
  detail.setAttribute('aria-live', 'polite');
  detail.hidden = true;
  section.append(body, detail);

  let sortCol: string | undefined;
  let desc = false;
  // Keyboard use follows the grid pattern: each header is a button (Enter and Space sort), and the body
  // is one Tab stop whose focused cell moves with the arrow keys, Home/End and Page Up/Down — so Tab
  // leaves the table instead of walking every cell. Enter or Space on a cell shows its full value.
  let at = { row: 0, col: 0 };
  /** The rows in the order the grid shows them; the JSON view and the copy follow it too. */
  const ordered = () => {
    const rows = [...r.rows];
    if (sortCol) rows.sort((a, b) => (desc ? -1 : 1) * compare(a[sortCol!], b[sortCol!]));
    return rows;
  };
  const drawGrid = (focusHeader?: string) => {
    body.replaceChildren();
    const rows = ordered();
    const table = el('table', 'grid');
    table.setAttribute('role', 'grid');
    table.setAttribute('aria-rowcount', String(rows.length + 1));
    const head = el('tr');
    const headers: HTMLButtonElement[] = [];
    for (const c of r.columns) {
      const th = el('th');
      th.scope = 'col';
      th.setAttribute('aria-sort', c === sortCol ? (desc ? 'descending' : 'ascending') : 'none');
      const btn = el('button', 'sort', c + (c === sortCol ? (desc ? ' ▼' : ' ▲') : ''));
      btn.type = 'button';
      btn.addEventListener('click', () => {
        desc = sortCol === c ? !desc : false;
        sortCol = c;
        // The grid is drawn anew; focus goes back to this header, not to the page's start.
        drawGrid(c);
      });
      headers.push(btn);
      th.appendChild(btn);
      head.appendChild(th);
    }
    table.appendChild(el('thead')).appendChild(head);
    const tb = el('tbody');
    const cells: HTMLTableCellElement[][] = [];
    const show = (row: Record<string, unknown>, c: string) => {
      const v = row[c];
      const id = typeof row.id === 'string' ? ` · ${row.id}` : '';
      detail.textContent = `${c}${c === 'id' ? '' : id}\n\n${typeof v === 'object' && v !== null ? JSON.stringify(v, null, 2) : cell(v)}`;
      detail.hidden = false;
    };
    const clamp = (n: number, max: number) => Math.max(0, Math.min(n, max));
    const move = (row: number, col: number) => {
      const to = { row: clamp(row, cells.length - 1), col: clamp(col, r.columns.length - 1) };
      const next = cells[to.row]?.[to.col];
      if (!next) return;
      const prev = cells[at.row]?.[at.col];
      if (prev) prev.tabIndex = -1;
      at = to;
      next.tabIndex = 0;
      next.focus();
    };
    rows.forEach((row, ri) => {
      const tr = el('tr');
      if (r.revokes && typeof row.outcome === 'string' && !isRevoked(row.outcome as RevokeStatus))
        tr.className = 'failed';
      const line: HTMLTableCellElement[] = [];
      r.columns.forEach((c, ci) => {
        const td = el('td', undefined, cell(row[c]));
        td.tabIndex = ri === at.row && ci === at.col ? 0 : -1;
        td.addEventListener('click', () => {
          move(ri, ci);
          show(row, c);
        });
        td.addEventListener('keydown', (e) => {
          const page = 10;
          const keys: Record<string, () => void> = {
            ArrowDown: () => move(ri + 1, ci),
            ArrowUp: () => move(ri - 1, ci),
            ArrowRight: () => move(ri, ci + 1),
            ArrowLeft: () => move(ri, ci - 1),
            Home: () => (e.ctrlKey ? move(0, 0) : move(ri, 0)),
            End: () =>
              e.ctrlKey ? move(rows.length - 1, r.columns.length - 1) : move(ri, r.columns.length - 1),
            PageDown: () => move(ri + page, ci),
            PageUp: () => move(ri - page, ci),
            Enter: () => show(row, c),
            ' ': () => show(row, c),
          };
          const act = keys[e.key];
          if (!act) return;
          e.preventDefault();
          act();
        });
        line.push(td);
        tr.appendChild(td);
      });
      cells.push(line);
      tb.appendChild(tr);
    });
    table.appendChild(tb);
    body.appendChild(table);
    if (focusHeader !== undefined) headers[r.columns.indexOf(focusHeader)]?.focus();
  };
  const drawJson = () => {
    body.replaceChildren(el('pre', 'json', JSON.stringify(ordered(), null, 2)));
  };
  gridBtn.addEventListener('click', () => {
    gridBtn.setAttribute('aria-pressed', 'true');
    jsonBtn.setAttribute('aria-pressed', 'false');
    drawGrid();
  });
  jsonBtn.addEventListener('click', () => {
    jsonBtn.setAttribute('aria-pressed', 'true');
    gridBtn.setAttribute('aria-pressed', 'false');
    drawJson();
  });
  copyBtn.addEventListener('click', () =>
    vscode.postMessage({
      type: 'copy',
      text: tsv(r.columns, ordered()),
      what: `${r.rows.length} rows with headers`,
    }),
  );
  csvBtn.addEventListener('click', () => vscode.postMessage({ type: 'export', index, format: 'csv' }));
  jsonExp.addEventListener('click', () => vscode.postMessage({ type: 'export', index, format: 'json' }));
  drawGrid();
  return section;
}

window.addEventListener('message', (e: MessageEvent<HostToPage>) => {
  const m = e.data;
  if (m.type === 'running') {
    root.replaceChildren(
      el('p', 'muted', `Running ${m.statement}${m.connection ? ` on ${m.connection}` : ''}…`),
    );
  } else if (m.type === 'results') {
    root.replaceChildren(...m.results.map(renderResult));
  }
});

vscode.postMessage({ type: 'ready' });
