import {
  AlignmentType,
  BorderStyle,
  Document,
  HeightRule,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';

/**
 * A Chinese government-style paper form as a Word document: A4, a centred title, one bordered table
 * of label cells and value cells, long text wrapping inside its cell, signature and date lines.
 * Domain modules describe their form (附件一, 附件二 …) in these terms; this builds the .docx.
 */

/** A cell of the form's table. `span` counts grid columns (default 1). */
export type FormCell =
  /** A caption: centred, bold. */
  | { kind: 'label'; text: string; span?: number }
  /** A filled-in value; `block` aligns it to the top for long text. */
  | { kind: 'value'; text: string; span?: number; block?: boolean }
  /** Signature and date lines, bottom right of a cell (e.g. "谈话人（签字）：" / "年 月 日"). */
  | { kind: 'signature'; lines: string[]; caption?: string; span?: number };

/** A row of the table; `minHeightCm` keeps room for writing by hand on the blank form. */
export type FormRow = { cells: FormCell[]; minHeightCm?: number };

export type PaperForm = {
  /** Top-left above the title (e.g. 附件一). */
  heading?: string;
  title: string;
  /** A line under the title: left part (e.g. the unit) and right part (e.g. 编号 or the year). */
  subtitle?: { left?: string; right?: string };
  /** Relative widths of the grid's columns (e.g. [1.2, 2.3, 1.2, 2.3]). */
  columns: number[];
  rows: FormRow[];
  /** A small note under the table (填表说明). */
  note?: string;
  /** Document properties. */
  meta?: { subject?: string; creator?: string };
};

/** `2026-03-20` → `2026年3月20日`; blank for a paper form filled by hand: `年　月　日`. */
export function chineseDate(date: string | null | undefined): string {
  if (!date) return '　　年　　月　　日';
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Text helpers for callers. */
export const label = (text: string, span?: number): FormCell => ({ kind: 'label', text, span });
export const value = (text: string | null | undefined, span?: number, block = false): FormCell => ({
  kind: 'value',
  text: text ?? '',
  span,
  block,
});
export const signature = (lines: string[], caption?: string, span?: number): FormCell => ({
  kind: 'signature',
  lines,
  caption,
  span,
});

// A4 in twentieths of a point; margins 2.3 cm top, 2 cm bottom, 2.2 cm left and right.
const PAGE = { width: 11906, height: 16838, top: 1304, bottom: 1134, left: 1247, right: 1247 };
const TABLE_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const TWIPS_PER_CM = 567;
// The eastAsia hint makes shared symbols (☐ ☑ —) take the Chinese font too, not Times New Roman.
const BODY = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', hint: 'eastAsia' };
const HEADING = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体', hint: 'eastAsia' };
const BODY_SIZE = 24; // 小四 (12 pt), in half-points
const TITLE_SIZE = 36; // 小二 (18 pt)
const LINE = { line: 320, before: 0, after: 0 };

function run(text: string, options: { bold?: boolean; size?: number; font?: typeof BODY } = {}) {
  return new TextRun({
    text,
    bold: options.bold,
    size: options.size ?? BODY_SIZE,
    font: options.font ?? BODY,
  });
}

/** Paragraphs of a text, one per line; an empty text still gives one (empty) paragraph. */
function paragraphs(
  text: string,
  alignment: (typeof AlignmentType)[keyof typeof AlignmentType],
  bold = false,
) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return lines.map((line) => new Paragraph({ alignment, spacing: LINE, children: [run(line, { bold })] }));
}

function widthOf(columns: number[], from: number, span: number): number {
  const total = columns.reduce((a, b) => a + b, 0);
  const share = columns.slice(from, from + span).reduce((a, b) => a + b, 0);
  return Math.round((TABLE_WIDTH * share) / total);
}

function cellOf(cell: FormCell, width: number): TableCell {
  const common = {
    columnSpan: cell.span && cell.span > 1 ? cell.span : undefined,
    width: { size: width, type: WidthType.DXA },
    margins: { left: 100, right: 100, top: 60, bottom: 60 },
  };
  if (cell.kind === 'label')
    return new TableCell({
      ...common,
      verticalAlign: VerticalAlignTable.CENTER,
      children: paragraphs(cell.text, AlignmentType.CENTER, true),
    });
  if (cell.kind === 'value')
    return new TableCell({
      ...common,
      verticalAlign: cell.block ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
      children: paragraphs(cell.text, cell.block ? AlignmentType.LEFT : AlignmentType.LEFT),
    });
  return new TableCell({
    ...common,
    verticalAlign: VerticalAlignTable.BOTTOM,
    children: [
      ...(cell.caption ? paragraphs(cell.caption, AlignmentType.LEFT) : []),
      ...cell.lines.flatMap((line) => paragraphs(line, AlignmentType.RIGHT)),
    ],
  });
}

function rowOf(row: FormRow, columns: number[]): TableRow {
  let at = 0;
  const cells = row.cells.map((cell) => {
    const span = cell.span ?? 1;
    const built = cellOf(cell, widthOf(columns, at, span));
    at += span;
    return built;
  });
  if (at !== columns.length) throw new Error(`form row spans ${at} of ${columns.length} columns`);
  return new TableRow({
    children: cells,
    // Short rows stay whole; a long text may run on to the next page rather than push its row there.
    cantSplit: !row.cells.some((c) => c.kind === 'value' && c.block),
    height: row.minHeightCm
      ? { value: Math.round(row.minHeightCm * TWIPS_PER_CM), rule: HeightRule.ATLEAST }
      : undefined,
  });
}

/** Builds the .docx of a paper form. */
export async function buildPaperForm(form: PaperForm): Promise<Buffer> {
  const outer = { style: BorderStyle.SINGLE, size: 12, color: '000000' };
  const inner = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
  const table = new Table({
    width: { size: TABLE_WIDTH, type: WidthType.DXA },
    columnWidths: form.columns.map((_, i) => widthOf(form.columns, i, 1)),
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    borders: {
      top: outer,
      bottom: outer,
      left: outer,
      right: outer,
      insideHorizontal: inner,
      insideVertical: inner,
    },
    rows: form.rows.map((row) => rowOf(row, form.columns)),
  });
  const children: (Paragraph | Table)[] = [];
  if (form.heading)
    children.push(
      new Paragraph({
        spacing: { before: 0, after: 120, line: 300 },
        children: [run(form.heading, { font: HEADING })],
      }),
    );
  children.push(
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 0, after: 240, line: 400 },
      children: [run(form.title, { size: TITLE_SIZE, font: HEADING, bold: true })],
    }),
  );
  if (form.subtitle)
    children.push(
      new Paragraph({
        spacing: { before: 0, after: 120, line: 300 },
        tabStops: [{ type: 'right', position: TABLE_WIDTH }],
        children: [run(form.subtitle.left ?? ''), run(`\t${form.subtitle.right ?? ''}`)],
      }),
    );
  children.push(table);
  if (form.note)
    children.push(
      new Paragraph({
        spacing: { before: 120, after: 0, line: 280 },
        children: [run(form.note, { size: 18 })],
      }),
    );
  const doc = new Document({
    title: form.title,
    subject: form.meta?.subject,
    creator: form.meta?.creator ?? 'Houbei',
    styles: { default: { document: { run: { font: BODY, size: BODY_SIZE } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
