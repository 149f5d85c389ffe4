import type { CSSProperties } from 'react';

type Range = { start: number; end: number };

/** Merges overlapping ranges, in order. */
function merge(ranges: Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

export const TEXT_STYLE: CSSProperties = {
  whiteSpace: 'pre-wrap',
  lineHeight: 1.9,
  fontSize: 14,
  maxHeight: 520,
  overflow: 'auto',
  padding: 12,
  background: '#fafafa',
  border: '1px solid #f0f0f0',
  borderRadius: 6,
};

/** A text with some ranges marked (shared passages of the copy check). */
export function HighlightedText({
  text,
  ranges,
  testId,
}: {
  text: string;
  ranges: Range[];
  testId?: string;
}) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const r of merge(ranges)) {
    if (r.start > at) parts.push({ text: text.slice(at, r.start), marked: false });
    parts.push({ text: text.slice(r.start, r.end), marked: true });
    at = r.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return (
    <div style={TEXT_STYLE} data-testid={testId}>
      {parts.map((p, i) =>
        p.marked ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, in order
          <mark key={i} style={{ background: '#ffd8bf', padding: 0 }}>
            {p.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one text, in order
          <span key={i}>{p.text}</span>
        ),
      )}
    </div>
  );
}
