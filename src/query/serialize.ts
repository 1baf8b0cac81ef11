// Turns result rows into text: CSV (RFC 4180, header row), JSON (array of row objects) and an ASCII
// table for terminals. Object and array cells become JSON text, as StackQL prints them. Shared by the
// command-line runner and the results panel's export. Values come from the API, so CSV cells that a
// spreadsheet would run as formulas are defused and the table drops terminal control characters.
import type { Row } from './rowFilter';

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a leading tab / carriage return
 * that some strip before looking) gets a leading `'`, so opening an export in Excel or Sheets shows the
 * API's text instead of running it (OWASP "CSV injection"). The `'` is visible in the cell's value.
 */
function defuseFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

function csvCell(raw: string): string {
  const s = defuseFormula(raw);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: string[], rows: Row[], header = true): string {
  const lines = header ? [columns.map(csvCell).join(',')] : [];
  for (const r of rows) lines.push(columns.map((c) => csvCell(cellText(r[c]))).join(','));
  return lines.join('\r\n') + '\r\n';
}

export function toJson(columns: string[], rows: Row[]): string {
  return (
    JSON.stringify(
      rows.map((r) => Object.fromEntries(columns.map((c) => [c, r[c] ?? null]))),
      null,
      2,
    ) + '\n'
  );
}

/**
 * Characters a terminal acts on instead of printing: C0 controls (ESC starts colour, cursor, title and
 * hyperlink sequences), DEL, C1 controls (0x9B is a one-byte CSI) and the bidirectional overrides and
 * isolates that reorder what is shown. API strings (a server's name, a description) are data, so a
 * table cell must not be able to move the cursor, rewrite earlier lines or hide text.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const TERMINAL_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `s` with every terminal control character removed (tabs and newlines are left for the caller). */
export function stripControls(s: string): string {
  return s.replace(TERMINAL_CONTROLS, '');
}

export function toTable(columns: string[], rows: Row[], maxCell = 60): string {
  const cut = (s: string) => {
    const one = stripControls(s).replace(/\s+/g, ' ');
    return one.length > maxCell ? one.slice(0, maxCell - 1) + '…' : one;
  };
  const cells = rows.map((r) => columns.map((c) => cut(cellText(r[c]))));
  // Headers are never cut (a long column name widens its column), only cleaned.
  const heads = columns.map((c) => stripControls(c).replace(/\s+/g, ' '));
  const widths = heads.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const sep = '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|';
  const line = (vals: string[]) => '|' + vals.map((v, i) => ` ${v.padEnd(widths[i]!)} `).join('|') + '|';
  return [sep, line(heads), sep, ...cells.map(line), sep].join('\n') + '\n';
}

/**
 * A file name to suggest when a result is exported: what the statement read and the day, e.g.
 * `refresh_tokens-2026-11-25.csv`, `describe-clients-….json`, `show-methods-….csv` — so a save
 * dialog never opens on a bare folder and two exports of different resources do not collide by default.
 */
export function exportFileName(statement: string, format: 'csv' | 'json', day: Date = new Date()): string {
  const code = statement.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ').trim();
  const resource = (re: RegExp) => re.exec(code)?.[1]?.replace(/[`"]/g, '');
  const verb = /^\s*(\w+)/.exec(code)?.[1]?.toUpperCase();
  let base: string | undefined;
  if (verb === 'SELECT' || verb === 'DELETE')
    base = resource(/\bFROM\s+[`"]?\w+[`"]?\s*\.\s*[`"]?\w+[`"]?\s*\.\s*[`"]?(\w+)/i);
  else if (verb === 'DESCRIBE' || verb === 'DESC') {
    const r = resource(/\w+\s*\.\s*\w+\s*\.\s*(\w+)/);
    base = r ? `describe-${r}` : undefined;
  } else if (verb === 'SHOW') {
    const what = /^\s*SHOW\s+(?:EXTENDED\s+)?(\w+)/i.exec(code)?.[1]?.toLowerCase();
    base = what ? `show-${what}` : undefined;
  }
  const safe = (base ?? 'query-results').replace(/[^\w.-]+/g, '-');
  return `${safe}-${day.toISOString().slice(0, 10)}.${format}`;
}
