import yauzl from 'yauzl';
import { AppError } from './errors.js';

/** Bounds on what an uploaded Office file (a zip) may unpack to: zip bombs are refused. */
export type ZipLimits = { maxEntries: number; maxUnpackedBytes: number; maxRatio: number };

/**
 * Checks a zip before any parser sees it: it must open, and it must not unpack beyond the limits.
 * Every entry is inflated and counted, since the sizes a zip declares can lie. Returns the entry
 * names; `invalid` is the message when it is not a readable zip.
 */
export async function assertSafeZip(
  buffer: Buffer,
  limits: ZipLimits,
  invalid: { zh: string; en: string },
): Promise<Set<string>> {
  if (buffer.length < 4 || buffer.readUInt32LE(0) !== 0x04034b50)
    throw new AppError('invalid_file', null, invalid);
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (error, file) =>
      error || !file ? reject(new AppError('invalid_file', null, invalid)) : resolve(file),
    ),
  );
  const names = new Set<string>();
  let unpacked = 0;
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      zip.close();
      reject(error instanceof AppError ? error : new AppError('invalid_file', null, invalid));
    };
    const tooBig = () =>
      fail(
        new AppError('file_too_large', null, {
          zh: '文件解压后过大，已拒绝。',
          en: 'The file unpacks to too much data.',
        }),
      );
    zip.on('error', fail);
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      names.add(entry.fileName);
      if (names.size > limits.maxEntries) return tooBig();
      if (entry.uncompressedSize > limits.maxUnpackedBytes) return tooBig();
      if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > limits.maxRatio)
        return tooBig();
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return fail(error);
        stream.on('data', (chunk: Buffer) => {
          unpacked += chunk.length;
          if (unpacked > limits.maxUnpackedBytes) {
            stream.destroy();
            tooBig();
          }
        });
        stream.on('error', fail);
        stream.on('end', () => zip.readEntry());
      });
    });
    zip.readEntry();
  });
  return names;
}
