// Shared page script of the detail panels. It speaks first ("ready"), then renders whatever DetailView the
// host sends using DOM text nodes only — API values are never parsed as HTML — and posts the buttons'
// actions back. What it persists (setState) is the ids of what it shows, so VS Code can restore the panel
// after a reload by re-fetching, plus each table's sort and the scroll position, so a page re-created after
// its tab was hidden looks as it was left; token data is never stored.
import type {
  DetailView,
  HostMessage,
  PageMessage,
  PageState,
  PanelIds,
  TableView,
} from '../src/extension/panels/protocol';
import { el } from './dom';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  setState(state: unknown): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

function compare(a: string, b: string): number {
  return a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' });
}

type Sort = { col: number; asc: boolean };

function renderTable(
  t: TableView,
  post: (m: PageMessage) => void,
  initial: Sort | undefined,
  onSort: (s: Sort) => void,
): HTMLElement {
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
  const sortKey = (row: number, c: number) => t.sortKeys?.[c]?.[row] ?? t.rows[row][c];
  const fill = () => {
    tbody.replaceChildren();
    for (const i of order) {
      const tr = el('tr');
      t.rows[i].forEach((cell, c) => {
        const kind = t.kinds?.[c] ?? 'text';
        const title = t.titles?.[c]?.[i];
        tr.append(el('td', { class: kind, ...(title ? { title } : {}) }, cell));
      });
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
  const sortBy = (c: number, ascending: boolean) => {
    asc = ascending;
    sortCol = c;
    order = t.rows.map((_, i) => i).sort((a, b) => (asc ? 1 : -1) * compare(sortKey(a, c), sortKey(b, c)));
    headers.forEach((h, j) =>
      h.setAttribute('aria-sort', j === c ? (asc ? 'ascending' : 'descending') : 'none'),
    );
    fill();
  };
  t.columns.forEach((name, c) => {
    const btn = el('button', { type: 'button', title: name }, name);
    const th = el('th', { scope: 'col', 'aria-sort': 'none' }, btn);
    btn.addEventListener('click', () => {
      sortBy(c, sortCol === c ? !asc : true);
      onSort({ col: c, asc });
    });
    headers.push(th);
    headRow.append(th);
  });
  thead.append(headRow);
  table.append(thead, tbody);
  if (initial && initial.col >= 0 && initial.col < t.columns.length) sortBy(initial.col, initial.asc);
  else fill();
  section.append(table);
  return section;
}

interface PageUi {
  sort: Record<string, Sort>;
  setSort(table: number, s: Sort): void;
}

function renderView(root: HTMLElement, v: DetailView, post: (m: PageMessage) => void, ui: PageUi): void {
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
    const dd = el('dd', f.title ? { title: f.title } : {}, f.value);
    if (f.note) dd.append(el('span', { class: 'note' }, `(${f.note})`));
    dl.append(el('dt', {}, f.label), dd);
  }
  root.append(dl);
  const tables = [...v.tables];
  if (v.links && v.links.items.length)
    tables.push({
      caption: v.links.caption,
      columns: ['rel', 'title', 'href'],
      rows: v.links.items.map((l) => [l.rel, l.title ?? '', l.href]),
      kinds: ['code', 'text', 'id'],
      empty: '',
    });
  tables.forEach((t, i) => root.append(renderTable(t, post, ui.sort[i], (s) => ui.setSort(i, s))));
}

function sameIds(a: PanelIds, b: unknown): boolean {
  if (typeof b !== 'object' || b === null) return false;
  const o = b as Record<string, unknown>;
  return (Object.keys(a) as (keyof PanelIds)[]).every((k) => o[k] === a[k]);
}

export function start(): void {
  const api = acquireVsCodeApi();
  const root = document.getElementById('root') ?? document.body;
  const post = (m: PageMessage) => api.postMessage(m);
  // A page re-created after its tab was hidden starts from the state its predecessor saved.
  let state = api.getState() as PageState | undefined;
  let scrollPending = true;
  const ui: PageUi = {
    get sort() {
      return state?.sort ?? {};
    },
    setSort(table, s) {
      if (!state) return;
      state = { ...state, sort: { ...state.sort, [table]: s } };
      api.setState(state);
    },
  };
  let scrollQueued = false;
  window.addEventListener('scroll', () => {
    if (scrollQueued || !state) return;
    scrollQueued = true;
    requestAnimationFrame(() => {
      scrollQueued = false;
      if (!state) return;
      state = { ...state, scrollY: Math.round(window.scrollY) };
      api.setState(state);
    });
  });
  window.addEventListener('message', (ev: MessageEvent<HostMessage>) => {
    const m = ev.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'view') {
      // Same panel: keep how it was sorted and scrolled; otherwise start afresh.
      state = sameIds(m.view.ids, state) ? { ...state, ...m.view.ids } : { ...m.view.ids };
      api.setState(state);
      renderView(root, m.view, post, ui);
      if (scrollPending && state.scrollY) window.scrollTo(0, state.scrollY);
      scrollPending = false;
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
