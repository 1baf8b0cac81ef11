// Page script of the Watch panel. It speaks first ("ready"), then renders the state the host sends — a
// toolbar (Pause/Resume, interval, Mark, Export), the status line, the rotation chains and the list of
// what happened, newest on top — with DOM text nodes only: API values are never parsed as HTML. Rows
// arrive as they happen. It keeps no token data in its saved state.
import type {
  ChainView,
  WatchHostMessage,
  WatchPageMessage,
  WatchRow,
  WatchState,
} from '../src/extension/watch/protocol';
import { el } from './dom';

interface VsCodeApi {
  postMessage(message: WatchPageMessage): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

function timeOf(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t)
    ? new Date(t).toLocaleTimeString(document.documentElement.lang || undefined)
    : iso;
}

const api = acquireVsCodeApi();
const post = (m: WatchPageMessage) => api.postMessage(m);
const root = document.getElementById('root') ?? document.body;
let state: WatchState | undefined;

function rowEl(r: WatchRow): HTMLElement {
  return el(
    'li',
    { class: `watch-row tone-${r.tone}`, 'data-tone': r.tone },
    el('time', { datetime: r.at, title: r.at }, timeOf(r.at)),
    el('strong', { class: 'watch-title' }, r.title),
    el('span', { class: 'watch-detail' }, r.detail),
  );
}

function chainsEl(chains: ChainView[], s: WatchState): HTMLElement {
  const section = el(
    'section',
    { id: 'chains', 'aria-label': s.labels.chains },
    el('h2', {}, s.labels.chains),
  );
  if (chains.length === 0) {
    section.append(el('p', { class: 'muted' }, s.labels.noChains));
    return section;
  }
  const list = el('ul', { class: 'chains' });
  for (const c of chains) {
    const links = el('span', { class: 'chain-links' });
    c.links.forEach((l, i) => {
      if (i > 0) links.append(el('span', { class: 'arrow', 'aria-hidden': 'true' }, ' → '));
      links.append(el('code', { class: `link state-${l.state}`, title: l.note ?? l.state }, l.id));
      if (l.note) links.append(el('span', { class: 'note' }, `(${l.note})`));
    });
    list.append(el('li', { class: 'chain' }, el('span', { class: 'chain-title' }, c.title), links));
  }
  section.append(list);
  return section;
}

function eventsEl(s: WatchState): HTMLElement {
  const section = el(
    'section',
    { id: 'events', 'aria-label': s.labels.events },
    el('h2', {}, s.labels.events),
  );
  const list = el('ol', { class: 'watch-events', reversed: '' });
  for (const r of [...s.rows].reverse()) list.append(rowEl(r));
  if (s.rows.length === 0) section.append(el('p', { class: 'muted', id: 'no-events' }, s.labels.noEvents));
  section.append(list);
  return section;
}

function button(id: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', 'data-action': id }, label);
  b.addEventListener('click', onClick);
  return b;
}

function render(s: WatchState): void {
  const title = el('h1', {}, s.title);
  const toolbar = el('div', { class: 'toolbar', role: 'toolbar' });
  const pause = button('pause', s.paused ? s.labels.resume : s.labels.pause, () =>
    post({ type: state?.paused ? 'resume' : 'pause' }),
  );
  pause.id = 'pause';
  const interval = el('input', {
    type: 'number',
    id: 'interval',
    min: '0.25',
    step: '0.25',
    value: String(s.intervalSeconds),
    'aria-label': s.labels.interval,
  });
  const apply = button('interval', s.labels.apply, () => {
    const v = Number(interval.value);
    if (Number.isFinite(v) && v > 0) post({ type: 'interval', seconds: v });
  });
  interval.addEventListener('keydown', (ev) => {
    if (ev.key === 'Enter') apply.click();
  });
  toolbar.append(
    pause,
    el('label', { for: 'interval', class: 'interval' }, s.labels.interval, interval, s.labels.seconds),
    apply,
    button('mark', s.labels.mark, () => post({ type: 'mark' })),
    button('export', s.labels.export, () => post({ type: 'export' })),
  );
  if (s.stopped) pause.disabled = true;
  root.replaceChildren(
    title,
    el('p', { class: 'subtitle' }, s.subtitle),
    toolbar,
    el('p', { class: 'busy', id: 'status', role: 'status' }, s.status),
    chainsEl(s.chains, s),
    eventsEl(s),
  );
}

window.addEventListener('message', (ev: MessageEvent<WatchHostMessage>) => {
  const m = ev.data;
  if (!m || typeof m !== 'object') return;
  if (m.type === 'state') {
    state = m.state;
    render(state);
  } else if (m.type === 'rows' && state) {
    state.rows.push(...m.rows);
    state.chains = m.chains;
    const list = document.querySelector('ol.watch-events');
    document.getElementById('no-events')?.remove();
    for (const r of m.rows) list?.prepend(rowEl(r));
    document.getElementById('chains')?.replaceWith(chainsEl(m.chains, state));
  } else if (m.type === 'status' && state) {
    const changed = state.paused !== m.paused || state.stopped !== m.stopped;
    Object.assign(state, {
      status: m.status,
      paused: m.paused,
      stopped: m.stopped,
      intervalSeconds: m.intervalSeconds,
    });
    const status = document.getElementById('status');
    if (status) status.textContent = m.status;
    if (changed) {
      const pause = document.getElementById('pause');
      if (pause) pause.textContent = m.paused ? state.labels.resume : state.labels.pause;
      if (m.stopped && pause instanceof HTMLButtonElement) pause.disabled = true;
    }
  }
});

post({ type: 'ready' });
