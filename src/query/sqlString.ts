// The one way a value becomes a string literal in a statement we write — Open as Query, Copy as Query,
// the quick fixes and completion. It must read back as the same value through our lexer, which takes
// both SQL's doubled quote ('') and a backslash escape (\' and \\): a lone backslash left as is would
// swallow the next character, or the closing quote, and the statement would name another value.

/** `value` as the inside of a '…' literal (for text typed inside an open quote). */
export function sqlStringBody(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "''");
}

/** `value` as a complete '…' string literal. */
export function sqlString(value: string): string {
  return `'${sqlStringBody(value)}'`;
}
