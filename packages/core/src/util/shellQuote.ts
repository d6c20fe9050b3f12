/** Quote one argument for a POSIX shell only when needed, so fix commands stay copy-pasteable. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./~-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
