import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

/** Reads the one uploaded file (multipart field `file`) into memory, within the size limit. */
export async function readUpload(request: FastifyRequest): Promise<{ buffer: Buffer; fileName: string }> {
  if (!request.isMultipart()) {
    throw new AppError('bad_request', null, {
      zh: '请以表单方式上传文件。',
      en: 'Upload the file as multipart/form-data.',
    });
  }
  const part = await request.file();
  if (!part) throw new AppError('bad_request', null, { zh: '没有收到文件。', en: 'No file was uploaded.' });
  const buffer = await part.toBuffer();
  if (buffer.length === 0)
    throw new AppError('invalid_file', null, { zh: '文件是空的。', en: 'The file is empty.' });
  return { buffer, fileName: part.filename };
}

/** A multipart form: its text fields and its one file (field `file`), within the size limit. */
export async function readForm(
  request: FastifyRequest,
): Promise<{ fields: Record<string, string>; file: { buffer: Buffer; fileName: string } | null }> {
  if (!request.isMultipart()) {
    throw new AppError('bad_request', null, {
      zh: '请以表单方式上传文件。',
      en: 'Upload the file as multipart/form-data.',
    });
  }
  const fields: Record<string, string> = {};
  let file: { buffer: Buffer; fileName: string } | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file' || file) throw new AppError('bad_request');
      file = { buffer: await part.toBuffer(), fileName: part.filename };
    } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
  }
  return { fields, file };
}
