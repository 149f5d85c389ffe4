/** Escapes `%`, `_` and `\` so user text matches literally inside a LIKE pattern. */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** A LIKE pattern matching the text anywhere (`%text%`), the text taken literally. */
export function containsPattern(value: string): string {
  return `%${escapeLike(value)}%`;
}
