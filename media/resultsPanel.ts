// Query results page (runs inside the webview). Renders each statement's result as a sortable grid or
// as JSON, shows a cell's full value on click, copies rows with headers, asks the host to export
// CSV/JSON, and states pages fetched against the page cap, API calls and timing. Every value is placed
// with textContent, so API data containing markup shows as text.
import type { HostToPage, PageToHost, ResultPayload } from '../src/extension/query/resultsProtocol';

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
  section.appendChild(el('pre', 'statement', r.statement));
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
  if (r.truncated)
    section.appendChild(
      el(
        'p',
        'warning',
        `Stopped at the page cap (${r.pageCap} pages per list): more rows exist. Narrow the query or raise oktaTokenExplorer.query.pageCap.`,
      ),
    );
  for (const n of r.notes) section.appendChild(el('p', 'note', n));
  if (r.revokes) {
    const failed = r.revokes.filter((x) => x.outcome === 'failed' || x.outcome === 'unknown').length;
    section.appendChild(
      el(
        'p',
        failed ? 'error' : 'ok',
        failed
          ? `${failed} of ${r.revokes.length} not revoked — see the outcome column.`
          : `${r.revokes.length} revoked (or already gone).`,
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
  bar.append(gridBtn, jsonBtn, copyBtn, csvBtn, jsonExp);
  section.appendChild(bar);

  const body = el('div', 'body');
  const detail = el('pre', 'detail');
  detail.hidden = true;
  section.append(body, detail);

  let sortCol: string | undefined;
  let desc = false;
  const drawGrid = () => {
    body.replaceChildren();
    const rows = [...r.rows];
    if (sortCol) rows.sort((a, b) => (desc ? -1 : 1) * compare(a[sortCol!], b[sortCol!]));
    const table = el('table', 'grid');
    const head = el('tr');
    for (const c of r.columns) {
      const th = el('th', undefined, c + (c === sortCol ? (desc ? ' ▼' : ' ▲') : ''));
      th.tabIndex = 0;
      th.setAttribute('aria-sort', c === sortCol ? (desc ? 'descending' : 'ascending') : 'none');
      const sort = () => {
        desc = sortCol === c ? !desc : false;
        sortCol = c;
        drawGrid();
      };
      th.addEventListener('click', sort);
      th.addEventListener('keydown', (e) => e.key === 'Enter' && sort());
      head.appendChild(th);
    }
    table.appendChild(el('thead')).appendChild(head);
    const tb = el('tbody');
    for (const row of rows) {
      const tr = el('tr');
      if (row.outcome === 'failed' || row.outcome === 'unknown') tr.className = 'failed';
      for (const c of r.columns) {
        const td = el('td', undefined, cell(row[c]));
        td.tabIndex = 0;
        const show = () => {
          const v = row[c];
          detail.textContent = `${c}\n\n${typeof v === 'object' && v !== null ? JSON.stringify(v, null, 2) : cell(v)}`;
          detail.hidden = false;
        };
        td.addEventListener('click', show);
        td.addEventListener('keydown', (e) => e.key === 'Enter' && show());
        tr.appendChild(td);
      }
      tb.appendChild(tr);
    }
    table.appendChild(tb);
    body.appendChild(table);
  };
  const drawJson = () => {
    body.replaceChildren(el('pre', 'json', JSON.stringify(r.rows, null, 2)));
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
      text: tsv(r.columns, r.rows),
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
