import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { MAX_REFLECTION_CHARS } from '../../../contracts/reflections.js';
import { AppError } from '../../platform/errors.js';
import { DOCUMENT_TYPES, detectDocumentType } from '../../platform/file-type.js';
import { assertSafeZip } from '../../platform/safe-zip.js';

/** Largest reflection file accepted. */
export const MAX_REFLECTION_FILE_BYTES = 10 * 1024 * 1024;
/** A Word file of a few pages unpacks to well under this; more is a zip bomb. */
const DOCX_LIMITS = { maxEntries: 1000, maxUnpackedBytes: 60 * 1024 * 1024, maxRatio: 200 } as const;
const MAX_PDF_PAGES = 300;

const WRONG_TYPE = {
  zh: '请上传 Word（.docx）或 PDF 文件。',
  en: 'Upload a Word (.docx) or PDF file.',
};
const UNREADABLE = {
  zh: '无法读取文件中的文字，请确认文件未损坏、未加密，且不是扫描图片。',
  en: 'No text could be read from the file (damaged, encrypted or a scanned image?).',
};

export type ExtractedText = { text: string; mimeType: string };

/** Line breaks as \n, no trailing spaces, at most one empty line between paragraphs. */
export function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/**
 * The text of an uploaded .docx (mammoth) or .pdf (unpdf), recognised by content, within the size
 * limit, a Word file checked against zip bombs before it is opened. Refuses other files, files
 * without text (a scanned PDF), and texts longer than a reflection may be.
 */
export async function extractReflectionText(buffer: Buffer): Promise<ExtractedText> {
  if (buffer.length > MAX_REFLECTION_FILE_BYTES)
    throw new AppError('file_too_large', null, {
      zh: '文件不能超过 10 MB。',
      en: 'The file must be at most 10 MB.',
    });
  const type = await detectDocumentType(buffer);
  let raw: string;
  if (type === DOCUMENT_TYPES.docx) {
    await assertSafeZip(buffer, DOCX_LIMITS, WRONG_TYPE);
    raw = await mammoth
      .extractRawText({ buffer })
      .then((r) => r.value)
      .catch(() => {
        throw new AppError('invalid_file', null, UNREADABLE);
      });
  } else if (type === DOCUMENT_TYPES.pdf) {
    raw = await readPdf(buffer);
  } else {
    throw new AppError('invalid_file', null, WRONG_TYPE);
  }
  const text = tidyText(raw);
  if (!text) throw new AppError('invalid_file', null, UNREADABLE);
  if (text.length > MAX_REFLECTION_CHARS)
    throw new AppError('file_too_large', null, {
      zh: `文件中的文字超过 ${MAX_REFLECTION_CHARS} 字，不是一篇心得。`,
      en: `The file holds more than ${MAX_REFLECTION_CHARS} characters of text.`,
    });
  return { text, mimeType: type };
}

async function readPdf(buffer: Buffer): Promise<string> {
  try {
    const pdf = await getDocumentProxy(new Uint8Array(buffer));
    if (pdf.numPages > MAX_PDF_PAGES)
      throw new AppError('file_too_large', null, {
        zh: `PDF 超过 ${MAX_PDF_PAGES} 页。`,
        en: `The PDF has more than ${MAX_PDF_PAGES} pages.`,
      });
    const { text } = await extractText(pdf, { mergePages: true });
    await pdf.destroy();
    return text;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('invalid_file', null, UNREADABLE);
  }
}
