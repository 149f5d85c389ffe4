/**
 * Counts kept per *anchor* unit (the obligation tallies, the people counts) answer for a unit path
 * exactly when the path is the whole organisation ('/'), a root or a root's child: then "the
 * person's unit lies under it" is the same as "the person's anchor does". The anchor of a unit is the
 * unit itself when it is a root or a root's child, else the root's child it lies under
 * (`tally_anchor(path)` in migration 0019).
 */
export function anchorsCover(paths: readonly string[]): boolean {
  return paths.every((p) => p.split('/').filter(Boolean).length <= 2);
}
