// Turns result rows into text: CSV (RFC 4180, header row), JSON (array of row objects) and an ASCII
// table for terminals. Object and array cells become JSON text, as StackQL prints them. Shared by the
// command-line runner and the results panel's export.
import type { Row } from './rowFilter';

export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function csvCell(s: string): string {
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

export function toTable(columns: string[], rows: Row[], maxCell = 60): string {
  const cut = (s: string) => {
    const one = s.replace(/\s+/g, ' ');
    return one.length > maxCell ? one.slice(0, maxCell - 1) + '…' : one;
  };
  const cells = rows.map((r) => columns.map((c) => cut(cellText(r[c]))));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const sep = '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|';
  const line = (vals: string[]) => '|' + vals.map((v, i) => ` ${v.padEnd(widths[i]!)} `).join('|') + '|';
  return [sep, line(columns), sep, ...cells.map(line), sep].join('\n') + '\n';
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
