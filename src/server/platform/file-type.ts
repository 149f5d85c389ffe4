import yauzl from 'yauzl';

/** Document kinds accepted as evidence attachments, recognised by their bytes, not their names. */
export const DOCUMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpeg: 'image/jpeg',
  png: 'image/png',
} as const;

function startsWith(buffer: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => buffer[i] === b);
}

/** The names inside a zip (at most `max`), or null when it is not a readable zip. */
function zipEntryNames(buffer: Buffer, max = 2000): Promise<string[] | null> {
  return new Promise((resolve) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return resolve(null);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        if (names.length >= max) {
          zip.close();
          resolve(names);
        } else zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', () => resolve(null));
      zip.readEntry();
    });
  });
}

/** The MIME type of a PDF, Word, Excel, JPEG or PNG file from its content; null for anything else. */
export async function detectDocumentType(
  buffer: Buffer,
): Promise<(typeof DOCUMENT_TYPES)[keyof typeof DOCUMENT_TYPES] | null> {
  if (startsWith(buffer, [0x25, 0x50, 0x44, 0x46, 0x2d])) return DOCUMENT_TYPES.pdf; // %PDF-
  if (startsWith(buffer, [0xff, 0xd8, 0xff])) return DOCUMENT_TYPES.jpeg;
  if (startsWith(buffer, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return DOCUMENT_TYPES.png;
  if (!startsWith(buffer, [0x50, 0x4b, 0x03, 0x04])) return null;
  const names = await zipEntryNames(buffer);
  if (!names?.includes('[Content_Types].xml')) return null;
  if (names.includes('word/document.xml')) return DOCUMENT_TYPES.docx;
  if (names.includes('xl/workbook.xml')) return DOCUMENT_TYPES.xlsx;
  return null;
}
