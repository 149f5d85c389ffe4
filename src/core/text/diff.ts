/**
 * The differences between two versions of a text, for the side-by-side comparison of a
 * reflection's versions: first by sentence (Chinese has no spaces between words, so sentences and
 * lines are the natural units), then character by character inside each changed stretch, so a
 * changed word is highlighted, not its whole paragraph.
 */
export type DiffPart = { op: 'equal' | 'delete' | 'insert'; text: string };

/** Largest LCS table (cells) computed; a bigger changed stretch is shown as deleted + inserted whole. */
const MAX_CELLS = 1_000_000;

/** Sentences and lines, each keeping its end mark and the breaks after it. */
export function splitSentences(text: string): string[] {
  return (
    text.match(/[^。！？!?；;\n]*(?:[。！？!?；;]+[”’」』]?|\n+|$)/gu)?.filter((s) => s.length > 0) ?? []
  );
}

type Op = { op: DiffPart['op']; token: string };

/** Longest-common-subsequence diff of two token lists (null when the table would be too big). */
function diffTokens(a: string[], b: string[]): Op[] | null {
  // Common head and tail first: most revisions change a little in the middle.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  const ma = a.slice(head, a.length - tail);
  const mb = b.slice(head, b.length - tail);
  const n = ma.length;
  const m = mb.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) return null;
  const width = m + 1;
  const lcs = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * width + j] =
        ma[i] === mb[j]
          ? lcs[(i + 1) * width + j + 1] + 1
          : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
  const ops: Op[] = a.slice(0, head).map((token) => ({ op: 'equal', token }));
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && ma[i] === mb[j]) {
      ops.push({ op: 'equal', token: ma[i] });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])) {
      // Deletions before insertions, so a replaced word reads "old → new".
      ops.push({ op: 'delete', token: ma[i++] });
    } else {
      ops.push({ op: 'insert', token: mb[j++] });
    }
  }
  for (const token of a.slice(a.length - tail)) ops.push({ op: 'equal', token });
  return ops;
}

function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const part of parts) {
    if (part.text.length === 0) continue;
    const last = out[out.length - 1];
    if (last && last.op === part.op) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}

/** The differences from `before` to `after`: equal, deleted and inserted stretches in order. */
export function diffTexts(before: string, after: string): DiffPart[] {
  const bySentence = diffTokens(splitSentences(before), splitSentences(after));
  if (!bySentence)
    return merge([
      { op: 'delete', text: before },
      { op: 'insert', text: after },
    ]);
  const parts: DiffPart[] = [];
  let deleted: string[] = [];
  let inserted: string[] = [];
  const flush = () => {
    const a = [...deleted.join('')];
    const b = [...inserted.join('')];
    const byChar = a.length && b.length ? diffTokens(a, b) : null;
    if (byChar) parts.push(...byChar.map((o) => ({ op: o.op, text: o.token })));
    else parts.push({ op: 'delete', text: a.join('') }, { op: 'insert', text: b.join('') });
    deleted = [];
    inserted = [];
  };
  for (const o of bySentence) {
    if (o.op === 'delete') deleted.push(o.token);
    else if (o.op === 'insert') inserted.push(o.token);
    else {
      flush();
      parts.push({ op: 'equal', text: o.token });
    }
  }
  flush();
  return merge(parts);
}
