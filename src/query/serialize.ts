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
