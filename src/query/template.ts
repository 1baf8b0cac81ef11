// {{ placeholder }} values: the one place a statement's placeholders are looked up and rendered, for the
// analyzer (which reports unfilled ones) and the row filter (which compares rows with rendered values).
// It sits below both so the row filter need not import the analyzer.

/** Shared empty list: most values have no unfilled placeholder, and this runs on every keystroke. */
export const NONE: string[] = [];

/**
 * The value given for `{{ name }}` (a leading `.` as in Go templates is ignored). The one place a
 * placeholder is looked up: only the object's own entries count, so `{{ toString }}` or
 * `{{ constructor }}` is unfilled rather than a function from Object.prototype.
 */
export function placeholderValue(vars: Record<string, string> | undefined, name: string): string | undefined {
  const key = name.startsWith('.') ? name.slice(1) : name;
  if (!vars || !Object.hasOwn(vars, key)) return undefined;
  const v: unknown = vars[key];
  return typeof v === 'string' ? v : undefined;
}

const isSpace = (c: string | undefined) => c !== undefined && c.trim() === '' && c !== '';
const isNameStart = (c: string | undefined) =>
  c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_');
const isNameChar = (c: string | undefined) =>
  isNameStart(c) || (c !== undefined && c >= '0' && c <= '9') || c === '.';

/**
 * Renders `{{ name }}` / `{{ .name }}` placeholders in a value; returns the names of the unfilled ones
 * ('' for `{{ }}`). A forward scan, not a RegExp: `\{\{\s*…\s*\}\}` backtracked quadratically on a
 * value holding `{{` and a long run of spaces, and this runs on every keystroke in the editor.
 */
export function renderTemplate(
  s: string,
  vars: Record<string, string> | undefined,
): { value: string; unfilled: string[] } {
  // Fast path: most values carry no placeholder at all.
  let open = s.indexOf('{{');
  if (open < 0) return { value: s, unfilled: NONE };
  const unfilled: string[] = [];
  let out = '';
  let copied = 0;
  while (open >= 0) {
    let j = open + 2;
    while (isSpace(s[j])) j++;
    if (s[j] === '.') j++;
    const nameStart = j;
    if (isNameStart(s[j])) while (isNameChar(s[++j]));
    const name = j > nameStart ? s.slice(nameStart, j) : undefined;
    while (isSpace(s[j])) j++;
    if (s[j] !== '}' || s[j + 1] !== '}') {
      open = s.indexOf('{{', open + 1);
      continue;
    }
    const end = j + 2;
    const v = name !== undefined ? placeholderValue(vars, name) : undefined;
    if (v === undefined) unfilled.push(name ?? '');
    else {
      out += s.slice(copied, open) + v;
      copied = end;
    }
    open = s.indexOf('{{', end);
  }
  return { value: copied === 0 ? s : out + s.slice(copied), unfilled };
}
