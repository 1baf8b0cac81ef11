// Small readers for rows (Okta objects as parsed JSON), shared by the resource descriptions.

/** The string at a dotted path of a row, or undefined. */
export function text(row: Record<string, unknown>, path: string): string | undefined {
  let cur: unknown = row;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'string' && cur !== '' ? cur : typeof cur === 'number' ? String(cur) : undefined;
}

/** The non-empty parts joined with ' · ' (a row's one-line description). */
export function line(...parts: (string | undefined | false)[]): string {
  return parts.filter((p): p is string => !!p).join(' · ');
}

/** `expand = 'scope'` on a statement: embed each token's or grant's scopes. */
export function expandScope(p: Readonly<Record<string, string | undefined>>): boolean {
  return p.expand === 'scope';
}
