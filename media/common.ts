// Shared page script of the detail panels. It speaks first ("ready"), then renders whatever DetailView the
// host sends using DOM text nodes only — API values are never parsed as HTML — and posts the buttons'
// actions back. The only thing it persists (setState) is the ids of what it shows, so VS Code can restore
// the panel after a reload by re-fetching; token data is never stored.
import type { DetailView, HostMessage, PageMessage, TableView } from '../src/extension/panels/protocol';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  setState(state: unknown): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

function compare(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
}

function renderTable(t: TableView, post: (m: PageMessage) => void): HTMLElement {
  const section = el('section', { 'aria-label': t.caption });
  section.append(el('h2', {}, t.caption));
  if (t.rows.length === 0) {
    section.append(el('p', { class: 'muted' }, t.empty));
    return section;
  }
  const table = el('table');
  const thead = el('thead');
  const headRow = el('tr');
  const tbody = el('tbody');
  let order = t.rows.map((_, i) => i);
  let sortCol = -1;
  let asc = true;
  const headers: HTMLTableCellElement[] = [];
  const fill = () => {
    tbody.replaceChildren();
    for (const i of order) {
      const tr = el('tr');
      t.rows[i].forEach((cell, c) => tr.append(el('td', c === 0 ? { class: 'code' } : {}, cell)));
      const key = t.rowKeys?.[i];
      if (key !== undefined) {
        tr.setAttribute('tabindex', '0');
        tr.setAttribute('role', 'link');
        tr.dataset.key = key;
        tr.addEventListener('click', () => post({ type: 'open', key }));
        tr.addEventListener('keydown', (ev) => {
          if (ev.key === 'Enter' || ev.key === ' ') {
            ev.preventDefault();
            post({ type: 'open', key });
          }
        });
      }
      tbody.append(tr);
    }
  };
  t.columns.forEach((name, c) => {
    const btn = el('button', { type: 'button', title: name }, name);
    const th = el('th', { scope: 'col', 'aria-sort': 'none' }, btn);
    btn.addEventListener('click', () => {
      asc = sortCol === c ? !asc : true;
      sortCol = c;
      order = t.rows.map((_, i) => i).sort((a, b) => (asc ? 1 : -1) * compare(t.rows[a][c], t.rows[b][c]));
      headers.forEach((h, j) =>
        h.setAttribute('aria-sort', j === c ? (asc ? 'ascending' : 'descending') : 'none'),
      );
      fill();
    });
    headers.push(th);
    headRow.append(th);
  });
  thead.append(headRow);
  table.append(thead, tbody);
  fill();
  section.append(table);
  return section;
}

function renderView(root: HTMLElement, v: DetailView, post: (m: PageMessage) => void): void {
  const title = el('h1', {}, v.title);
  if (v.stateLabel) title.append(el('span', { class: `badge ${v.state ?? ''}`, id: 'state' }, v.stateLabel));
  root.replaceChildren(title);
  if (v.subtitle) root.append(el('p', { class: 'subtitle' }, v.subtitle));
  const toolbar = el('div', { class: 'toolbar', role: 'toolbar' });
  for (const a of v.actions) {
    const b = el(
      'button',
      { type: 'button', 'data-action': a.id, class: a.destructive ? 'destructive' : '' },
      a.label,
    );
    if (a.disabled) b.disabled = true;
    b.addEventListener('click', () => post({ type: 'action', action: a.id }));
    toolbar.append(b);
  }
  root.append(toolbar, el('p', { class: 'busy', id: 'busy', role: 'status' }));
  const dl = el('dl', { class: 'fields' });
  for (const f of v.fields) {
    const dd = el('dd', {}, f.value);
    if (f.note) dd.append(el('span', { class: 'note' }, `(${f.note})`));
    dl.append(el('dt', {}, f.label), dd);
  }
  root.append(dl);
  for (const t of v.tables) root.append(renderTable(t, post));
  if (v.links && v.links.items.length) {
    root.append(
      renderTable(
        {
          caption: v.links.caption,
          columns: ['rel', 'title', 'href'],
          rows: v.links.items.map((l) => [l.rel, l.title ?? '', l.href]),
          empty: '',
        },
        post,
      ),
    );
  }
}

export function start(): void {
  const api = acquireVsCodeApi();
  const root = document.getElementById('root') ?? document.body;
  const post = (m: PageMessage) => api.postMessage(m);
  window.addEventListener('message', (ev: MessageEvent<HostMessage>) => {
    const m = ev.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'view') {
      api.setState(m.view.ids);
      renderView(root, m.view, post);
    } else if (m.type === 'error') {
      const retry = el('button', { type: 'button', 'data-action': 'refresh' }, m.retryLabel);
      retry.addEventListener('click', () => post({ type: 'action', action: 'refresh' }));
      root.replaceChildren(el('div', { class: 'error', role: 'alert' }, m.message), retry);
    } else if (m.type === 'busy') {
      const busy = document.getElementById('busy');
      if (busy) busy.textContent = m.label ?? '';
      document.querySelectorAll<HTMLButtonElement>('button.destructive').forEach((b) => {
        if (m.label) b.disabled = true;
      });
    }
  });
  post({ type: 'ready' });
}
